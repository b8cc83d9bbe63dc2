import type { Command } from 'commander';
import { loadConfig } from '../../shared/config.js';
import { plan } from '../../shared/domain/planner.js';
import { loadStateFile } from '../../shared/state-file.js';
import type { Io } from '../io.js';
import { renderPlanText } from '../render/plan-text.js';
import { planJson } from '../render/plan-json.js';
import { regionalNames } from './shared.js';

export interface PlanOptions {
  readonly config: string;
  readonly state?: string;
  readonly json?: boolean;
  readonly service?: string;
  readonly region?: string;
  readonly force?: boolean;
  readonly exitCode?: boolean;
}

/** `plan`: what would change, from an offline state file or live AWS. Exit 2 with --exit-code when changes are pending. */
export async function runPlan(options: PlanOptions, io: Io): Promise<number> {
  const spec = await loadConfig(options.config);
  if (options.state === undefined) {
    throw new Error('plan without --state needs the live AWS adapters');
  }
  const state = await loadStateFile(options.state);
  const result = plan({
    spec,
    records: state.records,
    regions: state.regions,
    scope: { service: options.service, region: options.region },
    force: options.force ?? false,
    reason: `plan from ${options.state}`,
  });
  io.out(
    options.json === true
      ? JSON.stringify(planJson(result), null, 2)
      : renderPlanText(result, regionalNames(spec)),
  );
  return options.exitCode === true && result.changeBatches.length > 0 ? 2 : 0;
}

export function registerPlan(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('plan')
    .description(
      'show the Route 53 changes that would bring the records in line with capacity and health',
    )
    .requiredOption('-c, --config <file>', 'configuration file (YAML or JSON)')
    .option(
      '-s, --state <file>',
      'offline state file made of AWS CLI output (see README); without it, read live AWS',
    )
    .option(
      '--json',
      'print JSON: changeBatches exactly as ChangeResourceRecordSets takes them, plus a summary',
    )
    .option('--service <name>', 'plan only this service')
    .option('--region <region>', 'plan only this region')
    .option(
      '--force',
      'allow plans that remove more capacity than safety.maxCapacityRemovedPercent',
    )
    .option('--exit-code', 'exit with 2 when there are changes, 0 when there are none')
    .addHelpText(
      'after',
      '\nExamples:\n  npx rebalancer plan --config examples/latency-weighted/config.yaml --state examples/latency-weighted/state.json\n  npx rebalancer plan -c config.yaml -s state.json --json > plan.json',
    )
    .action(async (options: PlanOptions) => {
      done(await runPlan(options, io));
    });
}
