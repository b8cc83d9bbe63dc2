import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { literalKeysPlugin } from './literal-keys.js';

/** The Lambda functions, one per trigger: `functions/<name>.ts` -> `dist/<name>/index.mjs`. */
export const FUNCTIONS = ['intake', 'schedule', 'reconcile', 'manual'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/** The file a function's code and bundled config live in, relative to the bundle directory. */
export const BUNDLE_FILE = 'index.mjs';
export const BUNDLED_CONFIG = 'rebalancer.yml';

/*
 * Some CommonJS code in the SDK's dependency tree calls require() for Node
 * built-ins; an ESM bundle has no require, so without this every cold start
 * fails with `Dynamic require of "node:https" is not supported`.
 */
const REQUIRE_SHIM =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** One esbuild run for every function: the SDK is parsed once, and each entry still gets its own bundle. */
export function bundleOptions(outDir: string): BuildOptions {
  return {
    entryPoints: Object.fromEntries(
      FUNCTIONS.map((name) => [`${name}/index`, `functions/${name}.ts`]),
    ),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node22',
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
  readonly bytes: number;
  /** What went into this bundle, from esbuild's metafile. */
  readonly inputs: Metafile['outputs'][string]['inputs'];
}

export const METAFILE = 'meta.json';

/** Builds every function into `<outDir>/<name>/index.mjs` and writes esbuild's metafile to `<outDir>/meta.json` (not packaged). */
export async function bundleFunctions(outDir: string): Promise<Bundle[]> {
  const { metafile } = await build(bundleOptions(outDir));
  if (metafile === undefined) throw new Error('esbuild wrote no metafile');
  await writeFile(join(outDir, METAFILE), JSON.stringify(metafile));
  return FUNCTIONS.map((name) => {
    const dir = join(outDir, name);
    const file = join(dir, BUNDLE_FILE);
    const output = Object.values(metafile.outputs).find(
      (o) => o.entryPoint === `functions/${name}.ts`,
    );
    if (output === undefined) throw new Error(`esbuild wrote no bundle for ${name}`);
    return { name, dir, file, bytes: output.bytes, inputs: output.inputs };
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
