import { defined } from '../defined.js';
import { PlanInvariantError } from '../errors.js';
import { orderUnits, packBatches, unitsOf } from './batches.js';
import { classifyCurrent, unitKey, type UnitCurrent } from './current.js';
import type { RegionRead } from '../fleet/fleet.js';
import { normalizeName } from '../dns/names.js';
import { depthOfName } from '../layout/layout.js';
import { isManagedName } from './roots.js';
import type { Plan, RegionPlan, ServicePlan } from './plan.js';
import { planRegion, type RegionPlanning } from './plan-region.js';
import type { Change, ChangeBatch, ResourceRecordSet } from '../dns/records.js';
import { inScope, isFullScope, type PlanScope } from '../scope.js';
import type { RebalancerSpec, ServiceSpec } from '../spec.js';
import { createHostedZone } from '../dns/zone/index.js';

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
}

function failOpen(planning: RegionPlanning, serviceName: string): RegionPlanning {
  return {
    ...planning,
    plan: {
      ...planning.plan,
      status: 'fail-open',
      reasons: [
        `no healthy instance in any region of ${serviceName}: every record stays as it is (fail open) rather than routing to nothing`,
      ],
      changes: [],
    },
  };
}

/** Records of others at the service's latency name: reported once, not per region. */
function sharedForeign(
  service: ServiceSpec,
  units: ReadonlyMap<string, UnitCurrent>,
): ResourceRecordSet[] {
  const first = service.regions[0];
  const unit = first === undefined ? undefined : units.get(unitKey(service.name, first.region));
  return unit?.foreign.filter((r) => r.Name === service.recordName) ?? [];
}

/**
 * A service fails open when, after the plan, none of its regions would keep a
 * latency record although some have one now: routing to unhealthy instances
 * beats routing to nothing. A region whose evacuation the safety limit refuses
 * does not count as keeping one: the service has nothing healthy, and says so.
 */
function planService(
  input: PlanInput,
  service: ServiceSpec,
  units: ReadonlyMap<string, UnitCurrent>,
): { plan: ServicePlan; plannings: RegionPlanning[] } {
  const plannings: RegionPlanning[] = [];
  let keepsLatency = false;
  let hasLatency = false;
  for (const region of service.regions) {
    const unit = defined(
      units.get(unitKey(service.name, region.region)),
      `the unit of ${service.name} in ${region.region}`,
    );
    hasLatency ||= unit.latency !== undefined;
    if (!inScope(input.scope, service.name, region.region)) {
      keepsLatency ||= unit.latency !== undefined;
      continue;
    }
    const planning = planRegion({
      zoneId: input.spec.hostedZoneId,
      ownerId: input.spec.ownerId,
      unit,
      read: input.regions.get(region.region),
      force: input.force ?? false,
    });
    keepsLatency ||= planning.serves;
    plannings.push(planning);
  }
  const failsOpen = hasLatency && !keepsLatency;
  const final = failsOpen ? plannings.map((p) => failOpen(p, service.name)) : plannings;
  return {
    plan: {
      name: service.name,
      recordName: service.recordName,
      failOpen: failsOpen,
      regions: final.map((p) => p.plan),
      foreign: sharedForeign(service, units),
    },
    plannings: final,
  };
}

/**
 * The records whose presence can change the verdict on these batches: those at
 * the names they touch, those their new aliases target, and the aliases that
 * point at the names they touch. Every rule of the zone model looks no further,
 * so pre-flight over these alone decides as it would over the whole zone.
 */
export function recordsSeenBy(
  records: readonly ResourceRecordSet[],
  batches: readonly ChangeBatch[],
): ResourceRecordSet[] {
  const touched = new Set<string>();
  const targets = new Set<string>();
  for (const change of batches.flatMap((b) => b.Changes)) {
    touched.add(normalizeName(change.ResourceRecordSet.Name));
    const target = change.ResourceRecordSet.AliasTarget?.DNSName;
    if (target !== undefined) targets.add(normalizeName(target));
  }
  return records.filter(
    (r) =>
      touched.has(r.Name) ||
      targets.has(r.Name) ||
      (r.AliasTarget !== undefined && touched.has(normalizeName(r.AliasTarget.DNSName))),
  );
}

/**
 * Applies every batch, in order, to a model of the zone holding the records
 * we read. A plan that Route 53 would reject at any step is a bug and is never
 * returned.
 */
export function preflight(
  spec: RebalancerSpec,
  records: readonly ResourceRecordSet[],
  batches: readonly ChangeBatch[],
): void {
  if (batches.length === 0) return;
  const zone = createHostedZone(
    { zoneId: spec.hostedZoneId, strict: true },
    recordsSeenBy(records, batches),
  );
  batches.forEach((batch, i) => {
    const rejection = zone.apply(batch);
    if (rejection !== undefined) {
      throw new PlanInvariantError(
        `batch ${i + 1} of ${batches.length} fails: ${rejection.code}: ${rejection.messages.join(', ')}`,
      );
    }
  });
}

/**
 * Plans the whole configuration: per service and region, the records that
 * follow healthy capacity, as ordered, size-limited, atomic change batches that
 * touch only records this owner wrote. Pure: the same input gives the same plan.
 */
export function plan(input: PlanInput): Plan {
  const { spec } = input;
  const current = classifyCurrent(spec, input.records);
  const services = spec.services.filter((s) =>
    s.regions.some((r) => inScope(input.scope, s.name, r.region)),
  );
  const results = services.map((service) => planService(input, service, current.units));
  const plannings = results.flatMap((r) => r.plannings);
  // Orphans under names the configuration no longer manages are beyond our
  // reach (the deployed role may only write managed names): reported, left.
  const candidates = isFullScope(input.scope) ? current.orphans : [];
  const orphans = candidates.filter((r) => isManagedName(spec, r.Name));
  const stranded = candidates.filter((r) => !isManagedName(spec, r.Name));
  const changes: Change[] = [
    ...plannings.flatMap((p) => p.plan.changes),
    ...orphans.map((record): Change => ({ Action: 'DELETE', ResourceRecordSet: record })),
  ];
  const latencyNames = new Set(spec.services.map((s) => s.recordName));
  // Asked for every change, several times: each name's depth is worked out once.
  const depths = new Map<string, number>();
  const depthOf = (name: string) => {
    let depth = depths.get(name);
    if (depth === undefined) depths.set(name, (depth = depthOfName(name, latencyNames)));
    return depth;
  };
  const joins = plannings.flatMap((p) => (p.join === undefined ? [] : [p.join]));
  const comment = `route53-rebalancer ${spec.ownerId}: ${input.reason ?? 'plan'}`;
  const changeBatches = packBatches(orderUnits(unitsOf(changes, depthOf, joins)), comment, depthOf);
  preflight(spec, input.records, changeBatches);
  return {
    services: results.map((r) => r.plan),
    changeBatches,
    orphans,
    stranded,
    warnings: plannings.flatMap((p) => p.warnings),
  };
}

export type { PlanScope, RegionPlan };
