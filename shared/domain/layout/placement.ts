/**
 * Stable, zone-spreading placement of items (instances) into k bins (groups or
 * shards). Items keep their previous bin whenever the constraints allow, so an
 * instance joining or leaving moves as few other addresses as possible:
 * - bin sizes differ by at most one;
 * - with `spreadZones`, every bin spans at least two zones whenever the fleet
 *   allows it (no zone holds more than n - k items), then as many zones as it
 *   can; new items go where their zone is missing and capacity is lowest.
 */
import { binChooser } from './bin-chooser.js';
import { defined } from '../defined.js';

export interface Placeable {
  readonly id: string;
  readonly zone: string;
  readonly capacity: number;
}

export interface PlacementOptions<T extends Placeable = Placeable> {
  readonly bins: number;
  /** Previous bin index of each item, if any: by item id, or asked of the item itself. */
  readonly previous: ReadonlyMap<string, number> | ((item: T) => number | undefined);
  readonly spreadZones: boolean;
}

type Bin = Placeable[];

/** Per bin, what placement asks of it again and again, kept up to date instead of recounted. */
interface Tally {
  capacity: number;
  /** Items per zone; a zone with none is absent, so `size` is the number of zones. */
  readonly zones: Map<string, number>;
}

/**
 * Places every item in exactly one of `bins` bins; deterministic for the same
 * input. The bins hold the very items given, so a caller's extra fields ride along.
 */
export function place<T extends Placeable>(
  items: readonly T[],
  options: PlacementOptions<T>,
): T[][] {
  const k = Math.max(0, options.bins);
  if (k === 0) return [];
  const sorted = [...items].sort(byId);
  const bins: T[][] = Array.from({ length: k }, () => []);
  const pool: T[] = [];
  const previousOf = options.previous;
  for (const item of sorted) {
    const previous =
      typeof previousOf === 'function' ? previousOf(item) : previousOf.get(item.id);
    if (previous !== undefined && previous >= 0 && previous < k) bins[previous]?.push(item);
    else pool.push(item);
  }
  const targets = targetSizes(bins, sorted.length);
  bins.forEach((bin, b) => {
    evictBeyond(bin, targets[b] ?? 0, options.spreadZones, pool);
  });
  pool.sort((a, b) => b.capacity - a.capacity || byId(a, b));
  // Summed in each bin's order, then added to as items arrive: the same sums, to the last bit.
  const tallies = bins.map((bin): Tally => ({ capacity: capacityOf(bin), zones: zoneCounts(bin) }));
  const chooser = chooserFor(bins, tallies, targets, pool, options.spreadZones);
  for (const item of pool) {
    const b = chooser.choose(item);
    defined(bins[b], 'the chosen bin').push(item);
    const tally = defined(tallies[b], "the chosen bin's tally");
    tally.capacity += item.capacity;
    tally.zones.set(item.zone, (tally.zones.get(item.zone) ?? 0) + 1);
    chooser.added(b);
  }
  if (options.spreadZones) repairZones(bins, tallies, new Set(sorted.map((i) => i.zone)).size);
  return bins.map((bin) => [...bin].sort(byId));
}

function byId(a: Placeable, b: Placeable): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sizes differ by at most one; the larger sizes go to the bins that already hold more. */
function targetSizes(bins: readonly Bin[], n: number): number[] {
  const base = Math.floor(n / bins.length);
  const extra = n % bins.length;
  const order = bins
    .map((bin, b) => ({ b, held: bin.length }))
    .sort((x, y) => y.held - x.held || x.b - y.b);
  const targets = bins.map(() => base);
  order.slice(0, extra).forEach(({ b }) => (targets[b] = base + 1));
  return targets;
}

function zoneCounts(bin: readonly Placeable[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of bin) counts.set(item.zone, (counts.get(item.zone) ?? 0) + 1);
  return counts;
}

