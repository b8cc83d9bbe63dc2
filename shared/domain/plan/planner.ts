import { compileBatches } from './batches.js';
import { classifyCurrent } from './current.js';
import type { RegionRead } from '../fleet/fleet.js';
import { depthOfName } from '../layout/layout.js';
import { orphansByService } from './orphans.js';
import { isManagedName } from './roots.js';
import type { Plan, RegionPlan } from './plan.js';
import { planRegions, planService, type ServiceOutcome } from './plan-service.js';
import { indexRecords, preflight, preflightProblem } from './preflight.js';
import type { Change, ResourceRecordSet } from '../dns/records.js';
import { inScope, isFullScope, type PlanScope } from '../scope.js';
import type { RebalancerSpec } from '../spec.js';
import {
  checkContext,
  regionChecksOf,
  type HealthCheckWorld,
} from '../health-checks/unit-checks.js';
import { healthCheckPlan, unreadChecksWarning } from './route53-checks.js';
import { isOneZone } from '../zones.js';

export { preflight, recordsSeenBy } from './preflight.js';

export interface PlanInput {
  readonly spec: RebalancerSpec;
  /** Every record read at and below the managed names, names normalised. */
  readonly records: readonly ResourceRecordSet[];
  /** What was read of each region; a region absent here is skipped, never emptied. */
  readonly regions: ReadonlyMap<string, RegionRead>;
  readonly scope?: PlanScope;
  /** Apply plans that exceed the capacity-removal limit. */
  readonly force?: boolean;
  /** Says what triggered the plan; becomes each ChangeBatch's Comment. */
  readonly reason?: string;
  /** When the world was read (epoch milliseconds): readiness grace periods count from launch to it. */
  readonly now?: number;
  /** Instance id -> why an EC2 notice drains it now, before the read can show it. */
  readonly notices?: ReadonlyMap<string, string>;
  /** Instances whose launch hook the writer holds: admitted from Pending:Wait once ready. */
  readonly launching?: ReadonlySet<string>;
  /** Our Route 53 health checks and their statuses; undefined when not read (records keep the ids they have). */
  readonly healthChecks?: HealthCheckWorld;
  /** The most checks this plan may create; MAX_CREATES_PER_RECONCILE by default. */
  readonly maxHealthCheckCreates?: number;
}

/** Each name's depth in the alias tree, worked out once: it is asked for every change, several times. */
function depthsOf(spec: RebalancerSpec): (name: string) => number {
  const latencyNames = new Set(spec.services.map((s) => s.recordName));
  const depths = new Map<string, number>();
  return (name) => {
    let depth = depths.get(name);
    if (depth === undefined) depths.set(name, (depth = depthOfName(name, latencyNames)));
    return depth;
  };
}

/**
 * Orphans by service, and those beyond our reach: under names the configuration
 * no longer manages (the deployed role may only write managed names), reported
 * and left. Those at managed names still answer for them, scoped plan or not.
 */
function sortOrphans(spec: RebalancerSpec, orphans: readonly ResourceRecordSet[], full: boolean) {
  const byService = orphansByService(
    spec,
    orphans.filter((r) => isManagedName(spec, r.Name)),
  );
  const stranded = full
    ? [...orphans.filter((r) => !isManagedName(spec, r.Name)), ...(byService.get('') ?? [])]
    : [];
  return { byService, stranded };
}

/**
 * Plans the whole configuration: per service and region, the records that
 * follow healthy capacity, as ordered, size-limited, atomic change batches that
 * touch only records this owner wrote. Pure: the same input gives the same plan.
 * The plan is pre-flighted whole; when the model of the zone refuses it, each
 * service is planned again and pre-flighted on its own (see planService), so a
 * region or service Route 53 would refuse is left as it is, with the reason,
 * and the rest is still written. What is returned has always passed.
 */
export function plan(input: PlanInput): Plan {
  const { spec } = input;
  // A spec of several zones reaching here would write every service into the first.
  if (!isOneZone(spec))
    throw new Error('plan takes the spec of one hosted zone: project it with zoneSpecs first');
  const current = classifyCurrent(spec, input.records);
  const full = isFullScope(input.scope);
  const { byService, stranded } = sortOrphans(spec, current.orphans, full);
  const index = indexRecords(input.records);
  const depthOf = depthsOf(spec);
  const checks = checkContext(spec.ownerId, input.healthChecks);
  const healthCheckIds =
    input.healthChecks === undefined
      ? undefined
      : new Set(input.healthChecks.owned.map((c) => c.id));
  const comment = `route53-rebalancer ${spec.ownerId}: ${input.reason ?? 'plan'}`;
  const compile = (changes: readonly Change[], joins: readonly (readonly string[])[]) =>
    compileBatches(changes, depthOf, joins, comment);
  const contexts = spec.services
    .filter((s) => s.regions.some((r) => inScope(input.scope, s.name, r.region)))
    .map((service) => ({
      spec,
      service,
      units: current.units,
      regions: input.regions,
      scope: input.scope,
      force: input.force ?? false,
      now: input.now,
      notices: input.notices,
      launching: input.launching,
      orphans: byService.get(service.name) ?? [],
      mayDeleteOrphans: full,
      index,
      compile,
      checksFor: (region: string, unit: { owned: readonly ResourceRecordSet[] }) =>
        regionChecksOf(checks, service, region, unit.owned),
      healthCheckIds,
    }));
  // concat, not flatMap: flatMap copies a plan's hundred thousand changes one by one, ten times slower.
  const batchesOf = (all: readonly ServiceOutcome[]) =>
    compile(
      ([] as Change[]).concat(...all.map((o) => o.changes)),
      ([] as (readonly string[])[]).concat(...all.map((o) => o.joins)),
    );
  const passing = (all: readonly ServiceOutcome[]) => {
    try {
      const batches = batchesOf(all);
      return preflightProblem(spec, index, batches, healthCheckIds) === undefined
        ? batches
        : undefined;
    } catch {
      return undefined;
    }
  };
  // Checked whole first, as almost every plan passes; only a refused plan is
  // planned again service by service, to find what Route 53 would refuse.
  // Planned region by region once; a refused plan reuses them, as planning is pure.
  const plannings = planRegions(contexts);
  let outcomes = contexts.map((context, s) => planService(context, false, plannings[s] ?? []));
  let changeBatches = passing(outcomes);
  if (changeBatches === undefined) {
    outcomes = contexts.map((context, s) => planService(context, true, plannings[s] ?? []));
    changeBatches = batchesOf(outcomes);
    preflight(spec, index, changeBatches, healthCheckIds);
  }
  const services = outcomes.map((o) => o.plan);
  const healthChecks =
    input.healthChecks === undefined
      ? undefined
      : healthCheckPlan({ ...input, checks, services, batches: changeBatches, full });
  return {
    services,
    changeBatches,
    orphans: outcomes.flatMap((o) => o.deleted),
    keptOrphans: outcomes.flatMap((o) => o.kept),
    stranded,
    orphansRead: current.orphans.length,
    warnings: [...outcomes.flatMap((o) => o.warnings), ...unreadChecksWarning(input)],
    ...(healthChecks !== undefined && { healthChecks }),
  };
}

export type { PlanScope, RegionPlan };
