/**
 * `npm run bench` part 1: planning time against the floor (bench/floor.ts) in
 * four fleet shapes (bench/shapes.ts), each size in its own process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { NODE_TARGET } from '../scripts/lib/bundle.js';
import { SHAPES, type Shape } from './shapes.js';

export interface PlanResult {
  shape: string;
  instances: number;
  records: number;
  steadyChanges: number;
  coldMs: number;
  steadyMs: number;
  floorColdMs: number;
  floorSteadyMs: number;
  floorCheck: string;
  peakRssMiB: number;
  planRssGrowthMiB: number;
}

/** The planner as the Lambdas run it: bundled and minified by esbuild, not transformed on the fly. */
function bundledPlanner(): string {
  const outfile = join(mkdtempSync(join(tmpdir(), 'rebalancer-bench-')), 'plan-one.mjs');
  buildSync({
    entryPoints: ['bench/plan-one.ts'],
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

/** Time ratio for a doubling of instances, whatever the step between the two sizes. */
export function perDoubling(a: { n: number; ms: number }, b: { n: number; ms: number }): number {
  return (b.ms / a.ms) ** (1 / Math.log2(b.n / a.n));
}

const fixed = (x: number, digits = 1) => x.toFixed(digits);

function printShape(shape: Shape, results: readonly PlanResult[], runs: number): void {
  console.log(`\nPlanning, ${shape.label}: median of ${runs} runs, each size in its own process`);
  console.table(
    results.map((r) => ({
      instances: r.instances,
      records: r.records,
      'empty zone ms': fixed(r.coldMs),
      'floor ms': fixed(r.floorColdMs),
      'x floor': fixed(r.coldMs / r.floorColdMs),
      'steady ms': fixed(r.steadyMs),
      'steady floor ms': fixed(r.floorSteadyMs),
      'steady x floor': fixed(r.steadyMs / r.floorSteadyMs),
      changes: r.steadyChanges,
      'peak RSS MiB': fixed(r.peakRssMiB, 0),
    })),
  );
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1] as PlanResult;
    const b = results[i] as PlanResult;
    const step = (ms: (r: PlanResult) => number) =>
      fixed(perDoubling({ n: a.instances, ms: ms(a) }, { n: b.instances, ms: ms(b) }), 2);
    console.log(
      `  ${a.instances} -> ${b.instances}: per doubling of instances, empty zone x${step((r) => r.coldMs)}, steady x${step((r) => r.steadyMs)} (floor x${step((r) => r.floorColdMs)}, x${step((r) => r.floorSteadyMs)})`,
    );
  }
  const bad = results.filter((r) => r.floorCheck !== 'same changes');
  for (const r of bad) console.log(`  FLOOR DIFFERS at ${r.instances}: ${r.floorCheck}`);
}

export function benchPlan(shapes: readonly Shape[] = SHAPES, runs = 5): PlanResult[] {
  const script = bundledPlanner();
  return shapes.flatMap((shape) => {
    const results = shape.sizes.map((size) => {
      // A fresh process per size, so memory and garbage belong to that size alone.
      const out = execFileSync(
        process.execPath,
        ['--expose-gc', script, shape.name, String(size), String(runs)],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      return JSON.parse(out.trim().split('\n').pop() ?? '{}') as PlanResult;
    });
    printShape(shape, results, runs);
    return results;
  });
}
