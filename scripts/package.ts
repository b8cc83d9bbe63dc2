/**
 * `npm run package [-- --stage S] [--region R] [--config F]`: the build (which
 * validates the config), then `osls package` for the same stage and region:
 * `.serverless/` holds one zip per function and the CloudFormation templates.
 * Offline: no AWS call, no credentials.
 */
import { buildAll } from './lib/build.js';
import { runMain } from './lib/cli.js';
import { parseBuildArgs } from './lib/options.js';
import { writerNamesSummary } from './lib/writer-policy.js';
import { runOsls } from './lib/osls.js';

await runMain(async () => {
  const options = parseBuildArgs(process.argv.slice(2));
  const { values, names } = await buildAll(options);
  console.log(`${values.config}: valid; built for stage ${options.stage}`);
  console.log(`  ${writerNamesSummary(names)}`);
  const region = options.region === undefined ? [] : ['--region', options.region];
  process.exitCode = runOsls(['package', '--stage', options.stage, ...region], process.cwd());
});
