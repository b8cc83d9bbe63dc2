/**
 * The bin placement gives each pooled item: the open bin lacking the item's
 * zone (when spreading), then with the least capacity, then the first. A scan
 * of every bin per item costs O(items x bins); heaps ordered by (capacity,
 * index) give the same bin in O(zones x log bins). Entries are never updated
 * in place: a bin that changes gets a new version, and older entries are
 * dropped when they reach the top.
 */

interface Entry {
  readonly capacity: number;
  readonly bin: number;
  readonly version: number;
}

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

const before = (a: Entry, b: Entry) =>
  a.capacity < b.capacity || (a.capacity === b.capacity && a.bin < b.bin);

function push(heap: Entry[], entry: Entry): void {
  let i = heap.push(entry) - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const up = heap[parent] as Entry;
    if (!before(entry, up)) break;
    heap[i] = up;
    i = parent;
  }
  heap[i] = entry;
}

function pop(heap: Entry[]): void {
  const last = heap.pop();
  if (last === undefined || heap.length === 0) return;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child =
      right < heap.length && before(heap[right] as Entry, heap[left] as Entry) ? right : left;
    if (!before(heap[child] as Entry, last)) break;
    heap[i] = heap[child] as Entry;
    i = child;
  }
  heap[i] = last;
}

/** A chooser over `count` bins that answers as a scan would, given finite capacities. */
export function binChooser(count: number, state: BinState, spread: boolean): BinChooser {
  const versions = new Array<number>(count).fill(0);
  const entry = (bin: number): Entry => ({
    capacity: state.capacity(bin),
    bin,
    version: versions[bin] ?? 0,
  });
  const all: Entry[] = [];
  for (let b = 0; b < count; b++) if (state.isOpen(b)) push(all, entry(b));
  // Per zone asked about: the open bins without it (a bin never loses a zone here).
  const lacking = new Map<number, Entry[]>();

  const top = (heap: Entry[], zone: number | undefined): number => {
    for (;;) {
      const first = heap[0];
      if (first === undefined) return -1;
      const stale =
        first.version !== versions[first.bin] ||
        !state.isOpen(first.bin) ||
        (zone !== undefined && state.hasZone(first.bin, zone));
      if (!stale) return first.bin;
      pop(heap);
    }
  };
  const lackingHeap = (zone: number): Entry[] => {
    let heap = lacking.get(zone);
    if (heap === undefined) {
      heap = [];
      for (let b = 0; b < count; b++)
        if (state.isOpen(b) && !state.hasZone(b, zone)) push(heap, entry(b));
      lacking.set(zone, heap);
    }
    return heap;
  };

  return {
    choose(zone) {
      if (spread) {
        const bin = top(lackingHeap(zone), zone);
        if (bin >= 0) return bin;
      }
      return top(all, undefined);
    },
    added(bin) {
      versions[bin] = (versions[bin] ?? 0) + 1;
      if (!state.isOpen(bin)) return;
      push(all, entry(bin));
      for (const [zone, heap] of lacking) if (!state.hasZone(bin, zone)) push(heap, entry(bin));
    },
  };
}
