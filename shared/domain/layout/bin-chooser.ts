/**
 * The bin placement gives each pooled item: the open bin lacking the item's
 * zone (when spreading), then with the least capacity, then the first. A scan
 * of every bin per item costs O(items x bins); heaps ordered by (capacity,
 * index) give the same bin in O(zones x log bins). Each heap holds a bin at
 * most once, on typed arrays, with the capacity it had when last placed in the
 * heap. Capacities only grow (every item's is at least 0), so a bin's key is
 * never above its capacity: a bin at the top whose key is behind sinks to its
 * place, one closed or holding the zone leaves, and a top whose key is current
 * is the scan's answer. Nothing is done per added item, nothing allocated.
 */

/**
 * The bins' state the chooser reads, kept up to date by placement: arrays,
 * not callbacks, so that the chooser is module-level functions only (V8
 * compiled callbacks made per placement afresh in every plan: see grouped.ts).
 */
export interface BinState {
  /** Each bin's items: a bin is open while it holds fewer than its target. */
  readonly bins: readonly (readonly number[])[];
  readonly targets: readonly number[];
  /** Each bin's capacity. */
  readonly capacity: readonly number[];
  /** Bin b's items of zone z at b * zones + z. */
  readonly counts: Int32Array;
  readonly zones: number;
}

/** The chooser: the heaps it keeps over a placement's bins. */
export interface BinChooser {
  readonly state: BinState;
  readonly spread: boolean;
  readonly all: Heap;
  /** Per zone asked about: the open bins without it (a bin never loses a zone here). */
  readonly lacking: Map<number, Heap>;
}

function isOpen(state: BinState, bin: number): boolean {
  return (state.bins[bin]?.length ?? 0) < (state.targets[bin] ?? 0);
}

function hasZone(state: BinState, bin: number, zone: number): boolean {
  return (state.counts[bin * state.zones + zone] ?? 0) > 0;
}

/** Bins by (key, index), `bins[0]` first; `key[b]`: b's capacity when last placed. */
export interface Heap {
  readonly bins: Int32Array;
  readonly key: Float64Array;
  size: number;
}

function heapOf(count: number): Heap {
  return { bins: new Int32Array(count), key: new Float64Array(count), size: 0 };
}

function before(heap: Heap, a: number, b: number): boolean {
  const ka = heap.key[a] ?? 0;
  const kb = heap.key[b] ?? 0;
  return ka < kb || (ka === kb && a < b);
}

function insert(heap: Heap, bin: number, capacity: number): void {
  heap.key[bin] = capacity;
  let i = heap.size++;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const up = heap.bins[parent] ?? 0;
    if (!before(heap, bin, up)) break;
    heap.bins[i] = up;
    i = parent;
  }
  heap.bins[i] = bin;
}

/** Sinks the top bin (its key raised, or the last bin moved there) to its place. */
function sinkTop(heap: Heap): void {
  const bin = heap.bins[0] ?? 0;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.size) break;
    const right = left + 1;
    const l = heap.bins[left] ?? 0;
    const r = heap.bins[right] ?? 0;
    const child = right < heap.size && before(heap, r, l) ? right : left;
    const down = heap.bins[child] ?? 0;
    if (!before(heap, down, bin)) break;
    heap.bins[i] = down;
    i = child;
  }
  heap.bins[i] = bin;
}

function dropTop(heap: Heap): void {
  heap.size--;
  if (heap.size === 0) return;
  heap.bins[0] = heap.bins[heap.size] ?? 0;
  sinkTop(heap);
}

/**
 * A chooser over the state's bins that answers as a scan would, given finite
 * capacities that only grow (every item's at least 0).
 */
export function binChooser(state: BinState, spread: boolean): BinChooser {
  const count = state.bins.length;
  const all = heapOf(count);
  for (let b = 0; b < count; b++) if (isOpen(state, b)) insert(all, b, state.capacity[b] ?? 0);
  return { state, spread, all, lacking: new Map() };
}

function lackingHeap(chooser: BinChooser, zone: number): Heap {
  let heap = chooser.lacking.get(zone);
  if (heap === undefined) {
    const { state } = chooser;
    const count = state.bins.length;
    heap = heapOf(count);
    for (let b = 0; b < count; b++)
      if (isOpen(state, b) && !hasZone(state, b, zone)) insert(heap, b, state.capacity[b] ?? 0);
    chooser.lacking.set(zone, heap);
  }
  return heap;
}

function top(state: BinState, heap: Heap, zone: number | undefined): number {
  while (heap.size > 0) {
    const bin = heap.bins[0] ?? 0;
    if (!isOpen(state, bin) || (zone !== undefined && hasZone(state, bin, zone))) {
      dropTop(heap);
      continue;
    }
    const capacity = state.capacity[bin] ?? 0;
    if (capacity === heap.key[bin]) return bin;
    heap.key[bin] = capacity;
    sinkTop(heap);
  }
  return -1;
}

/**
 * The bin for an item of this zone (numbered by the caller), or -1 when no
 * bin is open. A bin that changed (an item added) is read when it reaches a
 * top again: see the file's comment.
 */
export function chooseFrom(chooser: BinChooser, zone: number): number {
  if (chooser.spread) {
    const bin = top(chooser.state, lackingHeap(chooser, zone), zone);
    if (bin >= 0) return bin;
  }
  return top(chooser.state, chooser.all, undefined);
}