function capacityOf(bin: readonly Placeable[]): number {
  return bin.reduce((sum, item) => sum + item.capacity, 0);
}

/**
 * Moves items beyond `target` to the pool, each time the one whose zone is
 * most repeated in the bin (the one the bin misses least; the highest id
 * among equals), or the highest id when zones do not matter.
 */
function evictBeyond(bin: Bin, target: number, spreadZones: boolean, pool: Placeable[]): void {
  if (bin.length <= target) return;
  const counts = zoneCounts(bin);
  while (bin.length > target) {
    let victim = bin.length - 1;
    if (spreadZones) {
      let best = -1;
      bin.forEach((item, i) => {
        const repeat = counts.get(item.zone) ?? 0;
        if (repeat > best || (repeat === best && byId(item, bin[victim] ?? item) > 0)) {
          best = repeat;
          victim = i;
        }
      });
    }
    const evicted = defined(bin.splice(victim, 1)[0], 'the evicted item');
    counts.set(evicted.zone, (counts.get(evicted.zone) ?? 0) - 1);
    pool.push(evicted);
  }
}

/**
 * The heaps of binChooser while every capacity, and any sum of them, is a
 * finite number (what a fleet's are); the scan, which they answer as, else.
 */
function chooserFor(
  bins: readonly Bin[],
  tallies: readonly Tally[],
  targets: readonly number[],
  pool: readonly Placeable[],
  spread: boolean,
): { choose: (item: Placeable) => number; added: (bin: number) => void } {
  let magnitude = 0;
  for (const item of pool) magnitude += Math.abs(item.capacity);
  for (const tally of tallies) magnitude += Math.abs(tally.capacity);
  if (!(magnitude < 1e300)) {
    return { choose: (item) => chooseBin(bins, tallies, targets, item, spread), added: () => {} };
  }
  const chooser = binChooser(
    bins.length,
    {
      capacity: (b) => defined(tallies[b], "a bin's tally").capacity,
      isOpen: (b) => (bins[b]?.length ?? 0) < (targets[b] ?? 0),
      hasZone: (b, zone) => defined(tallies[b], "a bin's tally").zones.has(zone),
    },
    spread,
  );
  return {
    choose: (item) => chooser.choose(item.zone),
    added: (b) => {
      chooser.added(b);
    },
  };
}

/** The open bin lacking the item's zone (when spreading), then with the least capacity, then the first. */
function chooseBin(
  bins: readonly Bin[],
  tallies: readonly Tally[],
  targets: readonly number[],
  item: Placeable,
  spread: boolean,
): number {
  let best = -1;
  let bestHas = Infinity;
  let bestCapacity = Infinity;
  for (let b = 0; b < bins.length; b++) {
    if ((bins[b]?.length ?? 0) >= (targets[b] ?? 0)) continue;
    const tally = defined(tallies[b], "a bin's tally");
    const has = spread && tally.zones.has(item.zone) ? 1 : 0;
    if (has < bestHas || (has === bestHas && tally.capacity < bestCapacity)) {
      best = b;
      bestHas = has;
      bestCapacity = tally.capacity;
    }
  }
  return best;
}

/** A bin's share of the zone deficit: (1 if below two zones when it could have two, zones missing). */
function deficit(distinct: number, length: number, zones: number): [number, number] {
  const wanted = Math.min(zones, length);
  return [distinct < Math.min(2, wanted) ? 1 : 0, wanted - distinct];
}

function sum(a: [number, number], b: [number, number]): [number, number] {
  return [a[0] + b[0], a[1] + b[1]];
}

