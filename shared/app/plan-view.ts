import type { Plan } from '../domain/plan/plan.js';
import { planTotals } from '../domain/plan/plan.js';

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
      regions: service.regions.map((region) => {
        const routes = new Map(region.routes.map((r) => [r.member.instance.id, r]));
        return {
          region: region.region,
          mode: region.mode,
          status: region.status,
          reasons: region.reasons,
          collapsed: region.collapsed,
          shards: region.shards,
          capacityRemoved: region.capacityRemoved,
          instances: region.members.map((m) => ({
            id: m.instance.id,
            zone: m.instance.zone,
            type: m.instance.instanceType,
            address: m.address ?? null,
            capacity: m.capacity.value,
            capacitySource: m.capacity.origin,
            health: m.health.status,
            reasons: m.health.reasons,
            weight: routes.get(m.instance.id)?.weight ?? null,
            group: routes.get(m.instance.id)?.group ?? null,
            share: routes.get(m.instance.id)?.share ?? 0,
          })),
          groups: region.groups,
          foreign: region.foreign,
          changes: region.changes.length,
        };
      }),
    })),
    orphans: plan.orphans,
    stranded: plan.stranded,
    warnings: plan.warnings,
  };
}

export type PlanSummary = ReturnType<typeof planSummary>;
