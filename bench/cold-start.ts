/**
 * `npm run bench`: the reconcile function's cold load. Issue 13's goal is that
 * it "stays where it is": within x1.1 of the reconcile as the issue found it
 * (cold-start-baseline.ts). Beside it, two yardsticks built the same way
 * (bundleOptions: split, minified, the SDK's schemas shaken): a bundle of the
 * Route 53 client alone, which the issue named (the reconcile was already
 * x1.2-1.4 of it when the issue was filed), and one of the AWS clients the
 * reconcile loads at a cold start and nothing else, the least it could load in. All are loaded
 * the same way: a fresh Node process, source maps on, as in Lambda.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { bundleOptions, dropPackageOnlySourceMaps, startupInputs } from '../scripts/lib/bundle.js';
import { baselineReconcile } from './cold-start-baseline.js';
import { median } from './median.js';

/** A fresh process that loads a bundle: its wall time, and the CPU time it used (all threads). */
interface Load {
  readonly wallMs: number;
  readonly cpuMs: number;
}

export interface ColdStartResult {
  readonly reconcile: Load;
  /** The reconcile as issue 13 found it; undefined when this clone lacks that commit. */
  readonly baseline: Load | undefined;
  readonly route53Only: Load;
  readonly awsClientsOnly: Load;
}

const REPORT_CPU =
  'const u = process.resourceUsage(); console.log(u.userCPUTime + u.systemCPUTime);';

function load(file: string, env: NodeJS.ProcessEnv): Load {
  const url = pathToFileURL(resolve(file)).href;
  const start = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `await import(${JSON.stringify(url)}); ${REPORT_CPU}`],
    { env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`loading ${file}: ${result.stderr}`);
  return { wallMs, cpuMs: Number(result.stdout.trim().split('\n').pop()) / 1000 };
}

function medianLoad(loads: readonly Load[]): Load {
  return {
    wallMs: median(loads.map((l) => l.wallMs)),
    cpuMs: median(loads.map((l) => l.cpuMs)),
  };
}

/** Bytes of each input in what a cold start of the bundle loads. */
function startupBytes(metafile: Metafile | undefined): Map<string, number> {
  const outputs = metafile?.outputs ?? {};
  const entry = Object.keys(outputs).find((path) => path.endsWith('/index.mjs'));
  const inputs = entry === undefined ? {} : startupInputs(outputs, entry);
  return new Map(
    Object.entries(inputs).map(([input, { bytesInOutput }]) => [input, bytesInOutput]),
  );
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

const shown = (l: Load) => `${l.cpuMs.toFixed(0)} CPU ms (${l.wallMs.toFixed(0)} ms)`;
const ratio = (x: Load, y: Load) =>
  `x${(x.cpuMs / y.cpuMs).toFixed(2)} (x${(x.wallMs / y.wallMs).toFixed(2)})`;

export async function benchColdStart(runs = 31, goal = 1.1): Promise<ColdStartResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rebalancer-cold-'));
  try {
    const reconcile = bundleOptions(dir, 'reconcile');
    const built = await build(reconcile);
    const yardstick = (name: string) => ({
      ...reconcile,
      entryPoints: { index: `bench/live/${name}.ts` },
      outdir: join(dir, name),
    });
    const route53 = await build(yardstick('route53-only'));
    const awsClients = await build(yardstick('aws-clients-only'));
    // As bundleFunctions leaves them: no source map on chunks of packages' code alone.
    for (const { metafile } of [built, route53, awsClients])
      if (metafile !== undefined) await dropPackageOnlySourceMaps(metafile);
    const baseline = await baselineReconcile(dir);
    const env = {
      ...process.env,
      NODE_OPTIONS: '--enable-source-maps',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const files = [
      join(dir, 'reconcile', 'index.mjs'),
      join(dir, 'route53-only', 'index.mjs'),
      join(dir, 'aws-clients-only', 'index.mjs'),
      ...('file' in baseline ? [baseline.file] : []),
    ];
    // Interleaved, so that a busy moment of the machine weighs on all alike.
    const loads: Load[][] = files.map(() => []);
    for (let i = 0; i < runs; i++) files.forEach((file, k) => loads[k]?.push(load(file, env)));
    const [reconcileLoad, route53Only, awsClientsOnly, baselineLoad] = loads.map(medianLoad) as [
      Load,
      Load,
      Load,
      Load | undefined,
    ];
    console.log(
      `\nCold start (median of ${runs} fresh processes, interleaved; CPU ms is the process's own, all threads, which other load on the machine cannot inflate; wall ms in brackets; the goal is judged on CPU):`,
    );
    if (baselineLoad === undefined || 'unavailable' in baseline)
      console.log(
        `  reconcile ${shown(reconcileLoad)}; against the reconcile as issue 13 found it: not measured, ${'unavailable' in baseline ? baseline.unavailable : ''}`,
      );
    else
      console.log(
        `  reconcile ${shown(reconcileLoad)}, the reconcile as issue 13 found it (${baseline.commit}) ${shown(baselineLoad)}: ${ratio(reconcileLoad, baselineLoad)} (goal: stays where it is, <= x${goal}: ${reconcileLoad.cpuMs / baselineLoad.cpuMs <= goal ? 'yes' : 'NO'})`,
      );
    const then = baselineLoad === undefined ? '' : `, ${ratio(baselineLoad, route53Only)} then`;
    console.log(
      `  against a bundle of the Route 53 client alone, ${shown(route53Only)}: ${ratio(reconcileLoad, route53Only)} now${then}; a bundle of the three AWS clients the reconcile loads at a cold start and nothing else, ${shown(awsClientsOnly)}: ${ratio(awsClientsOnly, route53Only)} of the Route 53 client's`,
    );
    console.log(
      `  ${beyondYardstick(startupBytes(built.metafile), startupBytes(route53.metafile))}`,
    );
    return { reconcile: reconcileLoad, baseline: baselineLoad, route53Only, awsClientsOnly };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
