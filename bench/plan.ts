/** `npm run bench` part 1: planning time and memory at 1k, 10k and 20k instances. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { NODE_TARGET } from '../scripts/lib/bundle.js';

interface Result {
  instances: number;
  records: number;
  steadyChanges: number;
  coldMs: number;
  steadyMs: number;
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

export function benchPlan(sizes = [1_000, 10_000, 20_000], runs = 9): Result[] {
  const script = bundledPlanner();
  const results = sizes.map((size) => {
    // A fresh process per size, so peak memory belongs to that size alone.
    const out = execFileSync(process.execPath, [script, String(size), String(runs)], {
      encoding: 'utf8',
    });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Result;
  });
  console.log(
    '\nPlanning (50 services x 20 regions; bundled as the Lambdas run it; median of %d runs, each size in its own process)',
    runs,
  );
  console.table(
    results.map((r) => ({
      instances: r.instances,
      'records in zone': r.records,
      'empty zone ms': r.coldMs.toFixed(1),
      'steady ms (10% churn)': r.steadyMs.toFixed(1),
      changes: r.steadyChanges,
      'peak RSS MiB': r.peakRssMiB.toFixed(0),
    })),
  );
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1] as Result;
    const b = results[i] as Result;
    console.log(
      `  ${a.instances} -> ${b.instances} instances (x${(b.instances / a.instances).toFixed(0)}): steady time x${(b.steadyMs / a.steadyMs).toFixed(2)}, empty-zone time x${(b.coldMs / a.coldMs).toFixed(2)}`,
    );
  }
  return results;
}
