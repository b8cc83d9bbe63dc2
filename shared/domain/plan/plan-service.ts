import type { UnitCurrent } from './current.js';
import { unitKey } from './current.js';
import { isReadFailure, type RegionRead } from '../fleet/fleet.js';
import type { Change, ChangeBatch, ResourceRecordSet } from '../dns/records.js';
import { orphanVerdict, routingOrphans } from './orphans.js';
import { settle, type Disposition, type Settled } from './settle.js';
import type { ServicePlan } from './plan.js';
import { planRegion, skipRegion, type RegionContext, type RegionPlanning } from './plan-region.js';
import { preflightProblem, type RecordIndex } from './preflight.js';
import { inScope, type PlanScope } from '../scope.js';
import type { RebalancerSpec, ServiceSpec } from '../spec.js';
import type { RegionChecks } from '../health-checks/unit-checks.js';

export interface ServiceContext {
  readonly spec: RebalancerSpec;
  readonly service: ServiceSpec;
  readonly units: ReadonlyMap<string, UnitCurrent>;
  readonly regions: ReadonlyMap<string, RegionRead>;
  readonly scope: PlanScope | undefined;
  readonly force: boolean;
  /** Epoch milliseconds of the read, for readiness grace periods. */
  readonly now: number | undefined;
  /** Instance id -> why an EC2 notice drains it now. */
  readonly notices: ReadonlyMap<string, string> | undefined;
  /** Instances whose launch hook the writer holds. */
  readonly launching: ReadonlySet<string> | undefined;
  /** Our records at the service's names that no configured region claims. */
  readonly orphans: readonly ResourceRecordSet[];
  /** Only a plan of the whole configuration may delete orphans. */
  readonly mayDeleteOrphans: boolean;
  readonly index: RecordIndex;
  /** The Route 53 health checks of one of the service's regions; undefined for none. */
  readonly checksFor?: (region: string, unit: UnitCurrent) => RegionChecks | undefined;
  /** The health check ids that exist, for the pre-flight; undefined when they were not read. */
  readonly healthCheckIds?: ReadonlySet<string> | undefined;
  readonly compile: (
    changes: readonly Change[],
    joins: readonly (readonly string[])[],
  ) => ChangeBatch[];
}

export interface ServiceOutcome {
  readonly plan: ServicePlan;
  readonly changes: readonly Change[];
  readonly joins: readonly (readonly string[])[];
  /** Orphans this plan deletes, and those it keeps (with a warning saying why). */
  readonly deleted: readonly ResourceRecordSet[];
  readonly kept: readonly ResourceRecordSet[];
  readonly warnings: readonly string[];
}

