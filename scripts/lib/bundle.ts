import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { literalKeysPlugin } from './literal-keys.js';

/** The Lambda functions, one per trigger: `functions/<name>.ts` -> `dist/<name>/index.mjs`. */
export const FUNCTIONS = ['intake', 'schedule', 'reconcile', 'manual'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/** The file a function's code and bundled config live in, relative to the bundle directory. */
export const BUNDLE_FILE = 'index.mjs';
// The validated config, as JSON: the functions then never load a YAML parser.
export const BUNDLED_CONFIG = 'rebalancer.json';

/** The Node the bundles are compiled for: the Lambda runtime's (serverless.yml: nodejs22.x). */
export const NODE_TARGET = 'node22';

/*
 * Some CommonJS code in the SDK's dependency tree calls require() for Node
 * built-ins; an ESM bundle has no require, so without this every cold start
 * fails with `Dynamic require of "node:https" is not supported`.
 */
const REQUIRE_SHIM =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * One esbuild run per function, into its own directory. Code splitting puts
 * what is only imported on demand (the YAML parser, the SDK's SSO/STS
 * credential providers, event streams) into chunks beside the entry that a
 * Lambda never loads: the entry is a third of the size and loads faster.
 */
export function bundleOptions(outDir: string, name: FunctionName): BuildOptions {
  return {
    entryPoints: { index: `functions/${name}.ts` },
    outdir: join(outDir, name),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'esm',
    minify: true,
    // Maps in their own .map files, named by a sourceMappingURL comment, which is
    // how NODE_OPTIONS=--enable-source-maps finds them ('external' writes no
    // comment). Without the sources' text they are 2/5 of the size and Node
    // still maps every frame.
    sourcemap: 'linked',
    sourcesContent: false,
    // Nothing is external: the SDK is bundled rather than taken from the
    // runtime, which loads faster and pins its version; its ESM builds first.
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_SHIM },
    // Lets tree-shaking drop the SDK's unused schemas (literal-keys.ts): half of each bundle.
    plugins: [literalKeysPlugin],
    metafile: true,
    logLevel: 'warning',
  };
}

export interface Bundle {
  readonly name: FunctionName;
  /** The directory serverless.yml packages for this function. */
  readonly dir: string;
  readonly file: string;
  /** The entry alone. */
  readonly bytes: number;
  /** What a cold start loads: the entry and every chunk it imports statically. */
  readonly startupBytes: number;
  /** Every chunk beside the entry, loaded on demand or never. */
  readonly totalBytes: number;
  /** What went into the code a cold start loads, from esbuild's metafile. */
  readonly inputs: Metafile['outputs'][string]['inputs'];
}

/** The output files a cold start loads: `entry` and, transitively, its static imports. */
export function startupOutputs(outputs: Metafile['outputs'], entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    for (const imported of outputs[path]?.imports ?? []) {
      if (
        imported.kind !== 'import-statement' ||
        imported.external === true ||
        seen.has(imported.path)
      )
        continue;
      seen.add(imported.path);
      queue.push(imported.path);
    }
  }
  return [...seen];
}

/** What went into the files a cold start loads (startupOutputs), by input. */
export function startupInputs(
  outputs: Metafile['outputs'],
  entry: string,
): Metafile['outputs'][string]['inputs'] {
  return Object.fromEntries(
    startupOutputs(outputs, entry).flatMap((path) => Object.entries(outputs[path]?.inputs ?? {})),
  );
}

export const METAFILE = 'meta.json';

const SOURCE_MAPPING_URL = /\n\/\/# sourceMappingURL=[^\n]*\n?$/;

/**
 * Takes the source map off every output file of packages' code alone (the
 * SDK's chunks): with --enable-source-maps Node reads the map a module names
 * when it loads it and scans its code for line lengths, a cost every cold
 * start paid for frames that only ever point into the SDK's minified code.
 * Files with any of the project's code keep theirs.
 */
export async function dropPackageOnlySourceMaps(
  metafile: Metafile,
  workingDir: string = process.cwd(),
): Promise<void> {
  for (const [path, output] of Object.entries(metafile.outputs)) {
    // A file of no input at all holds only the imports and exports that join chunks.
    const inputs = Object.keys(output.inputs);
    if (!path.endsWith('.mjs') || !inputs.every((input) => input.includes('node_modules/')))
      continue;
    const file = resolve(workingDir, path);
    const code = await readFile(file, 'utf8');
    const stripped = code.replace(SOURCE_MAPPING_URL, '\n');
    if (stripped === code) continue;
    await writeFile(file, stripped);
    await rm(`${file}.map`, { force: true });
  }
}

/** Builds every function into `<outDir>/<name>/` (index.mjs and its chunks) and writes esbuild's metafiles to `<outDir>/meta.json` (not packaged). */
export async function bundleFunctions(outDir: string): Promise<Bundle[]> {
  const built = await Promise.all(
    FUNCTIONS.map(async (name) => {
      const { metafile } = await build(bundleOptions(outDir, name));
      if (metafile === undefined) throw new Error('esbuild wrote no metafile');
      await dropPackageOnlySourceMaps(metafile);
      return { name, metafile };
    }),
  );
  await writeFile(
    join(outDir, METAFILE),
    JSON.stringify(Object.fromEntries(built.map(({ name, metafile }) => [name, metafile]))),
  );
  return built.map(({ name, metafile }) => {
    const dir = join(outDir, name);
    const file = join(dir, BUNDLE_FILE);
    const outputs = metafile.outputs;
    const entry = Object.entries(outputs).find(([, o]) => o.entryPoint === `functions/${name}.ts`);
    if (entry === undefined) throw new Error(`esbuild wrote no bundle for ${name}`);
    const startup = startupOutputs(outputs, entry[0]).map((path) => outputs[path]);
    const code = Object.entries(outputs).filter(([path]) => path.endsWith('.mjs'));
    return {
      name,
      dir,
      file,
      bytes: entry[1].bytes,
      startupBytes: startup.reduce((sum, o) => sum + (o?.bytes ?? 0), 0),
      totalBytes: code.reduce((sum, [, o]) => sum + o.bytes, 0),
      inputs: startupInputs(outputs, entry[0]),
    };
  });
}

/** The bytes each npm package (or `(project)`) contributes to a bundle, largest first. */
export function bytesByPackage(inputs: Bundle['inputs']): [string, number][] {
  const sums = new Map<string, number>();
  for (const [path, input] of Object.entries(inputs)) {
    // The innermost package: node_modules/a/node_modules/b/x.js counts for b.
    const match = [...path.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].at(-1);
    const key = match?.[1] ?? '(project)';
    sums.set(key, (sums.get(key) ?? 0) + input.bytesInOutput);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}
