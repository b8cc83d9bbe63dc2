import type { Command } from 'commander';
import { loadConfig } from '../../shared/formats/config/load.js';
import type { Plan } from '../../shared/domain/plan/plan.js';
import { plan } from '../../shared/domain/plan/planner.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import { planSummary } from '../../shared/app/plan-view.js';
import { reconcile } from '../../shared/app/reconcile.js';
import { loadStateFile, type OfflineState } from '../../shared/formats/state-file.js';
import type { Io } from '../io.js';
import { renderPlanText } from '../render/plan-text.js';
import { regionalNames, scopeOf } from './shared.js';
import { recordsOfZone, zoneHeading, zonesToRun } from './zones.js';

export interface PlanOptions {
  readonly config: string;
  readonly state?: string;
  readonly json?: boolean;
  readonly service?: string;
  readonly region?: string;
  readonly force?: boolean;
  readonly exitCode?: boolean;
  readonly verbose?: boolean;
  /** Only this hosted zone (its id or name), when the configuration names several. */
  readonly zone?: string;
}

async function planFor(
  one: RebalancerSpec,
  spec: RebalancerSpec,
  options: PlanOptions,
  io: Io,
  state: OfflineState | undefined,
): Promise<Plan> {
  const scope = scopeOf(spec, options);
  if (state !== undefined && options.state !== undefined) {
    return plan({
      spec: one,
      records: recordsOfZone(state, one, spec, options.state),
      regions: state.regions,
      scope,
      force: options.force ?? false,
      reason: `plan from ${options.state}`,
    });
  }
  const { cliReconcileDeps } = await import('../live.js');
  const deps = cliReconcileDeps(one, io, options.verbose ?? false);
  return (
    await reconcile(
      { spec: one, scope, dryRun: true, force: options.force ?? false, reason: 'plan' },
      deps,
    )
  ).plan;
}

/** The plans of several zones, for people (a heading per zone) or as JSON (`zones`, each a plan summary). */
export function printZonePlans(
  plans: readonly { readonly spec: RebalancerSpec; readonly plan: Plan }[],
  json: boolean,
  io: Io,
): void {
  if (json) {
    const zones = plans.map(({ spec, plan }) => ({
      zone: spec.hostedZoneId,
      ...(spec.zoneName !== undefined && { zoneName: spec.zoneName }),
      ...planSummary(plan),
    }));
    io.out(JSON.stringify({ zones }, null, 2));
    return;
  }
  io.out(
    plans
      .map(
        ({ spec, plan }) => `${zoneHeading(spec)}\n\n${renderPlanText(plan, regionalNames(spec))}`,
      )
      .join('\n\n'),
  );
}

/** Prints a plan for people, or as JSON. */
export function printPlan(result: Plan, spec: RebalancerSpec, json: boolean, io: Io): void {
  io.out(
    json
      ? JSON.stringify(planSummary(result), null, 2)
      : renderPlanText(result, regionalNames(spec)),
  );
}

/** `plan`: what would change, from an offline state file or live AWS. Exit 2 with --exit-code when changes are pending. */
export async function runPlan(options: PlanOptions, io: Io): Promise<number> {
  const spec = await loadConfig(options.config);
  const state = options.state === undefined ? undefined : await loadStateFile(options.state);
  const zones = zonesToRun(spec, options.zone);
  const plans: { spec: RebalancerSpec; plan: Plan }[] = [];
  const unread: string[] = [];
  for (const one of zones) {
    try {
      plans.push({ spec: one, plan: await planFor(one, spec, options, io, state) });
    } catch (error) {
      // Live, a zone that cannot be read is reported and the other zones are still planned.
      if (state !== undefined || zones.length === 1) throw error;
      const why = error instanceof Error ? error.message : String(error);
      unread.push(`${zoneHeading(one)}: not planned: ${why}`);
    }
  }
  // A one-zone configuration prints as it always has.
  const [only] = plans;
  if (spec.zones === undefined && only !== undefined)
    printPlan(only.plan, only.spec, options.json === true, io);
  else printZonePlans(plans, options.json === true, io);
  for (const line of unread) io.err(line);
  if (unread.length > 0) return 1;
  const pending = plans.some((p) => p.plan.changeBatches.length > 0);
  return options.exitCode === true && pending ? 2 : 0;
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
    .option('--service <name>', 'plan only this service (one of the configuration)')
    .option('--region <region>', 'plan only this region (one of the configuration)')
    .option('--zone <zone>', 'plan only this hosted zone (its id or name), of those configured')
    .option(
      '--force',
      'allow plans that remove more capacity than safety.maxCapacityRemovedPercent',
    )
    .option('--exit-code', 'exit with 2 when there are changes, 0 when there are none')
    .option('-v, --verbose', 'log each AWS reconcile step as JSON lines on stderr')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 planned (with --exit-code: nothing to change), 2 changes pending',
        '(--exit-code only), 1 an error: bad config, unknown --service/--region, AWS failure.',
        '',
        'Examples:',
        '  npx rebalancer plan --config examples/latency-weighted/config.yaml --state examples/latency-weighted/state.json',
        '  npx rebalancer plan -c config.yaml --region us-east-2          # live AWS, standard credentials',
        '  npx rebalancer plan -c config.yaml --json > plan.json',
      ].join('\n'),
    )
    .action(async (options: PlanOptions) => {
      done(await runPlan(options, io));
    });
}
