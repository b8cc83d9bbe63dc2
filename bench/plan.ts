/**
 * `npm run bench` part 1: planning time against the floor (bench/floor.ts) in
 * four fleet shapes (bench/shapes.ts), each size in two processes of its own,
 * one going up the ladder of sizes and one coming down (bench/plan-passes.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { NODE_TARGET } from '../scripts/lib/bundle.js';
import { SHAPES, type Shape } from './shapes.js';
import { byBothPasses, passOrder, type PlanResult } from './plan-passes.js';

/** A bench entry as the Lambdas run the planner: bundled and minified by esbuild, not transformed on the fly. */
function bundled(entry: string): string {
  const outfile = join(mkdtempSync(join(tmpdir(), 'rebalancer-bench-')), 'bench.mjs');
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    minify: true,
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * The young generation the allocation process runs with, MiB: larger than
 * any plan here allocates (about 230 MiB at 100k many services), so no
 * collection runs inside one and the heap's growth is the allocation.
 */
const ALLOCATION_SEMI_SPACE_MIB = 1024;

interface Allocation {
  readonly coldMiB?: number;
  readonly steadyMiB?: number;
  /** Plans left out because a collection ran during them anyway. */
  readonly disturbed: number;
}

/** What one plan of the shape allocates at `size` (bench/plan-allocation.ts), medians of 3. */
function allocationAt(script: string, shape: Shape, size: number): Allocation {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      `--min-semi-space-size=${ALLOCATION_SEMI_SPACE_MIB}`,
      `--max-semi-space-size=${ALLOCATION_SEMI_SPACE_MIB}`,
      script,
      shape.name,
      String(size),
      '3',
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Allocation;
}

/** One plan's allocation, in MiB and per instance. */
export function allocationText(mib: number | undefined, instances: number): string {
  if (mib === undefined) return 'not measured (a collection ran inside every plan)';
  const perInstance = (mib * 2 ** 20) / instances;
  return `${mib.toFixed(1)} MiB (${perInstance.toFixed(0)} B an instance)`;
}

/** Time ratio for a doubling of instances, whatever the step between the two sizes. */
export function perDoubling(a: { n: number; ms: number }, b: { n: number; ms: number }): number {
  return (b.ms / a.ms) ** (1 / Math.log2(b.n / a.n));
}

const fixed = (x: number, digits = 1) => x.toFixed(digits);
const verdict = (met: boolean) => (met ? 'yes' : 'NO');

/**
 * Issue 13's goals: within x3 of the floor at the largest size; at most x2.2
 * per doubling from 10k instances up (its range, 10k to 100k). The one-service
 * shapes also plan 5k, shown with the rest: below 10k, what a plan touches
 * fits the processor's caches far more than at twice the size, and the
 * floor's own 5k -> 10k steps ran x2.3-3.9.
 */
const FLOOR_GOAL = 3;
const DOUBLING_GOAL = 2.2;
const DOUBLING_FROM = 10_000;

type Figure = (r: PlanResult) => number;

/** Each step's time ratio per doubling of instances, for one figure of the results. */
export function growth(results: readonly PlanResult[], figure: Figure): number[] {
  return results.slice(1).map((b, i) => {
    const a = results[i] as PlanResult;
    return perDoubling({ n: a.instances, ms: figure(a) }, { n: b.instances, ms: figure(b) });
  });
}

/** The steps the doubling goal covers: those starting at `from` instances or more. */
export function growthFrom(
  results: readonly PlanResult[],
  figure: Figure,
  from: number = DOUBLING_FROM,
): number[] {
  return growth(results, figure).filter((_, i) => (results[i] as PlanResult).instances >= from);
}

const times = (xs: readonly number[]) => xs.map((x) => `x${fixed(x, 2)}`).join(', ');

function printShape(
  shape: Shape,
  results: readonly PlanResult[],
  runs: string,
  allocation: Allocation,
): void {
  console.log(
    `\nPlanning, ${shape.label}: median of ${runs} runs (the floor timed three times a run), each size in two processes (the ladder up, then down; their medians averaged); ms is wall time, CPU ms this process's CPU time (what other load on the machine cannot inflate); "x floor" from CPU time`,
  );
  console.table(
    results.map((r) => ({
      instances: r.instances,
      records: r.records,
      'empty zone ms': fixed(r.coldMs),
      'CPU ms': fixed(r.coldCpuMs),
      'floor CPU ms': fixed(r.floorColdCpuMs),
      'x floor': fixed(r.coldCpuMs / r.floorColdCpuMs),
      'of it pre-flight CPU ms': fixed(r.preflightColdCpuMs),
      'steady ms': fixed(r.steadyMs),
      'steady CPU ms': fixed(r.steadyCpuMs),
      'steady floor CPU ms': fixed(r.floorSteadyCpuMs),
      'steady x floor': fixed(r.steadyCpuMs / r.floorSteadyCpuMs),
      'of it pre-flight CPU ms ': fixed(r.preflightSteadyCpuMs),
      changes: r.steadyChanges,
      'peak RSS MiB': fixed(r.peakRssMiB, 0),
    })),
  );
  const sizes = results.map((r) => r.instances).join(' -> ');
  console.log(`  time per doubling of instances (${sizes}), CPU (wall):`);
  for (const [label, cpu, wall] of [
    ['empty zone', (r: PlanResult) => r.coldCpuMs, (r: PlanResult) => r.coldMs],
    ['steady', (r: PlanResult) => r.steadyCpuMs, (r: PlanResult) => r.steadyMs],
    ['floor, empty zone', (r: PlanResult) => r.floorColdCpuMs, (r: PlanResult) => r.floorColdMs],
    ['floor, steady', (r: PlanResult) => r.floorSteadyCpuMs, (r: PlanResult) => r.floorSteadyMs],
  ] as const) {
    console.log(`    ${label}: ${times(growth(results, cpu))} (${times(growth(results, wall))})`);
  }
  const largest = results[results.length - 1];
  if (largest !== undefined) {
    const cold = largest.coldCpuMs / largest.floorColdCpuMs;
    const steady = largest.steadyCpuMs / largest.floorSteadyCpuMs;
    const all = [...growth(results, (r) => r.coldCpuMs), ...growth(results, (r) => r.steadyCpuMs)];
    const doublings = [
      ...growthFrom(results, (r) => r.coldCpuMs),
      ...growthFrom(results, (r) => r.steadyCpuMs),
    ];
    const worst = Math.max(...doublings);
    const linear =
      doublings.length === 0
        ? `no doubling from ${DOUBLING_FROM}`
        : `worst doubling from ${DOUBLING_FROM} x${fixed(worst, 2)} (<= x${DOUBLING_GOAL}: ${verdict(worst <= DOUBLING_GOAL)}), of every step x${fixed(Math.max(...all), 2)}`;
    const safety = (cpu: number, floor: number) =>
      `${fixed(cpu, 0)} CPU ms (x${fixed(cpu / floor)})`;
    console.log(
      `  of which the pre-flight alone (the zone model applying every batch) at ${largest.instances}: ${safety(largest.preflightColdCpuMs, largest.floorColdCpuMs)} empty / ${safety(largest.preflightSteadyCpuMs, largest.floorSteadyCpuMs)} steady, of the floor`,
    );
    console.log(
      `  goals: x floor at ${largest.instances} ${fixed(cold)} empty / ${fixed(steady)} steady (<= x${FLOOR_GOAL}: ${verdict(Math.max(cold, steady) <= FLOOR_GOAL)}); ${linear}`,
    );
    const n = largest.instances;
    console.log(
      `  allocated by one plan at ${n} (a young generation of ${ALLOCATION_SEMI_SPACE_MIB} MiB, so no collection inside it): ${allocationText(allocation.coldMiB, n)} empty zone / ${allocationText(allocation.steadyMiB, n)} steady${allocation.disturbed > 0 ? `; ${allocation.disturbed} plan(s) left out, a collection ran inside them` : ''}`,
    );
  }
  for (const r of results.filter((x) => x.floorCheck !== 'same changes'))
    console.log(`  FLOOR DIFFERS at ${r.instances}: ${r.floorCheck}`);
}

/**
 * Runs at one size: `runs` at the largest, more at the smaller ones (as many as
 * cost the same time, up to 25). A plan of a few tens of ms is where one busy
 * moment of the machine moved a median of 5 by a third, and a per-doubling
 * ratio with it.
 */
export function runsAt(size: number, largest: number, runs: number): number {
  return Math.min(25, Math.max(runs, Math.round((runs * largest) / size)));
}

export function benchPlan(shapes: readonly Shape[] = SHAPES, runs = 5): PlanResult[] {
  const script = bundled('bench/plan-one.ts');
  const allocating = bundled('bench/plan-allocation.ts');
  return shapes.flatMap((shape) => {
    const largest = Math.max(...shape.sizes);
    // A fresh process per size and pass, so memory and garbage belong to that size alone;
    // up the ladder and back down, so that the machine's drift over minutes cancels.
    const each = passOrder(shape.sizes).map((size) => {
      const out = execFileSync(
        process.execPath,
        ['--expose-gc', script, shape.name, String(size), String(runsAt(size, largest, runs))],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      return JSON.parse(out.trim().split('\n').pop() ?? '{}') as PlanResult;
    });
    const results = byBothPasses(shape.sizes, each);
    printShape(
      shape,
      results,
      shape.sizes.map((size) => `2x${runsAt(size, largest, runs)}`).join('/'),
      allocationAt(allocating, shape, largest),
    );
    return results;
  });
}