/** Why the model of the zone refuses these changes, or undefined; a batch that cannot be built is refused too. */
function problemOf(
  context: ServiceContext,
  changes: readonly Change[],
  joins: readonly (readonly string[])[],
): string | undefined {
  if (changes.length === 0) return undefined;
  try {
    return preflightProblem(
      context.spec,
      context.index,
      context.compile(changes, joins),
      context.healthCheckIds,
    );
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function unreadRegions(context: ServiceContext): string[] {
  return context.service.regions.flatMap((r) => {
    const read = context.regions.get(r.region);
    if (read === undefined) return [`no data for ${r.region}`];
    return isReadFailure(read) ? [`could not read ${r.region}: ${read.error}`] : [];
  });
}

function orphanDisposition(context: ServiceContext): Disposition {
  if (!context.mayDeleteOrphans || context.orphans.length === 0)
    return { delete: false, reason: undefined };
  return orphanVerdict({
    service: context.service,
    ownerId: context.spec.ownerId,
    routing: routingOrphans(context.service, context.orphans, context.spec.ownerId),
    unread: unreadRegions(context),
    force: context.force,
  });
}

/** Each region's changes checked alone: a region Route 53 would refuse is left as it is, with why. */
function isolate(
  context: ServiceContext,
  plannings: readonly RegionPlanning[],
  verdict: Disposition,
): { plannings: RegionPlanning[]; verdict: Disposition } {
  const checked = plannings.map((p) => {
    const why = problemOf(context, p.plan.changes, p.join === undefined ? [] : [p.join]);
    return why === undefined
      ? p
      : skipRegion(p, [`its changes fail the pre-flight check, so it is left as it is: ${why}`]);
  });
  if (!verdict.delete) return { plannings: checked, verdict };
  const deletes = context.orphans.map((r): Change => ({ Action: 'DELETE', ResourceRecordSet: r }));
  const why = problemOf(context, deletes, []);
  return {
    plannings: checked,
    verdict:
      why === undefined
        ? verdict
        : { delete: false, reason: `deleting them fails the pre-flight check: ${why}` },
  };
}

function regionContext(context: ServiceContext, region: string): RegionContext {
  const unit = context.units.get(unitKey(context.service.name, region)) as UnitCurrent;
  return {
    zoneId: context.spec.hostedZoneId,
    ownerId: context.spec.ownerId,
    unit,
    read: context.regions.get(region),
    force: context.force,
    now: context.now,
    notices: context.notices,
    launching: context.launching,
    checks: context.checksFor?.(region, unit),
  };
}

function scopedRegions(context: ServiceContext): readonly string[] {
  const { service } = context;
  return service.regions
    .filter((r) => inScope(context.scope, service.name, r.region))
    .map((r) => r.region);
}

/**
 * Plans every service's regions in scope, region by region: all the services
 * of one region back to back, so that region's instances and its tag index
 * stay in the processor's cache, where service by service walked the whole
 * fleet once per service. planRegion is pure, so the order changes nothing but
 * the time. Each service's plannings come back in its configured order.
 */
export function planRegions(contexts: readonly ServiceContext[]): RegionPlanning[][] {
  const scoped = contexts.map(scopedRegions);
  const plannings = scoped.map((regions) => new Array<RegionPlanning>(regions.length));
  const slots = new Map<string, [service: number, position: number][]>();
  scoped.forEach((regions, s) => {
    regions.forEach((region, i) => {
      const list = slots.get(region);
      if (list === undefined) slots.set(region, [[s, i]]);
      else list.push([s, i]);
    });
  });
  for (const [region, list] of slots)
    for (const [s, i] of list)
      (plannings[s] as RegionPlanning[])[i] = planRegion(
        regionContext(contexts[s] as ServiceContext, region),
      );
  return plannings;
}

/**
 * Plans one service from its regions planned by planRegions: the
 * service-wide rules (fail-open, orphans). With
 * `checked`, its changes are then pre-flighted on their own; when that fails,
 * each region is checked alone and those that fail are skipped with the
 * reason, and if the rest still fails together the whole service is left as
 * it is. So one service never holds back another.
 */
export function planService(
  context: ServiceContext,
  checked: boolean,
  plannings: readonly RegionPlanning[],
): ServiceOutcome {
  const { service } = context;
  const verdict = orphanDisposition(context);
  let settled = settle(context, plannings, verdict);
  let problem = checked ? problemOf(context, settled.changes, settled.joins) : undefined;
  if (problem !== undefined) {
    const isolated = isolate(context, plannings, verdict);
    settled = settle(context, isolated.plannings, isolated.verdict);
    problem = problemOf(context, settled.changes, settled.joins);
    if (problem !== undefined) {
      const reason = `the changes of ${service.name} fail the pre-flight check together, so it is left as it is: ${problem}`;
      const skipped = isolated.plannings.map((p) => skipRegion(p, [reason]));
      settled = settle(context, skipped, { delete: false, reason });
    }
  }
  return finish(context, settled);
}

function finish(context: ServiceContext, settled: Settled): ServiceOutcome {
  const { service } = context;
  const { orphans } = settled;
  const warnings = settled.plannings.flatMap((p) => p.warnings);
  if (orphans.delete && orphans.warning !== undefined) warnings.push(orphans.warning);
  if (!orphans.delete && orphans.reason !== undefined) {
    const regions = [...new Set(context.orphans.map((r) => r.SetIdentifier ?? r.Type))].join(', ');
    warnings.push(
      `${service.name}: keeping ${context.orphans.length} record(s) of ours no configured region claims (${regions}): ${orphans.reason}`,
    );
  }
  const first = service.regions[0];
  const unit =
    first === undefined ? undefined : context.units.get(unitKey(service.name, first.region));
  return {
    plan: {
      name: service.name,
      recordName: service.recordName,
      failOpen: settled.failsOpen,
      regions: settled.plannings.map((p) => p.plan),
      // Records of others at the latency name are shared by every region: reported once.
      foreign: unit?.foreign.filter((r) => r.Name === service.recordName) ?? [],
    },
    changes: settled.changes,
    joins: settled.joins,
    deleted: orphans.delete ? context.orphans : [],
    kept: orphans.delete || orphans.reason === undefined ? [] : context.orphans,
    warnings,
  };
}
