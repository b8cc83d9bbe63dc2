/**
 * `npm run bench`: the reconcile function's cold load against a bundle that
 * only imports the Route 53 client, built the same way (bundleOptions: split,
 * minified, the SDK's schemas shaken) and loaded the same way (a fresh Node
 * process, source maps on, as in Lambda). Goal: within x1.1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/lib/bundle.js';
import { median } from './median.js';

export interface ColdStartResult {
  readonly reconcileMs: number;
  readonly route53OnlyMs: number;
  readonly ratio: number;
}

function loadMs(file: string, env: NodeJS.ProcessEnv): number {
  const url = pathToFileURL(resolve(file)).href;
  const start = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `await import(${JSON.stringify(url)})`],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`loading ${file}: ${String(result.stderr)}`);
  return ms;
}

export async function benchColdStart(runs = 15, goal = 1.1): Promise<ColdStartResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rebalancer-cold-'));
  try {
    const reconcile = bundleOptions(dir, 'reconcile');
    await build(reconcile);
    await build({
      ...reconcile,
      entryPoints: { index: 'bench/live/route53-only.ts' },
      outdir: join(dir, 'route53-only'),
    });
    const env = {
      ...process.env,
      NODE_OPTIONS: '--enable-source-maps',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const files = [join(dir, 'reconcile', 'index.mjs'), join(dir, 'route53-only', 'index.mjs')];
    // Interleaved, so that a busy moment of the machine weighs on both alike.
    const times: [number[], number[]] = [[], []];
    for (let i = 0; i < runs; i++) files.forEach((file, k) => times[k]?.push(loadMs(file, env)));
    const result = {
      reconcileMs: median(times[0]),
      route53OnlyMs: median(times[1]),
      ratio: median(times[0]) / median(times[1]),
    };
    console.log(
      `\nCold start (median of ${runs} fresh processes, interleaved): reconcile bundle ${result.reconcileMs.toFixed(0)} ms, a bundle of the Route 53 client alone ${result.route53OnlyMs.toFixed(0)} ms: x${result.ratio.toFixed(2)} (goal <= x${goal}: ${result.ratio <= goal ? 'yes' : 'NO'})`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
