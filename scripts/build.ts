/**
 * `npm run build [-- --stage S] [--config F]`: validates the stage's config
 * (`--config F`, else `config/<stage>.yml` if present, else `rebalancer.yml`),
 * then bundles each function into dist/<name>/ with the config beside it, and
 * writes dist/deploy-values.json for serverless.yml, and the templates of the
 * zones' roles in other accounts (dist/zone-account*.json), one line each.
 */
import { processIo, type Io } from '../cli/io.js';
import { buildAll, buildSummary } from './lib/build.js';
import { isEntryPoint, runMain } from './lib/cli.js';
import { parseBuildArgs } from './lib/options.js';

/** The build for `argv`; returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runMain(io, async () => {
    const options = parseBuildArgs(argv);
    const result = await buildAll(options);
    for (const line of buildSummary(result, options.stage)) io.out(line);
    for (const bundle of result.bundles)
      io.out(`  ${bundle.file}  ${(bundle.bytes / 1024).toFixed(0)} KiB`);
    return 0;
  });
}

if (isEntryPoint(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
