/**
 * Stable, zone-spreading placement of items (instances) into k bins (groups or
 * shards). Items keep their previous bin whenever the constraints allow, so an
 * instance joining or leaving moves as few other addresses as possible:
 * - bin sizes differ by at most one;
 * - with `spreadZones`, every bin spans at least two zones whenever the fleet
 *   allows it (no zone holds more than n - k items), then as many zones as it
 *   can without moving an item that sits in its previous bin (a third zone is
 *   not worth moving a serving address: one leaving then moves at most three
 *   others, one joining none); new items go where their zone is missing and
 *   capacity is lowest.
 */
import { binChooser, chooseFrom } from './bin-chooser.js';
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

/** A bin holds items by their index in the id-sorted items: ids then compare as numbers. */
type Bin = number[];

/**
 * Per bin, what placement asks of it again and again, kept up to date instead
 * of recounted. Zones are numbered in order of first appearance; `counts`
 * holds bin b's items of zone z at b * zones + z.
 */
interface Tallies {
  readonly zones: number;
  readonly capacity: number[];
  /** How many zones each bin holds. */
  readonly distinct: number[];
  readonly counts: Int32Array;
}

/**
 * The items as placement works on them, by their index in id order (ids then
 * compare as numbers): each zone a number (in order of first appearance), each
 * previous bin, -1 for none.
 */
export interface PlacementFleet {
  readonly capacity: Float64Array;
  readonly zoneOf: Int32Array;
  readonly zones: number;
  /** Each item's previous bin, -1 for none: an item there is anchored, moving it is churn. */
  readonly previous: Int32Array;
}

/**
 * Places every item (ids unique) in exactly one of `bins` bins; deterministic
 * for the same input. The bins hold the very items given, so a caller's extra
 * fields ride along.
 */
export function place<T extends Placeable>(
  items: readonly T[],
  options: PlacementOptions<T>,
): T[][] {
  const k = Math.max(0, options.bins);
  if (k === 0) return [];
  const sorted = inIdOrder(items) ? items : [...items].sort(byId);
  const placed: T[][] = [];
  for (const bin of placeIndexes(fleetOf(sorted, options.previous), k, options.spreadZones))
    placed.push(itemsOf(bin, sorted));
  return placed;
}

/**
 * Placement by index (see PlacementFleet): each bin the indexes of its items,
 * ascending. What `place` does once it has numbered the items; a caller that
 * already holds them in id order hands their numbers and allocates no item.
 */
export function placeIndexes(
  fleet: PlacementFleet,
  count: number,
  spreadZones: boolean,
): Int32Array[] {
  const k = Math.max(0, count);
  if (k === 0) return [];
  const n = fleet.zoneOf.length;
  const bins: Bin[] = [];
  for (let b = 0; b < k; b++) bins.push([]);
  const pool: number[] = [];
  for (let i = 0; i < n; i++) {
    const previous = fleet.previous[i] ?? -1;
    if (previous >= 0 && previous < k) bins[previous]?.push(i);
    else pool.push(i);
  }
  const targets = targetSizes(bins, n);
  const tallies = talliesOf(bins, fleet);
  for (let b = 0; b < k; b++) {
    evictBeyond(bins[b] as Bin, b, targets[b] ?? 0, spreadZones, fleet, tallies, pool);
  }
  // Summed in each bin's order, then added to as items arrive: the same sums, to the last bit.
  for (let b = 0; b < k; b++) tallies.capacity[b] = capacityOf(bins[b] as Bin, fleet);
  const capacity = fleet.capacity;
  const pooled = byCapacityThenIndex(pool, capacity);
  const chooser = heapsFit(tallies, pooled, fleet)
    ? binChooser(
        { bins, targets, capacity: tallies.capacity, counts: tallies.counts, zones: tallies.zones },
        spreadZones,
      )
    : undefined;
  for (const i of pooled) {
    const zone = fleet.zoneOf[i] ?? 0;
    const b =
      chooser === undefined
        ? chooseBin(bins, tallies, targets, zone, spreadZones)
        : chooseFrom(chooser, zone);
    defined(bins[b], 'the chosen bin').push(i);
    tallies.capacity[b] = (tallies.capacity[b] ?? 0) + (capacity[i] ?? 0);
    addTo(tallies, b, zone);
  }
  if (spreadZones) repairZones(bins, tallies, fleet);
  const placed: Int32Array[] = [];
  for (const bin of bins) placed.push(Int32Array.from(bin).sort());
  return placed;
}

/**
 * The indexes of `ids` (unique) in id order, as placement numbers items: one
 * pass when they already come in that order, as the members do.
 */
