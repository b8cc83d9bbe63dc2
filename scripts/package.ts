/**
 * `npm run package [-- --stage S] [--region R] [--config F]`: the build (which
 * validates the config), then `osls package` for the same stage and region:
 * `.serverless/` holds one zip per function and the CloudFormation templates.
 * Offline: no AWS call, no credentials.
 */
import { processIo, type Io } from '../cli/io.js';
import { buildAll, buildSummary } from './lib/build.js';
import { isEntryPoint, runMain } from './lib/cli.js';
import { parseBuildArgs } from './lib/options.js';
import { runOsls } from './lib/osls.js';

/** The build, then `osls package` in `cwd` through `osls`; returns the exit code. */
export async function main(
  argv: readonly string[],
  io: Io = processIo,
  osls: (args: readonly string[], cwd: string) => number = runOsls,
  cwd: string = process.cwd(),
): Promise<number> {
  return runMain(io, async () => {
    const options = parseBuildArgs(argv);
    for (const line of buildSummary(await buildAll(options), options.stage)) io.out(line);
    const region = options.region === undefined ? [] : ['--region', options.region];
    return osls(['package', '--stage', options.stage, ...region], cwd);
  });
}

if (isEntryPoint(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
