import { Command, CommanderError } from 'commander';
import { RebalancerError } from '../shared/domain/errors.js';
import { registerApply, terminalConfirm, type Confirm } from './commands/apply.js';
import { registerPlan } from './commands/plan.js';
import { registerSimulate } from './commands/simulate.js';
import { registerSnapshot } from './commands/snapshot.js';
import { processIo, type Io } from './io.js';

function program(io: Io, done: (code: number) => void, confirm: Confirm | undefined): Command {
  const cli = new Command('rebalancer')
    .description('Keeps Route 53 latency + weighted records in line with EC2 capacity and health.')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      [
        '',
        'Run rebalancer <command> --help for its options and examples.',
        '',
        'Examples:',
        '  npx rebalancer plan -c examples/latency-weighted/config.yaml -s examples/latency-weighted/state.json',
        '  npx rebalancer apply -c config.yaml',
      ].join('\n'),
    );
  registerPlan(cli, io, done);
  registerApply(cli, io, done, confirm);
  registerSnapshot(cli, io, done);
  registerSimulate(cli, io, done);
  return cli;
}

/** One line for people; the stack only when REBALANCER_DEBUG is set. */
function describeError(error: unknown): string {
  if (error instanceof RebalancerError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return process.env.REBALANCER_DEBUG && error instanceof Error && error.stack
    ? error.stack
    : message;
}

/** Runs the command line and returns the exit code; never throws, never calls process.exit. */
export async function main(
  argv: readonly string[],
  io: Io = processIo,
  confirm: Confirm | undefined = process.stdin.isTTY ? terminalConfirm : undefined,
): Promise<number> {
  let code = 0;
  // Commander prints the help on stderr and exits 1; say first what is wrong.
  if (argv.length === 0) io.err('error: no command given');
  try {
    await program(io, (c) => (code = c), confirm).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    io.err(`error: ${describeError(error)}`);
    return 1;
  }
}
