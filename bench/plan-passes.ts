/**
 * The planning bench runs a shape's ladder twice, up its sizes and back down,
 * each size once in each pass, in its own process. A per-doubling ratio
 * compares two processes started minutes apart, and this machine's speed
 * drifts over minutes: one run went ×0.94 then ×2.82 for the grouped shape's
 * two first doublings, its floor ×0.94 then ×4.90, the same drift in both.
 * Up then down, a drift that grows over the run adds to a size in one pass
 * what it takes from it in the other.
 */

export interface PlanResult {
  shape: string;
  instances: number;
  records: number;
  steadyChanges: number;
  coldMs: number;
  steadyMs: number;
  floorColdMs: number;
  floorSteadyMs: number;
  coldCpuMs: number;
  steadyCpuMs: number;
  floorColdCpuMs: number;
  floorSteadyCpuMs: number;
  /** CPU time of the plan's pre-flight alone (part of the plan's), timed again after it. */
  preflightColdCpuMs: number;
  preflightSteadyCpuMs: number;
  floorCheck: string;
  peakRssMiB: number;
  planRssGrowthMiB: number;
}

/** The order a ladder's processes run in: each size going up, then each coming down. */
export function passOrder(sizes: readonly number[]): number[] {
  return [...sizes, ...[...sizes].reverse()];
}

const TIMINGS = [
  'coldMs',
  'steadyMs',
  'floorColdMs',
  'floorSteadyMs',
  'coldCpuMs',
  'steadyCpuMs',
  'floorColdCpuMs',
  'floorSteadyCpuMs',
  'preflightColdCpuMs',
  'preflightSteadyCpuMs',
] as const;

/**
 * One size's figures from its two processes: each timing the mean of the two
 * medians, memory the larger peak, and the floor's check failed if either
 * failed. The plans are the same (planning is deterministic): a size whose
 * two processes planned different records or changes is an error.
 */
export function bothPasses(up: PlanResult, down: PlanResult): PlanResult {
  if (
    up.shape !== down.shape ||
    up.instances !== down.instances ||
    up.records !== down.records ||
    up.steadyChanges !== down.steadyChanges
  )
    throw new Error(
      `the two passes planned differently: ${up.shape} ${up.instances} (${up.records} records, ${up.steadyChanges} changes) against ${down.shape} ${down.instances} (${down.records}, ${down.steadyChanges})`,
    );
  const combined: PlanResult = { ...up };
  for (const key of TIMINGS) combined[key] = (up[key] + down[key]) / 2;
  combined.peakRssMiB = Math.max(up.peakRssMiB, down.peakRssMiB);
  combined.planRssGrowthMiB = Math.max(up.planRssGrowthMiB, down.planRssGrowthMiB);
  combined.floorCheck = up.floorCheck !== 'same changes' ? up.floorCheck : down.floorCheck;
  return combined;
}

/** Each size's two results (from passOrder's order) as one, in the sizes' order. */
export function byBothPasses(
  sizes: readonly number[],
  results: readonly PlanResult[],
): PlanResult[] {
  return sizes.map((size) => {
    const pair = results.filter((r) => r.instances === size);
    const [up, down] = pair;
    if (pair.length !== 2 || up === undefined || down === undefined)
      throw new Error(`expected two results at ${size} instances, got ${pair.length}`);
    return bothPasses(up, down);
  });
}
