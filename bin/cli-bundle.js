/*
 * The command line as one ESM bundle for plain Node, dist/cli/rebalancer.mjs,
 * built with esbuild the way the Lambda functions are (scripts/lib/bundle.ts),
 * so running it needs no TypeScript loader. Plain JavaScript: this is what
 * runs before anything could compile TypeScript. Types: cli-bundle.d.ts.
 */
import {
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the directory above bin/. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = 'rebalancer.mjs';
const CHUNKS = 'chunks';

// What the bundle is made of: the sources it bundles, the dependencies' versions, how it is built.
const SOURCE_DIRS = ['cli', 'shared'];
const SOURCE_FILES = ['package-lock.json', 'bin/cli-bundle.js'];

/** esbuild's options for the CLI bundle of the project at `root`, written to `outDir`. */
export function cliBundleOptions(root, outDir) {
  return {
    absWorkingDir: root,
    entryPoints: { rebalancer: 'cli/run.ts' },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    // The AWS SDK sits in chunks of its own that only the live commands import:
    // an offline plan or simulate never reads them.
    splitting: true,
    chunkNames: `${CHUNKS}/[name]-[hash]`,
    bundle: true,
    platform: 'node',
    target: 'node22', // engines.node: one Node major everywhere (test/deploy/node-version.test.ts)
    format: 'esm',
    // The SDK's ESM builds first; its CommonJS parts require() Node built-ins,
    // which an ESM bundle can only do through createRequire.
    mainFields: ['module', 'main'],
    banner: {
      js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    },
    write: false,
    logLevel: 'error',
  };
}

function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The first file under `dir` modified after `since`, or undefined. */
function newerIn(dir, since) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const found = entry.isDirectory()
      ? newerIn(path, since)
      : (mtimeOf(path) ?? 0) > since
        ? path
        : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Why the bundle in `outDir` must be (re)built, or undefined when it is up to date. */
export function staleReason(root, outDir) {
  const built = mtimeOf(join(outDir, BUNDLE));
  if (built === undefined) return 'there was none';
  for (const file of SOURCE_FILES)
    if ((mtimeOf(join(root, file)) ?? 0) > built) return `${file} changed since the last build`;
  for (const dir of SOURCE_DIRS) {
    const newer = newerIn(join(root, dir), built);
    if (newer !== undefined) return `${relative(root, newer)} changed since the last build`;
  }
  return undefined;
}

// Written aside, then renamed: a CLI starting meanwhile reads the old file or the new one, never half of one.
function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    throw new Error('cannot build the CLI: esbuild (a devDependency) is not installed; run npm ci');
  }
}

/**
 * Builds the bundle into `outDir` and returns the entry's path. Chunks are
 * named by their content and written before the entry, so the entry never
 * names a chunk that is not there yet; chunks of earlier builds go once they
 * are a minute old, when no CLI started before this build can still need one.
 */
export async function buildBundle(root, outDir) {
  const started = Date.now();
  const { build } = await loadEsbuild();
  const { outputFiles } = await build(cliBundleOptions(root, outDir));
  const entry = join(outDir, BUNDLE);
  mkdirSync(join(outDir, CHUNKS), { recursive: true });
  for (const file of outputFiles)
    if (file.path !== entry) writeAtomically(file.path, file.contents);
  const main = outputFiles.find((file) => file.path === entry);
  if (main === undefined) throw new Error(`esbuild wrote no ${BUNDLE}`);
  writeAtomically(entry, main.contents);
  // Dated from the start: a source saved during the build still counts as newer.
  utimesSync(entry, started / 1000, started / 1000);
  const current = new Set(outputFiles.map((file) => file.path));
  for (const name of readdirSync(join(outDir, CHUNKS))) {
    const path = join(outDir, CHUNKS, name);
    if (!current.has(path) && (mtimeOf(path) ?? started) < started - 60_000)
      rmSync(path, { force: true });
  }
  return entry;
}

/**
 * The bundle's entry, built first when it is missing or older than any of its
 * sources (a walk of cli/ and shared/ for modification times: a few ms); a
 * build is said in one line through `log`.
 */
export async function freshBundle({
  root = ROOT,
  outDir = join(root, 'dist', 'cli'),
  log = (line) => process.stderr.write(`${line}\n`),
} = {}) {
  const reason = staleReason(root, outDir);
  const entry = join(outDir, BUNDLE);
  if (reason === undefined) return entry;
  const started = Date.now();
  await buildBundle(root, outDir);
  log(`rebalancer: built ${relative(root, entry)} in ${Date.now() - started} ms (${reason})`);
  return entry;
}
