import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { loadConfig } from '../../shared/formats/config/load.js';
import { planTotals } from '../../shared/domain/plan/plan.js';
import { reconcile } from '../../shared/app/reconcile.js';
import type { Io } from '../io.js';
import { cliReconcileDeps } from '../live.js';
import { describeBatches } from '../render/changes.js';
import { printPlan } from './plan.js';
import { scopeOf } from './shared.js';

export interface ApplyOptions {
  readonly config: string;
  readonly service?: string;
  readonly region?: string;
  readonly force?: boolean;
  readonly yes?: boolean;
  readonly wait?: boolean;
  readonly json?: boolean;
  readonly verbose?: boolean;
}

export type Confirm = (question: string) => Promise<boolean>;

/** Asks on the terminal; anything but y/yes declines. */
export const terminalConfirm: Confirm = async (question) => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
};

/**
 * `apply`: plan live, then write. On a terminal it shows the plan and asks
 * first (skip with --yes); elsewhere it writes straight away. The write re-reads
 * the zone and re-plans if anyone changed it since, so it never overwrites.
 */
export async function runApply(
  options: ApplyOptions,
  io: Io,
  confirm: Confirm | undefined,
): Promise<number> {
  const spec = await loadConfig(options.config);
  const deps = cliReconcileDeps(spec, io, options.verbose ?? false);
  const request = {
    spec,
    scope: scopeOf(options),
    force: options.force ?? false,
    reason: 'rebalancer apply',
  };
  const preview = await reconcile({ ...request, dryRun: true }, deps);
  printPlan(preview.plan, spec, options.json === true, io);
  const totals = planTotals(preview.plan);
  if (totals.batches === 0) return 0;
  if (confirm !== undefined && options.yes !== true) {
    if (
      !(await confirm(
        `Write these ${totals.creates + totals.deletes} changes to ${spec.hostedZoneId}? [y/N] `,
      ))
    ) {
      io.err('Nothing written.');
      return 1;
    }
  }
  const result = await reconcile({ ...request, waitInSync: options.wait ?? false }, deps);
  io.err(
    `Wrote ${result.written.length} batch${result.written.length === 1 ? '' : 'es'}${result.conflicts > 0 ? ` after ${result.conflicts} re-plan(s): the zone changed meanwhile` : ''}${result.inSync === true ? '; Route 53 reports INSYNC' : ''}.`,
  );
  if (options.json !== true) io.err(describeBatches(result.written));
  if (result.readFailures.length > 0) {
    io.err(`Not reconciled (could not read): ${result.readFailures.join('; ')}`);
    return 1;
  }
  return 0;
}

export function registerApply(
  program: Command,
  io: Io,
  done: (code: number) => void,
  confirm: Confirm | undefined,
): void {
  program
    .command('apply')
    .description('plan against live AWS, then write the changes to Route 53')
    .requiredOption('-c, --config <file>', 'configuration file (YAML or JSON)')
    .option('--service <name>', 'apply only this service')
    .option('--region <region>', 'apply only this region')
    .option(
      '--force',
      'allow plans that remove more capacity than safety.maxCapacityRemovedPercent',
    )
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--wait', 'wait until Route 53 reports the change INSYNC')
    .option('--json', 'print the plan as JSON')
    .option('-v, --verbose', 'log each AWS reconcile step as JSON lines on stderr')
    .action(async (options: ApplyOptions) => {
      done(await runApply(options, io, confirm));
    });
}
