import type { Member } from '../domain/fleet/members.js';
import type { RouteRow } from '../domain/layout/render.js';
import type { Plan, RegionPlan } from '../domain/plan/plan.js';
import { planTotals } from '../domain/plan/plan.js';
import { healthCheckView } from './health-check-view.js';

/*
 * The one JSON view of a plan. The CLI's `--json`, the manual invoke's
 * response and the simulation's frames all read a region through
 * `regionView`, so an instance looks the same wherever it is shown.
 */

/** One member of a region as every view shows it. */
export function instanceView(member: Member, route: RouteRow | undefined) {
  return {
    id: member.instance.id,
    zone: member.instance.zone,
    type: member.instance.instanceType,
    address: member.address ?? null,
    capacity: member.capacity.value,
    capacitySource: member.capacity.origin,
    health: member.health.status,
    reasons: member.health.reasons,
    /** Weight of its own record (weighted regions), else null. */
    weight: route?.weight ?? null,
    /** Its group label (grouped regions), else null. */
    group: route?.group ?? null,
    /** The share the planner intends within its region (0..1). */
    share: route?.share ?? 0,
  };
}

export type InstanceView = ReturnType<typeof instanceView>;

/** Every member of a region with its route, in the plan's order. */
export function instanceViews(region: RegionPlan): InstanceView[] {
  const routes = new Map(region.routes.map((r) => [r.member.instance.id, r]));
  return region.members.map((m) => instanceView(m, routes.get(m.instance.id)));
}

/** A region as every view shows it. */
export function regionView(region: RegionPlan) {
  return {
    region: region.region,
    mode: region.mode,
    status: region.status,
    reasons: region.reasons,
    collapsed: region.collapsed,
    shards: region.shards,
    capacityRemoved: region.capacityRemoved,
    instances: instanceViews(region),
    groups: region.groups,
    foreign: region.foreign,
    changes: region.changes.length,
  };
}

export type RegionView = ReturnType<typeof regionView>;

/**
 * The plan as JSON: `changeBatches` exactly as ChangeResourceRecordSets takes
 * them, in sending order, plus a summary per service and region.
 */
export function planSummary(plan: Plan) {
  return {
    changeBatches: plan.changeBatches,
    totals: planTotals(plan),
    services: plan.services.map((service) => ({
      name: service.name,
      recordName: service.recordName,
      failOpen: service.failOpen,
      foreign: service.foreign,
      regions: service.regions.map(regionView),
    })),
    orphans: plan.orphans,
    stranded: plan.stranded,
    warnings: plan.warnings,
    healthChecks: healthCheckView(plan),
  };
}

export type PlanSummary = ReturnType<typeof planSummary>;
