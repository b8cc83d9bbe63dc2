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
import { build, type Metafile } from 'esbuild';
import { bundleOptions, startupOutputs } from '../scripts/lib/bundle.js';
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

/** Bytes of each input in what a cold start of the bundle loads. */
function startupInputs(metafile: Metafile | undefined): Map<string, number> {
  const outputs = metafile?.outputs ?? {};
  const entry = Object.keys(outputs).find((path) => path.endsWith('/index.mjs'));
  const bytes = new Map<string, number>();
  for (const path of entry === undefined ? [] : startupOutputs(outputs, entry))
    for (const [input, { bytesInOutput }] of Object.entries(outputs[path]?.inputs ?? {}))
      bytes.set(input, (bytes.get(input) ?? 0) + bytesInOutput);
  return bytes;
}

/** What the reconcile bundle loads beyond the yardstick's, by kind, in KiB. */
function beyondYardstick(reconcile: Map<string, number>, yardstick: Map<string, number>) {
  const kinds = { project: 0, 'other AWS clients': 0, 'other packages': 0 };
  for (const [input, bytes] of reconcile) {
    if (yardstick.has(input)) continue;
    const kind = !input.includes('node_modules/')
      ? 'project'
      : /node_modules\/@(aws-sdk|smithy)\//.test(input)
        ? 'other AWS clients'
        : 'other packages';
    kinds[kind] += bytes;
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  return `startup code ${kib(sum(reconcile))} against ${kib(sum(yardstick))}; beyond it: ${Object.entries(
    kinds,
  )
    .map(([kind, bytes]) => `${kind} ${kib(bytes)}`)
    .join(', ')}`;
}

export async function benchColdStart(runs = 15, goal = 1.1): Promise<ColdStartResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rebalancer-cold-'));
  try {
    const reconcile = bundleOptions(dir, 'reconcile');
    const built = await build(reconcile);
    const yardstick = await build({
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
    console.log(
      `  ${beyondYardstick(startupInputs(built.metafile), startupInputs(yardstick.metafile))}`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
