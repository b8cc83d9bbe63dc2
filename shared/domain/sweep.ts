import type { WorkItem } from './scope.js';
import type { RebalancerSpec } from './spec.js';

/** Every configured region, in configuration order, once. */
function regionsOf(spec: RebalancerSpec): string[] {
  return [...new Set(spec.services.flatMap((s) => s.regions.map((r) => r.region)))];
}

/**
 * The scheduled reconcile as its first slice: the first region, with the rest
 * to follow one by one (see Sweep). A configuration of no region is one full item.
 */
export function firstSlice(spec: RebalancerSpec, chain: string, reason: string): WorkItem {
  const [first, ...rest] = regionsOf(spec);
  if (first === undefined) return { scope: [], reason, events: 1 };
  return {
    scope: [{ region: first }],
    reason: `${reason}: ${first}`,
    events: 1,
    sweep: { chain, remaining: rest, orphans: false },
  };
}

/**
 * What follows a reconciled slice: the next region; after the last, a full
 * reconcile when some slice saw orphans (only a plan of the whole
 * configuration may delete them), else nothing. `orphansSeen` is this slice's.
 */
export function nextSlice(
  item: WorkItem,
  orphansSeen: boolean,
): { item: WorkItem; deduplicationId: string } | undefined {
  const sweep = item.sweep;
  if (sweep === undefined) return undefined;
  const orphans = sweep.orphans || orphansSeen;
  const reason = item.reason.replace(/: [^:]*$/, '');
  // The next slice stays in this slice's zone (its FIFO group).
  const zone = item.zone === undefined ? {} : { zone: item.zone };
  const [next, ...rest] = sweep.remaining;
  if (next !== undefined)
    return {
      item: {
        scope: [{ region: next }],
        reason: `${reason}: ${next}`,
        events: 0,
        sweep: { chain: sweep.chain, remaining: rest, orphans },
        ...zone,
      },
      deduplicationId: `${sweep.chain}:${next}`,
    };
  if (!orphans) return undefined;
  return {
    item: { scope: [], reason: `${reason}: orphans`, events: 0, ...zone },
    deduplicationId: `${sweep.chain}:orphans`,
  };
}
