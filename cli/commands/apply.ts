import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { loadConfig } from '../../shared/formats/config/load.js';
import { planTotals } from '../../shared/domain/plan/plan.js';
import { reconcile } from '../../shared/app/reconcile.js';
import { writeBatches, type WriteOutcome } from '../../shared/app/write-batches.js';
import type { Io } from '../io.js';
import { visible } from '../visible.js';
import { printPlan } from './plan.js';
import { scopeOf } from './shared.js';
import { zoneHeading, zonesToRun } from './zones.js';
import type { PlanScope } from '../../shared/domain/scope.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';

export interface ApplyOptions {
  readonly config: string;
  readonly service?: string;
  readonly region?: string;
  readonly force?: boolean;
  readonly yes?: boolean;
  readonly wait?: boolean;
  readonly json?: boolean;
  readonly verbose?: boolean;
  /** Only this hosted zone (its id or name), when the configuration names several. */
  readonly zone?: string;
}

export type Confirm = (question: string) => Promise<boolean>;

/** Asks on the terminal; anything but y/yes declines. */
export const terminalConfirm: Confirm = async (question) => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(visible(question))).trim());
  } finally {
    rl.close();
  }
};

const batches = (n: number): string => `${n} batch${n === 1 ? '' : 'es'}`;

/** What happened to the write, on stderr; the exit code. A failure other than a changed zone is thrown. */
function reportWrite(outcome: WriteOutcome, total: number, io: Io): number {
  const { written, failure, inSync } = outcome;
  if (failure === undefined) {
    const sync =
      inSync === true ? '; Route 53 reports INSYNC' : inSync === false ? '; not INSYNC yet' : '';
    io.err(`Wrote ${batches(written.length)}${sync}.`);
    return 0;
  }
  const done =
    written.length === 0
      ? 'Nothing written'
      : `Wrote ${written.length} of ${total} batches, then stopped`;
  if (!failure.stale) {
    if (written.length > 0) io.err(`${done}: the rest was not sent.`);
    throw failure.error;
  }
  const why = failure.error instanceof Error ? failure.error.message : String(failure.error);
  io.err(`${done}: ${why}. Run apply again to plan from what the zone holds now.`);
  return 1;
}

/**
 * `apply`: plan live, then write exactly that plan. On a terminal it shows the
 * plan and asks first (skip with --yes); elsewhere it writes straight away.
 * What is written is what was shown: if the zone changed in between, Route 53
 * refuses the DELETEs (compare-and-swap) and the user is told to run again.
 */
export async function runApply(
  options: ApplyOptions,
  io: Io,
  confirm: Confirm | undefined,
): Promise<number> {
  const spec = await loadConfig(options.config);
  const scope = scopeOf(spec, options);
  const zones = zonesToRun(spec, options.zone);
  let code = 0;
  // Zone by zone, each planned, shown, confirmed and written on its own.
  for (const one of zones) {
    if (spec.zones !== undefined) io.err(zoneHeading(one));
    code = Math.max(code, await applyZone(one, scope, options, io, confirm));
  }
  return code;
}

async function applyZone(
  spec: RebalancerSpec,
  scope: PlanScope,
  options: ApplyOptions,
  io: Io,
  confirm: Confirm | undefined,
): Promise<number> {
  const { cliReconcileDeps } = await import('../live.js');
  const deps = cliReconcileDeps(spec, io, options.verbose ?? false);
  const { plan, readFailures } = await reconcile(
    { spec, scope, force: options.force ?? false, reason: 'rebalancer apply', dryRun: true },
    deps,
  );
  printPlan(plan, spec, options.json === true, io);
  const totals = planTotals(plan);
  let code = 0;
  if (totals.batches > 0) {
    const question = `Write these ${totals.creates + totals.deletes} changes to ${spec.hostedZoneId}? [y/N] `;
    if (confirm !== undefined && options.yes !== true && !(await confirm(question))) {
      io.err('Nothing written.');
      return 1;
    }
    const outcome = await writeBatches(plan.changeBatches, deps.zone, deps.log, {
      waitInSync: options.wait ?? false,
    });
    code = reportWrite(outcome, totals.batches, io);
  }
  if (readFailures.length > 0) {
    io.err(`Not reconciled (could not read): ${readFailures.join('; ')}`);
    return 1;
  }
  return code;
}

export function registerApply(
  program: Command,
  io: Io,
  done: (code: number) => void,
  confirm: Confirm | undefined,
): void {
  program
    .command('apply')
    .description(
      'plan against live AWS, show the plan, then write exactly that plan to Route 53 (asks first on a terminal)',
    )
    .requiredOption('-c, --config <file>', 'configuration file (YAML or JSON)')
    .option('--service <name>', 'apply only this service (one of the configuration)')
    .option('--region <region>', 'apply only this region (one of the configuration)')
    .option('--zone <zone>', 'apply only this hosted zone (its id or name), of those configured')
    .option(
      '--force',
      'allow plans that remove more capacity than safety.maxCapacityRemovedPercent',
    )
    .option('-y, --yes', 'do not ask for confirmation (off a terminal it never asks)')
    .option('--wait', 'after writing, wait until Route 53 reports the change INSYNC')
    .option('--json', 'print the plan as JSON (the same as plan --json); messages go to stderr')
    .option('-v, --verbose', 'log each AWS reconcile step as JSON lines on stderr')
    .addHelpText(
      'after',
      [
        '',
        'What is written is exactly the plan shown. If the zone changed after it was read,',
        'Route 53 refuses the stale DELETEs, nothing more is written, and apply says to run again.',
        'Exit codes: 0 written or nothing to do, 1 declined, an error, or not everything written.',
        '',
        'Examples:',
        '  npx rebalancer apply -c config.yaml                     # shows the plan, asks, then writes',
        '  npx rebalancer apply -c config.yaml --region us-east-2 --yes --wait',
      ].join('\n'),
    )
    .action(async (options: ApplyOptions) => {
      done(await runApply(options, io, confirm));
    });
}
