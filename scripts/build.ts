/**
 * `npm run build [-- --stage S] [--config F]`: validates the stage's config
 * (`--config F`, else `config/<stage>.yml` if present, else `rebalancer.yml`),
 * then bundles each function into dist/<name>/ with the config beside it, and
 * writes dist/deploy-values.json for serverless.yml.
 */
import { buildAll } from './lib/build.js';
import { runMain } from './lib/cli.js';
import { parseBuildArgs } from './lib/options.js';
import { writerNamesSummary } from './lib/writer-policy.js';

await runMain(async () => {
  const options = parseBuildArgs(process.argv.slice(2));
  const { bundles, values, names } = await buildAll(options);
  console.log(`${values.config}: valid; built for stage ${options.stage}`);
  console.log(`  ${writerNamesSummary(names)}`);
  for (const bundle of bundles)
    console.log(`  ${bundle.file}  ${(bundle.bytes / 1024).toFixed(0)} KiB`);
});
