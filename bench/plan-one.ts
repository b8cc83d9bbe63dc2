/**
 * One benchmark process: plans `total` instances of a shape from an empty zone
 * and against a zone a tenth different, `runs` times each, with the floor
 * (bench/floor.ts) beside each and each plan's pre-flight timed again on its
 * own, and prints medians and peak memory as JSON.
 * Every timed run starts with the previous one's garbage collected (node
 * --expose-gc) and swept, so each figure pays for its own garbage only.
 */
import { plan } from '../shared/domain/plan/planner.js';
import { indexRecords, preflightProblem } from '../shared/domain/plan/preflight.js';
import type { ChangeBatch, ResourceRecordSet } from '../shared/domain/dns/records.js';
import { changeSetDifference, floorChanges, layoutOf, type LaidOut } from './floor.js';
import { median } from './median.js';
import { copied, read, zoneAfter } from './plan-inputs.js';
import { shapeFleet, shapeNamed } from './shapes.js';

const shape = shapeNamed(process.argv[2] ?? 'many');
const total = Number(process.argv[3] ?? 10_000);
const runs = Number(process.argv[4] ?? 7);
const warmups = 2;
/**
 * The floor is timed this many times for each plan: a few tens of ms, it is
 * the noisiest figure (one process's samples at 40k weighted ranged 34-99 ms),
 * and its median divides every ratio.
 */
const FLOOR_REPEATS = 3;
const { spec } = shape;
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

interface Timing {
  readonly wall: number;
  /** This process's CPU time (all threads, the collector's included): what other load cannot inflate. */
  readonly cpu: number;
}

const idle = new Int32Array(new SharedArrayBuffer(4));

/**
 * Collects the garbage, then sleeps until this process's helper threads are
 * idle: gc() returns with the sweeping of what it freed still running on
 * them, and CPU time counts every thread, so without the wait the next figure
 * (the floor's, after a plan) paid for the previous one's sweeping. Asleep,
 * the main thread spends nothing: any CPU time of a 5 ms step is the helpers'.
 * At most 100 steps (half a second).
 */
function settle(): void {
  collect();
  for (let step = 0; step < 100; step++) {
    const before = process.cpuUsage();
    Atomics.wait(idle, 0, 0, 5);
    const used = process.cpuUsage(before);
    if (used.user + used.system < 500) return;
  }
}

function time(fn: () => unknown): Timing {
  settle();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const changesOf = (batches: readonly ChangeBatch[]) => batches.flatMap((b) => b.Changes);

const before = shapeFleet(shape, total, 0);
const after = shapeFleet(shape, total, 1);

/**
 * The steady plan's zone, the floor's layouts and the check that the floor
 * emits the planner's own changes (or it is no floor). The two plans made for
 * them are garbage once this returns: every figure's collections then walk
 * the inputs only, not plans the timed runs never read.
 */
interface SetUp {
  readonly records: ResourceRecordSet[];
  readonly layoutCold: LaidOut[];
  readonly layoutSteady: LaidOut[];
  readonly check: string | undefined;
  readonly steadyChanges: number;
}

function setUp(): SetUp {
  const first = plan({ spec, records: [], regions: before });
  const records = copied(zoneAfter(spec.hostedZoneId, first.changeBatches));
  const second = plan({ spec, records, regions: after });
  const layoutCold = layoutOf(records, before);
  const layoutSteady = layoutOf(
    zoneAfter(spec.hostedZoneId, first.changeBatches, second.changeBatches),
    after,
  );
  const check =
    changeSetDifference(changesOf(first.changeBatches), floorChanges(before, [], layoutCold)) ??
    changeSetDifference(
      changesOf(second.changeBatches),
      floorChanges(after, records, layoutSteady),
    );
  return {
    records,
    layoutCold,
    layoutSteady,
    check,
    steadyChanges: changesOf(second.changeBatches).length,
  };
}
const { records, layoutCold, layoutSteady, check, steadyChanges } = setUp();

/**
 * The pre-flight part of a plan, timed again on its own: the zone model built
 * from the records read and every batch applied to it, as plan() does last.
 */
function preflightOf(current: readonly ResourceRecordSet[], batches: readonly ChangeBatch[]) {
  const problem = preflightProblem(spec, indexRecords(current), batches);
  if (problem !== undefined) throw new Error(`the plan fails its pre-flight: ${problem}`);
}
const baseline = process.memoryUsage().rss;

const cold: Timing[] = [];
const steady: Timing[] = [];
const preflightCold: Timing[] = [];
const preflightSteady: Timing[] = [];
const floorCold: Timing[] = [];
const floorSteady: Timing[] = [];
for (let i = 0; i < runs + warmups; i++) {
  const fresh = { before: read(before), after: read(after) };
  let made: readonly ChangeBatch[] = [];
  const c = time(() => (made = plan({ spec, records: [], regions: fresh.before }).changeBatches));
  const pc = time(() => {
    preflightOf([], made);
  });
  made = []; // garbage before the steady plan, as the cold plan was before this
  const s = time(() => (made = plan({ spec, records, regions: fresh.after }).changeBatches));
  const ps = time(() => {
    preflightOf(records, made);
  });
  made = [];
  const fc: Timing[] = [];
  const fs: Timing[] = [];
  for (let k = 0; k < FLOOR_REPEATS; k++) {
    fc.push(time(() => floorChanges(before, [], layoutCold)));
    fs.push(time(() => floorChanges(after, records, layoutSteady)));
  }
  if (i < warmups) continue;
  cold.push(c);
  steady.push(s);
  preflightCold.push(pc);
  preflightSteady.push(ps);
  floorCold.push(...fc);
  floorSteady.push(...fs);
}
const wall = (timings: readonly Timing[]) => median(timings.map((t) => t.wall));
const cpu = (timings: readonly Timing[]) => median(timings.map((t) => t.cpu));
const peak = process.resourceUsage().maxRSS * 1024;
console.log(
  JSON.stringify({
    shape: shape.name,
    instances: total,
    records: records.length,
    steadyChanges,
    coldMs: wall(cold),
    steadyMs: wall(steady),
    floorColdMs: wall(floorCold),
    floorSteadyMs: wall(floorSteady),
    coldCpuMs: cpu(cold),
    steadyCpuMs: cpu(steady),
    floorColdCpuMs: cpu(floorCold),
    floorSteadyCpuMs: cpu(floorSteady),
    preflightColdCpuMs: cpu(preflightCold),
    preflightSteadyCpuMs: cpu(preflightSteady),
    floorCheck: check ?? 'same changes',
    peakRssMiB: peak / 2 ** 20,
    planRssGrowthMiB: Math.max(0, peak - baseline) / 2 ** 20,
  }),
);
