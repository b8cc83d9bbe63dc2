/**
 * The reconcile bundle as it was when issue 13 was filed, for the cold-start
 * goal "stays where it is" (bench/cold-start.ts): that commit's sources,
 * taken from git, bundled by that commit's own bundleOptions against today's
 * node_modules (so the SDK is the same on both sides and only the project's
 * code differs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

/** main when issue 13 was filed: the last commit before the layering work (c705ba3). */
export const ISSUE_13_BASELINE = '25a088bd311752ee4909a4d1c5b18682d4e9fa74';

export type Baseline =
  { readonly file: string; readonly commit: string } | { readonly unavailable: string };

type BundleOptions = (outDir: string, name: 'reconcile') => BuildOptions;

function gitHas(commit: string): boolean {
  const probe = spawnSync('git', ['cat-file', '-e', `${commit}^{commit}`], { stdio: 'ignore' });
  return probe.status === 0;
}

/** Builds the baseline reconcile under `dir`; says why not when this clone lacks the commit. */
export async function baselineReconcile(dir: string): Promise<Baseline> {
  const commit = ISSUE_13_BASELINE;
  if (!gitHas(commit))
    return { unavailable: `commit ${commit.slice(0, 7)} is not in this clone (shallow or no git)` };
  const sources = join(dir, 'baseline-src');
  mkdirSync(sources, { recursive: true });
  const tar = execFileSync('git', ['archive', '--format=tar', commit], { maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', sources], { input: tar });
  symlinkSync(resolve('node_modules'), join(sources, 'node_modules'));
  const url = pathToFileURL(join(sources, 'scripts', 'lib', 'bundle.ts')).href;
  const { bundleOptions } = (await import(url)) as { bundleOptions: BundleOptions };
  const outDir = join(dir, 'baseline');
  await build({ ...bundleOptions(outDir, 'reconcile'), absWorkingDir: sources });
  return { file: join(outDir, 'reconcile', 'index.mjs'), commit: commit.slice(0, 7) };
}
