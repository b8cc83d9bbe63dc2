/**
 * The placement as it was before issue 13 (zone repair restarting at bin 0
 * after every swap and recounting zones per candidate; each bin's capacity
 * summed again per item), kept as the reference that the optimised
 * shared/domain/layout/placement.ts must agree with on every input. One rule
 * was added since, in both: a swap that does not lift a bin below two zones
 * moves no item that sits in its previous bin.
 */
import { defined } from '../../../shared/domain/defined.js';
import type { Placeable, PlacementOptions } from '../../../shared/domain/layout/placement.js';

type Bin = Placeable[];

/** The pre-issue-13 place(): every item in one of `bins` bins, the output place() must match. */
export function referencePlace(
  items: readonly Placeable[],
  options: PlacementOptions,
): Placeable[][] {
  const k = Math.max(0, options.bins);
  if (k === 0) return [];
  const sorted = [...items].sort(byId);
  const bins: Bin[] = Array.from({ length: k }, () => []);
  const pool: Placeable[] = [];
  const previousOf = options.previous;
  for (const item of sorted) {
    // Previous bins asked of the item (an option added since) answer as the same map would.
    const previous = typeof previousOf === 'function' ? previousOf(item) : previousOf.get(item.id);
    if (previous !== undefined && previous >= 0 && previous < k) bins[previous]?.push(item);
    else pool.push(item);
  }
  const targets = targetSizes(bins, sorted.length);
  bins.forEach((bin, b) => {
    while (bin.length > (targets[b] ?? 0)) pool.push(evict(bin, options.spreadZones));
  });
  pool.sort((a, b) => b.capacity - a.capacity || byId(a, b));
  for (const item of pool) bins[chooseBin(bins, targets, item, options.spreadZones)]?.push(item);
  const anchored = (item: Placeable, bin: number): boolean =>
    (typeof previousOf === 'function' ? previousOf(item) : previousOf.get(item.id)) === bin;
  if (options.spreadZones) repairZones(bins, new Set(sorted.map((i) => i.zone)).size, anchored);
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

/** Removes the item whose zone is most repeated in the bin (the one the bin misses least). */
function evict(bin: Bin, spreadZones: boolean): Placeable {
  const counts = zoneCounts(bin);
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
  return defined(bin.splice(victim, 1)[0], 'the evicted item');
}

function capacityOf(bin: readonly Placeable[]): number {
  return bin.reduce((sum, item) => sum + item.capacity, 0);
}

function chooseBin(
  bins: readonly Bin[],
  targets: readonly number[],
  item: Placeable,
  spread: boolean,
): number {
  let best = -1;
  let bestKey: [number, number, number] = [Infinity, Infinity, Infinity];
  bins.forEach((bin, b) => {
    if (bin.length >= (targets[b] ?? 0)) return;
    const hasZone = spread && bin.some((other) => other.zone === item.zone) ? 1 : 0;
    const key: [number, number, number] = [hasZone, capacityOf(bin), b];
    if (
      key[0] < bestKey[0] ||
      (key[0] === bestKey[0] &&
        (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))
    ) {
      best = b;
      bestKey = key;
    }
  });
  return best;
}

/** A bin's share of the zone deficit: (1 if below two zones when it could have two, zones missing). */
function binDeficit(bin: readonly Placeable[], zones: number): [number, number] {
  const distinct = zoneCounts(bin).size;
  const wanted = Math.min(zones, bin.length);
  return [distinct < Math.min(2, wanted) ? 1 : 0, wanted - distinct];
}

function sum(a: [number, number], b: [number, number], sign = 1): [number, number] {
  return [a[0] + sign * b[0], a[1] + sign * b[1]];
}

function better(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/**
 * Swaps pairs of items between bins while that lowers the zone deficit
 * (bins below two zones first, then zones missing overall). Each accepted swap
 * strictly lowers it, so the loop ends; when no zone holds more than n - k
 * items, a swap that lifts a single-zone bin always exists, so every bin ends
 * with at least two zones.
 */
function repairZones(bins: Bin[], zones: number, anchored: Anchored): void {
  if (zones < 2) return;
  while (swapOnce(bins, zones, anchored)) {
    // keep swapping while a swap helps
  }
}

/** Whether an item sits in the bin it was in before. */
type Anchored = (item: Placeable, bin: number) => boolean;

function swapOnce(bins: Bin[], zones: number, anchored: Anchored): boolean {
  for (let g = 0; g < bins.length; g++) {
    const bin = defined(bins[g], 'a bin');
    const counts = zoneCounts(bin);
    if (counts.size >= Math.min(zones, bin.length)) continue;
    for (let i = 0; i < bin.length; i++) {
      const a = defined(bin[i], 'an item of a bin');
      if ((counts.get(a.zone) ?? 0) < 2) continue;
      for (let h = 0; h < bins.length; h++) {
        if (h === g) continue;
        const other = defined(bins[h], 'a bin');
        const before = sum(binDeficit(bin, zones), binDeficit(other, zones));
        for (let j = 0; j < other.length; j++) {
          const b = defined(other[j], 'an item of a bin');
          if (counts.has(b.zone)) continue;
          bin[i] = b;
          other[j] = a;
          const after = sum(binDeficit(bin, zones), binDeficit(other, zones));
          const lifts = after[0] < before[0];
          const loose = !anchored(a, g) && !anchored(b, h);
          if (better(after, before) && (lifts || loose)) return true;
          bin[i] = a;
          other[j] = b;
        }
      }
    }
  }
  return false;
}
