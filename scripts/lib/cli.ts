import { RebalancerError } from '../../shared/domain/errors.js';

/**
 * Runs a script's main: a problem the user can fix (an invalid config, a bad
 * argument) is its message alone on stderr and exit code 1, never a stack.
 */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof RebalancerError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
