/**
 * The bin placement gives each pooled item: the open bin lacking the item's
 * zone (when spreading), then with the least capacity, then the first. A scan
 * of every bin per item costs O(items x bins); heaps ordered by (capacity,
 * index) give the same bin in O(zones x log bins). Each heap holds a bin at
 * most once and knows where (an indexed heap on typed arrays): a bin that
 * grows moves in place, one that closes or gains the zone leaves, so choosing
 * allocates nothing per item.
 */

/** The bins' state the chooser reads: kept by placement, told of each change through `added`. */
export interface BinState {
  readonly capacity: (bin: number) => number;
  readonly isOpen: (bin: number) => boolean;
  readonly hasZone: (bin: number, zone: number) => boolean;
}

export interface BinChooser {
  /** The bin for an item of this zone (numbered by the caller), or -1 when no bin is open. */
  choose(zone: number): number;
  /** Says that a bin changed (an item was added to it). */
  added(bin: number): void;
}

/** Bins by (capacity, index): `bins[0]` first; `at[b]` is b's position, -1 when absent. */
interface Heap {
  readonly bins: Int32Array;
  readonly at: Int32Array;
  size: number;
}

type Before = (a: number, b: number) => boolean;

function heapOf(count: number): Heap {
  return { bins: new Int32Array(count), at: new Int32Array(count).fill(-1), size: 0 };
}

function put(heap: Heap, i: number, bin: number): void {
  heap.bins[i] = bin;
  heap.at[bin] = i;
}

function siftUp(heap: Heap, i: number, before: Before): void {
  const bin = heap.bins[i] ?? 0;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const up = heap.bins[parent] ?? 0;
    if (!before(bin, up)) break;
    put(heap, i, up);
    i = parent;
  }
  put(heap, i, bin);
}

function siftDown(heap: Heap, i: number, before: Before): void {
  const bin = heap.bins[i] ?? 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.size) break;
    const right = left + 1;
    const l = heap.bins[left] ?? 0;
    const r = heap.bins[right] ?? 0;
    const child = right < heap.size && before(r, l) ? right : left;
    const down = heap.bins[child] ?? 0;
    if (!before(down, bin)) break;
    put(heap, i, down);
    i = child;
  }
  put(heap, i, bin);
}

function insert(heap: Heap, bin: number, before: Before): void {
  put(heap, heap.size++, bin);
  siftUp(heap, heap.size - 1, before);
}

function remove(heap: Heap, bin: number, before: Before): void {
  const i = heap.at[bin] ?? -1;
  if (i < 0) return;
  heap.at[bin] = -1;
  const last = heap.bins[--heap.size] ?? 0;
  if (i === heap.size) return;
  put(heap, i, last);
  siftUp(heap, i, before);
  siftDown(heap, heap.at[last] ?? i, before);
}

/** A bin of the heap changed capacity (grew, unless a capacity was below 0): it moves to its place. */
function moved(heap: Heap, bin: number, before: Before): void {
  const i = heap.at[bin] ?? -1;
  if (i < 0) return;
  siftUp(heap, i, before);
  siftDown(heap, heap.at[bin] ?? i, before);
}

/** A chooser over `count` bins that answers as a scan would, given finite capacities. */
export function binChooser(count: number, state: BinState, spread: boolean): BinChooser {
  const before: Before = (a, b) => {
    const ca = state.capacity(a);
    const cb = state.capacity(b);
    return ca < cb || (ca === cb && a < b);
  };
  const all = heapOf(count);
  for (let b = 0; b < count; b++) if (state.isOpen(b)) insert(all, b, before);
  // Per zone asked about: the open bins without it (a bin never loses a zone here).
  const lacking = new Map<number, Heap>();
  const lackingHeap = (zone: number): Heap => {
    let heap = lacking.get(zone);
    if (heap === undefined) {
      heap = heapOf(count);
      for (let b = 0; b < count; b++)
        if (state.isOpen(b) && !state.hasZone(b, zone)) insert(heap, b, before);
      lacking.set(zone, heap);
    }
    return heap;
  };

  return {
    choose(zone) {
      if (spread) {
        const heap = lackingHeap(zone);
        if (heap.size > 0) return heap.bins[0] ?? -1;
      }
      return all.size > 0 ? (all.bins[0] ?? -1) : -1;
    },
    added(bin) {
      const open = state.isOpen(bin);
      if (open) moved(all, bin, before);
      else remove(all, bin, before);
      for (const [zone, heap] of lacking) {
        if (open && !state.hasZone(bin, zone)) moved(heap, bin, before);
        else remove(heap, bin, before);
      }
    },
  };
}
