import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Io } from '../../cli/io.js';
import { RebalancerError } from '../../shared/domain/errors.js';

/**
 * Runs a script's work and returns its exit code: a problem the user can fix
 * (an invalid config, a bad argument) is its message alone on stderr and exit
 * code 1, never a stack. Anything else is a bug and goes on, stack and all.
 */
export async function runMain(io: Io, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof RebalancerError)) throw error;
    io.err(error.message);
    return 1;
  }
}

/**
 * True when the module at `moduleUrl` is the script Node was started with
 * (`tsx scripts/build.ts`), false when something imports it (a test calling
 * its main in-process).
 */
export function isEntryPoint(
  moduleUrl: string,
  script: string | undefined = process.argv[1],
): boolean {
  return script !== undefined && pathToFileURL(resolve(script)).href === moduleUrl;
}
