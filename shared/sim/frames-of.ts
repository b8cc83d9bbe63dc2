import type { Plan } from '../domain/plan/plan.js';
import type { ChangeBatch, ResourceRecordSet } from '../domain/dns/records.js';
import { resolveShares } from '../domain/dns/resolve.js';
import type { RebalancerSpec } from '../domain/spec.js';
import type { RegionFrame, SimulationFrame } from './frames.js';

/**
 * One frame: the plan's view of each region (statuses, members, weights,
 * groups) beside the traffic resolved from the records actually in the zone.
 */
export function frameOf(
  spec: RebalancerSpec,
  plan: Plan,
  records: readonly ResourceRecordSet[],
  header: {
    step: number;
    at: number;
    title: string;
    events: string;
    written: readonly ChangeBatch[];
  },
): SimulationFrame {
  const regions: RegionFrame[] = plan.services.flatMap((service) => {
    const config = spec.services.find((s) => s.name === service.name);
    const clients = config?.regions.map((r) => r.region) ?? [];
    const shares = resolveShares(
      records,
      spec.hostedZoneId,
      service.recordName,
      config?.type ?? 'A',
      clients,
    );
    const routedRegions = new Set(
      records
        .filter((r) => r.Name === service.recordName && r.Region !== undefined)
        .map((r) => r.Region),
    );
    return service.regions.map((region): RegionFrame => {
      const routes = new Map(region.routes.map((r) => [r.member.instance.id, r]));
      const shareOf = (address: string | undefined) =>
        address === undefined ? 0 : (shares.get(address) ?? 0);
      return {
        service: service.name,
        region: region.region,
        mode: region.mode,
        status: region.status,
        reasons: region.reasons,
        routed: routedRegions.has(region.region),
        instances: region.members
          .filter((m) => m.instance.state !== 'terminated' || routes.has(m.instance.id))
          .map((m) => {
            const route = routes.get(m.instance.id);
            return {
              id:
                m.instance.tags.Name === undefined
                  ? m.instance.id
                  : `${m.instance.id} (${m.instance.tags.Name})`,
              zone: m.instance.zone,
              type: m.instance.instanceType,
              capacity: m.capacity.value,
              health: m.health.status,
              reasons: m.health.reasons,
              address: m.address ?? null,
              weight: route?.weight ?? null,
              group: route?.group ?? null,
              share: shareOf(m.address),
              intended: route?.share ?? 0,
            };
          }),
        groups: region.groups.map((g) => ({
          label: g.label,
          weight: g.weight,
          zones: g.zones,
          members: g.members,
          share: g.members.reduce(
            (sum, id) => sum + shareOf(region.members.find((m) => m.instance.id === id)?.address),
            0,
          ),
        })),
      };
    });
  });
  return { ...header, regions };
}
