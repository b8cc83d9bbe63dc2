/**
 * How large a fleet one reconcile can hold in a function's memory. Measured by
 * `npm run bench` (bench/live.ts: the live reconcile through the adapters, peak
 * RSS per size): a fixed part (Node, the SDK clients, the bundle) and a part
 * per instance (its domain object, its records read and planned, the plan),
 * with headroom kept for the garbage collector and the largest page in flight.
 */
export const SIZING = {
  /** Peak RSS of a reconcile of no instance, MiB: Node, the SDK clients, two DescribeInstances pages in flight. */
  baseMiB: 175,
  /** Peak RSS added per instance (and its records), KiB: 1.55 to 1.76 measured from 10k to 100k. */
  kibPerInstance: 1.8,
  /** The share of the function's memory a reconcile may plan to use. */
  usable: 0.85,
  /** Lambda's memory range, MiB. */
  minMemoryMiB: 128,
  maxMemoryMiB: 10_240,
  /** The largest fleet supported whatever the memory: the adapters' page caps are set for it. */
  maxInstances: 100_000,
} as const;

/** The most instances a reconcile may hold in `memoryMiB`: never above SIZING.maxInstances, 0 when even none fits. */
export function fleetCapacity(memoryMiB: number): number {
  const spare = memoryMiB * SIZING.usable - SIZING.baseMiB;
  const fits = Math.floor((spare * 1024) / SIZING.kibPerInstance);
  return Math.max(0, Math.min(SIZING.maxInstances, fits));
}

/** The least memory (MiB, a multiple of 64 within Lambda's range) to configure for `instances`. */
export function memoryFor(instances: number): number {
  const needed = (SIZING.baseMiB + (instances * SIZING.kibPerInstance) / 1024) / SIZING.usable;
  const rounded = Math.ceil(needed / 64) * 64;
  return Math.min(SIZING.maxMemoryMiB, Math.max(SIZING.minMemoryMiB, rounded));
}

/**
 * Why a reconcile that has read `instances` instances (and `records` records,
 * which weigh the same) must stop before planning in `memoryMiB`, or undefined
 * when it fits. Counts, not measurements: the same read always gets the same answer.
 */
export function sizingProblem(
  instances: number,
  records: number,
  memoryMiB: number,
): string | undefined {
  const load = Math.max(instances, records);
  const capacity = fleetCapacity(memoryMiB);
  if (load <= capacity) return undefined;
  const what = `${instances} instances and ${records} records read`;
  if (load > SIZING.maxInstances)
    return `${what}: more than the ${SIZING.maxInstances} instances a reconcile supports; split the configuration over several stacks (one per hosted zone or set of services)`;
  return `${what}: more than the ${capacity} a reconcile fits in ${memoryMiB} MiB; configure the reconcile and manual functions with at least ${memoryFor(load)} MiB for what was read so far (the deploy parameter writerMemorySize; README, "Sizing")`;
}
