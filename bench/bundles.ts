/**
 * `npm run bench` part 3: the Lambda bundles. For each function, the bundle's
 * size (raw and gzipped) and the median time to load it in a fresh Node
 * process with source maps on, as in Lambda, against a bare `node -e ''`; and
 * the packages that weigh most in what a cold start loads (from esbuild's metafile).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildAll } from '../scripts/lib/build.js';
import { bytesByPackage } from '../scripts/lib/bundle.js';
import { median } from './median.js';

export interface BundleResult {
  readonly name: string;
  /** What a cold start loads: the entry and the chunks it imports statically. */
  readonly kib: number;
  /** Everything packaged, lazily loaded chunks included. */
  readonly totalKib: number;
  readonly loadMs: number;
  readonly overBareMs: number;
}

/** Median wall time of `node <args>` in a fresh process, in ms. */
function timeNode(args: readonly string[], runs: number, env: NodeJS.ProcessEnv): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`node ${args.join(' ')}: ${String(result.stderr)}`);
  }
  return median(times);
}

const kib = (bytes: number): number => bytes / 1024;

export async function benchBundles(runs = 7, budgetMs = 250): Promise<BundleResult[]> {
  // Built afresh into a temporary directory, so dist/ (maybe built for another stage) is left alone.
  const outDir = mkdtempSync(join(tmpdir(), 'rebalancer-bundles-'));
  try {
    const { bundles } = await buildAll({ stage: 'bench', config: 'rebalancer.yml', outDir });
    const env = { ...process.env, NODE_OPTIONS: '--enable-source-maps' };
    const bare = timeNode(['-e', ''], runs, env);
    const results = bundles.map((bundle): BundleResult => {
      const url = pathToFileURL(resolve(bundle.file)).href;
      const loadMs = timeNode(
        ['--input-type=module', '-e', `await import(${JSON.stringify(url)})`],
        runs,
        env,
      );
      return {
        name: bundle.name,
        kib: kib(bundle.startupBytes),
        totalKib: kib(bundle.totalBytes),
        loadMs,
        overBareMs: loadMs - bare,
      };
    });
    console.log(
      `\nLambda bundles (load: median of ${runs} fresh processes, NODE_OPTIONS=--enable-source-maps; bare node -e '': ${bare.toFixed(0)} ms)`,
    );
    console.table(
      results.map((r) => ({
        function: r.name,
        'loaded KiB': r.kib.toFixed(0),
        'packaged KiB': r.totalKib.toFixed(0),
        'load ms': r.loadMs.toFixed(0),
        'over bare ms': r.overBareMs.toFixed(0),
        [`< ${budgetMs} ms`]: r.loadMs < budgetMs ? 'yes' : 'NO',
      })),
    );
    for (const bundle of bundles) {
      const top = bytesByPackage(bundle.inputs)
        .slice(0, 6)
        .map(([name, bytes]) => `${name} ${kib(bytes).toFixed(0)}`);
      console.log(`  ${bundle.name}, largest inputs loaded at cold start (KiB): ${top.join(', ')}`);
    }
    return results;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