export function idOrder(ids: readonly string[]): number[] {
  const order: number[] = [];
  let sorted = true;
  for (let i = 0; i < ids.length; i++) {
    if (i > 0 && (ids[i - 1] as string) > (ids[i] as string)) sorted = false;
    order.push(i);
  }
  if (sorted) return order;
  return order.sort((a, b) => {
    const x = ids[a] as string;
    const y = ids[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** A previous bin as PlacementFleet holds it: -1 for none, or for what no bin can be. */
export function previousBin(bin: number | undefined): number {
  return bin !== undefined && Number.isInteger(bin) && bin >= 0 && bin <= 0x7fffffff ? bin : -1;
}

/** A bin's items, from their indexes in id order. */
function itemsOf<T>(bin: Int32Array, sorted: readonly T[]): T[] {
  const items: T[] = [];
  for (const i of bin) items.push(defined(sorted[i], 'a placed item'));
  return items;
}

/** Callers mostly hand the members' order, already by id: one pass then saves a sort of strings. */
function inIdOrder(items: readonly Placeable[]): boolean {
  for (let i = 1; i < items.length; i++) {
    if (byId(items[i - 1] as Placeable, items[i] as Placeable) > 0) return false;
  }
  return true;
}

function byId(a: Placeable, b: Placeable): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The id-sorted items as placement numbers them (PlacementFleet). */
function fleetOf<T extends Placeable>(
  sorted: readonly T[],
  previousOf: PlacementOptions<T>['previous'],
): PlacementFleet {
  const numbers = new Map<string, number>();
  const zoneOf = new Int32Array(sorted.length);
  const capacity = new Float64Array(sorted.length);
  const previous = new Int32Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const item = sorted[i] as T;
    let zone = numbers.get(item.zone);
    if (zone === undefined) {
      zone = numbers.size;
      numbers.set(item.zone, zone);
    }
    zoneOf[i] = zone;
    capacity[i] = item.capacity;
    previous[i] = previousBin(
      typeof previousOf === 'function' ? previousOf(item) : previousOf.get(item.id),
    );
  }
  return { capacity, zoneOf, zones: numbers.size, previous };
}

/**
 * The pool by capacity, largest first, then by index. A fleet has a few
 * capacities (one per instance type): the pool's indexes sorted as numbers,
 * then dealt stably into one run per capacity, cost less than a sort calling
 * a comparator for every pair. Many distinct or non-finite capacities sort as before.
 */
function byCapacityThenIndex(pool: readonly number[], capacity: Float64Array): Int32Array {
  const counts = new Map<number, number>();
  for (const i of pool) {
    const c = capacity[i] ?? 0;
    if (!Number.isFinite(c) || counts.size > 64) {
      return Int32Array.from(
        [...pool].sort((a, b) => (capacity[b] ?? 0) - (capacity[a] ?? 0) || a - b),
      );
    }
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const start = new Map<number, number>();
  let at = 0;
  for (const c of [...counts.keys()].sort((a, b) => b - a)) {
    start.set(c, at);
    at += counts.get(c) ?? 0;
  }
  const ordered = new Int32Array(pool.length);
  for (const i of Int32Array.from(pool).sort()) {
    const c = capacity[i] ?? 0;
    const next = start.get(c) ?? 0;
    ordered[next] = i;
    start.set(c, next + 1);
  }
  return ordered;
}

/** Sizes differ by at most one; the larger sizes go to the bins that already hold more. */
const mostHeldFirst = (x: { b: number; held: number }, y: { b: number; held: number }) =>
  y.held - x.held || x.b - y.b;

function targetSizes(bins: readonly Bin[], n: number): number[] {
  const base = Math.floor(n / bins.length);
  const extra = n % bins.length;
  const order: { b: number; held: number }[] = [];
  const targets: number[] = [];
  for (let b = 0; b < bins.length; b++) {
    order.push({ b, held: (bins[b] as Bin).length });
    targets.push(base);
  }
  order.sort(mostHeldFirst);
  for (let at = 0; at < extra; at++) targets[(order[at] as { b: number }).b] = base + 1;
  return targets;
}

function talliesOf(bins: readonly Bin[], fleet: PlacementFleet): Tallies {
  const capacity: number[] = [];
  const distinct: number[] = [];
  for (let b = 0; b < bins.length; b++) {
    capacity.push(0);
    distinct.push(0);
  }
  const zones = fleet.zones;
  const tallies: Tallies = {
    zones,
    capacity,
    distinct,
    counts: new Int32Array(bins.length * zones),
  };
  for (let b = 0; b < bins.length; b++)
    for (const i of bins[b] as Bin) addTo(tallies, b, fleet.zoneOf[i] ?? 0);
  return tallies;
}

function countOf(tallies: Tallies, bin: number, zone: number): number {
  return tallies.counts[bin * tallies.zones + zone] ?? 0;
}

function addTo(tallies: Tallies, bin: number, zone: number): void {
  const at = bin * tallies.zones + zone;
  const count = tallies.counts[at] ?? 0;
  if (count === 0) tallies.distinct[bin] = (tallies.distinct[bin] ?? 0) + 1;
  tallies.counts[at] = count + 1;
}

function takeFrom(tallies: Tallies, bin: number, zone: number): void {
  const at = bin * tallies.zones + zone;
  const count = tallies.counts[at] ?? 0;
  if (count === 1) tallies.distinct[bin] = (tallies.distinct[bin] ?? 0) - 1;
  tallies.counts[at] = count - 1;
}

function capacityOf(bin: Bin, fleet: PlacementFleet): number {
  let sum = 0;
  for (const i of bin) sum += fleet.capacity[i] ?? 0;
  return sum;
}

/**
 * Moves items beyond `target` to the pool, each time the one whose zone is
 * most repeated in the bin (the one the bin misses least; the highest id
 * among equals), or the highest id when zones do not matter.
 */
function evictBeyond(
  bin: Bin,
  b: number,
  target: number,
  spreadZones: boolean,
  fleet: PlacementFleet,
  tallies: Tallies,
  pool: number[],
): void {
  while (bin.length > target) {
    let victim = bin.length - 1;
    if (spreadZones) {
      let best = -1;
      for (let at = 0; at < bin.length; at++) {
        const i = bin[at] ?? 0;
        const repeat = countOf(tallies, b, fleet.zoneOf[i] ?? 0);
        if (repeat > best || (repeat === best && i > (bin[victim] ?? i))) {
          best = repeat;
          victim = at;
        }
      }
    }
    const evicted = defined(bin.splice(victim, 1)[0], 'the evicted item');
    takeFrom(tallies, b, fleet.zoneOf[evicted] ?? 0);
    pool.push(evicted);
  }
}

/**
 * Whether the heaps of binChooser answer as the scan (chooseBin) does: while
 * every capacity, and any sum of them, is a finite number and no item's is
 * below 0 (what a fleet's are).
 */
function heapsFit(tallies: Tallies, pool: Int32Array, fleet: PlacementFleet): boolean {
  let magnitude = 0;
  for (const i of pool) {
    const capacity = fleet.capacity[i] ?? 0;
    if (capacity < 0) return false;
    magnitude += capacity;
  }
  for (const capacity of tallies.capacity) magnitude += Math.abs(capacity);
  return magnitude < 1e300;
}

/** The open bin lacking the item's zone (when spreading), then with the least capacity, then the first. */
function chooseBin(
  bins: readonly Bin[],
  tallies: Tallies,
  targets: readonly number[],
  zone: number,
  spread: boolean,
): number {
  let best = -1;
  let bestHas = Infinity;
  let bestCapacity = Infinity;
  for (let b = 0; b < bins.length; b++) {
    if ((bins[b]?.length ?? 0) >= (targets[b] ?? 0)) continue;
    const capacity = tallies.capacity[b] ?? 0;
    const has = spread && countOf(tallies, b, zone) > 0 ? 1 : 0;
    if (has < bestHas || (has === bestHas && capacity < bestCapacity)) {
      best = b;
      bestHas = has;
      bestCapacity = capacity;
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

/** Per zone, the position of a bin's first item of it, and of its first item not anchored there; -1 for none. */
interface Firsts {
  readonly any: Int32Array;
  readonly loose: Int32Array;
}

function firstOfZones(bin: Bin, b: number, fleet: PlacementFleet): Firsts {
  const any = new Int32Array(fleet.zones).fill(-1);
  const loose = new Int32Array(fleet.zones).fill(-1);
  for (let at = 0; at < bin.length; at++) {
    const i = bin[at] ?? 0;
    const zone = fleet.zoneOf[i] ?? 0;
    if (any[zone] === -1) any[zone] = at;
    if (loose[zone] === -1 && fleet.previous[i] !== b) loose[zone] = at;
  }
  return { any, loose };
}

/**
 * Swaps pairs of items between bins while that lowers the zone deficit
 * (bins below two zones first, then zones missing overall). A swap that only
 * lowers the zones missing moves no anchored item (one in its previous bin):
 * a third zone is sought among the items placed anew or already moved. Each
 * accepted swap strictly lowers the deficit, so the loop ends; when no zone
 * holds more than n - k items, a swap that lifts a single-zone bin always
 * exists, so every bin ends with at least two zones. The swap taken is always
 * the first in the order (bin, item, other bin, other item) that helps, found
 * from zone tallies: whether a swap helps depends on the two zones and on
 * whether the two items are anchored, nothing else.
 */
function repairZones(bins: Bin[], tallies: Tallies, fleet: PlacementFleet): void {
  if (fleet.zones < 2) return;
  const firsts: Firsts[] = [];
  for (let b = 0; b < bins.length; b++) firsts.push(firstOfZones(bins[b] as Bin, b, fleet));
  for (;;) {
    const swap = firstSwap(bins, tallies, firsts, fleet);
    if (swap === undefined) return;
    const [g, i, h, j] = swap;
    const bin = defined(bins[g], 'a bin');
    const other = defined(bins[h], 'a bin');
    const a = defined(bin[i], 'an item of a bin');
    const b = defined(other[j], 'an item of a bin');
    bin[i] = b;
    other[j] = a;
    const from = fleet.zoneOf[a] ?? 0;
    const to = fleet.zoneOf[b] ?? 0;
    takeFrom(tallies, g, from);
    addTo(tallies, g, to);
    takeFrom(tallies, h, to);
    addTo(tallies, h, from);
    firsts[g] = firstOfZones(bin, g, fleet);
    firsts[h] = firstOfZones(other, h, fleet);
  }
}

function firstSwap(
  bins: readonly Bin[],
  tallies: Tallies,
  firsts: readonly Firsts[],
  fleet: PlacementFleet,
): [number, number, number, number] | undefined {
  const zones = fleet.zones;
  for (let g = 0; g < bins.length; g++) {
    const bin = defined(bins[g], 'a bin');
    if ((tallies.distinct[g] ?? 0) >= Math.min(zones, bin.length)) continue;
    // Items of a zone already tried, anchored or not as they are, fare as the first of them did.
    const tried = new Uint8Array(2 * zones);
    for (let i = 0; i < bin.length; i++) {
      const item = bin[i] ?? 0;
      const zone = fleet.zoneOf[item] ?? 0;
      const loose = fleet.previous[item] !== g;
      const kind = 2 * zone + (loose ? 1 : 0);
      if (countOf(tallies, g, zone) < 2 || tried[kind] === 1) continue;
      tried[kind] = 1;
      const leaving: Leaving = { g, zone, loose };
      for (let h = 0; h < bins.length; h++) {
        if (h === g) continue;
        const j = firstHelpingPartner(bins, tallies, firsts, zones, leaving, h);
        if (j !== undefined) return [g, i, h, j];
      }
    }
  }
  return undefined;
}

/** The item leaving bin g in a swap: its bin, its zone, and whether it is not anchored there. */
interface Leaving {
  readonly g: number;
  readonly zone: number;
  readonly loose: boolean;
}

/**
 * The first item of bin h whose swap with the leaving item from bin g lowers
 * the deficit: any item when that lifts a bin below two zones, else only an
 * item not anchored in h, and only when the leaving one is not anchored in g.
 * The item leaving g has company of its zone there and the one arriving brings
 * a zone g lacks, so g gains a zone; h may lose the arriving item's zone and
 * gain `zone`.
 */
function firstHelpingPartner(
  bins: readonly Bin[],
  tallies: Tallies,
  firsts: readonly Firsts[],
  zones: number,
  { g, zone, loose }: Leaving,
  h: number,
): number | undefined {
  const mine = tallies.distinct[g] ?? 0;
  const theirs = tallies.distinct[h] ?? 0;
  const size = defined(bins[g], 'a bin').length;
  const otherSize = defined(bins[h], 'a bin').length;
  const before = sum(deficit(mine, size, zones), deficit(theirs, otherSize, zones));
  const gained = deficit(mine + 1, size, zones);
  const theirsHasZone = countOf(tallies, h, zone) > 0;
  const first = defined(firsts[h], "a bin's first items");
  let found: number | undefined;
  for (let other = 0; other < zones; other++) {
    if (countOf(tallies, g, other) > 0 || (first.any[other] ?? -1) < 0) continue;
    const distinct = theirs - (countOf(tallies, h, other) === 1 ? 1 : 0) + (theirsHasZone ? 0 : 1);
    const after = sum(gained, deficit(distinct, otherSize, zones));
    if (!better(after, before)) continue;
    const lifts = after[0] < before[0];
    const j = lifts ? (first.any[other] ?? -1) : loose ? (first.loose[other] ?? -1) : -1;
    if (j >= 0 && (found === undefined || j < found)) found = j;
  }
  return found;
}