function better(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** The index of the first item of each zone in a bin. */
function firstOfZones(bin: readonly Placeable[]): Map<string, number> {
  const first = new Map<string, number>();
  bin.forEach((item, i) => {
    if (!first.has(item.zone)) first.set(item.zone, i);
  });
  return first;
}

/**
 * Swaps pairs of items between bins while that lowers the zone deficit
 * (bins below two zones first, then zones missing overall). Each accepted swap
 * strictly lowers it, so the loop ends; when no zone holds more than n - k
 * items, a swap that lifts a single-zone bin always exists, so every bin ends
 * with at least two zones. The swap taken is always the first in the order
 * (bin, item, other bin, other item) that helps, found from zone tallies:
 * whether a swap helps depends on the two zones alone.
 */
function repairZones(bins: Bin[], tallies: readonly Tally[], zones: number): void {
  if (zones < 2) return;
  const firsts = bins.map(firstOfZones);
  for (;;) {
    const swap = firstSwap(bins, tallies, firsts, zones);
    if (swap === undefined) return;
    const [g, i, h, j] = swap;
    const bin = defined(bins[g], 'a bin');
    const other = defined(bins[h], 'a bin');
    const a = defined(bin[i], 'an item of a bin');
    const b = defined(other[j], 'an item of a bin');
    bin[i] = b;
    other[j] = a;
    move(defined(tallies[g], "a bin's tally").zones, a.zone, b.zone);
    move(defined(tallies[h], "a bin's tally").zones, b.zone, a.zone);
    firsts[g] = firstOfZones(bin);
    firsts[h] = firstOfZones(other);
  }
}

/** One item of zone `from` leaves, one of zone `to` arrives. */
function move(counts: Map<string, number>, from: string, to: string): void {
  const left = (counts.get(from) ?? 0) - 1;
  if (left > 0) counts.set(from, left);
  else counts.delete(from);
  counts.set(to, (counts.get(to) ?? 0) + 1);
}

function firstSwap(
  bins: readonly Bin[],
  tallies: readonly Tally[],
  firsts: readonly Map<string, number>[],
  zones: number,
): [number, number, number, number] | undefined {
  for (let g = 0; g < bins.length; g++) {
    const bin = defined(bins[g], 'a bin');
    const counts = defined(tallies[g], "a bin's tally").zones;
    if (counts.size >= Math.min(zones, bin.length)) continue;
    // Items of a zone already tried fare as the first of them did.
    const tried = new Set<string>();
    for (let i = 0; i < bin.length; i++) {
      const zone = defined(bin[i], 'an item of a bin').zone;
      if ((counts.get(zone) ?? 0) < 2 || tried.has(zone)) continue;
      tried.add(zone);
      for (let h = 0; h < bins.length; h++) {
        if (h === g) continue;
        const j = firstHelpingPartner(bins, tallies, firsts, zones, g, zone, h);
        if (j !== undefined) return [g, i, h, j];
      }
    }
  }
  return undefined;
}

/**
 * The first item of bin h whose swap with an item of `zone` from bin g lowers
 * the deficit. The item leaving g has company of its zone there and the one
 * arriving brings a zone g lacks, so g gains a zone; h may lose the arriving
 * item's zone and gain `zone`.
 */
function firstHelpingPartner(
  bins: readonly Bin[],
  tallies: readonly Tally[],
  firsts: readonly Map<string, number>[],
  zones: number,
  g: number,
  zone: string,
  h: number,
): number | undefined {
  const mine = defined(tallies[g], "a bin's tally").zones;
  const theirs = defined(tallies[h], "a bin's tally").zones;
  const size = defined(bins[g], 'a bin').length;
  const otherSize = defined(bins[h], 'a bin').length;
  const before = sum(deficit(mine.size, size, zones), deficit(theirs.size, otherSize, zones));
  const gained = deficit(mine.size + 1, size, zones);
  let found: number | undefined;
  for (const [other, j] of defined(firsts[h], "a bin's first items")) {
    if (mine.has(other) || (found !== undefined && j >= found)) continue;
    const distinct = theirs.size - (theirs.get(other) === 1 ? 1 : 0) + (theirs.has(zone) ? 0 : 1);
    if (better(sum(gained, deficit(distinct, otherSize, zones)), before)) found = j;
  }
  return found;
}
