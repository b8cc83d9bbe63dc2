import type { Plan } from '../domain/plan/plan.js';
import type { ChangeBatch, ResourceRecordSet } from '../domain/dns/records.js';
import { resolveShares, type HealthLookup } from '../domain/dns/resolve.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { instanceViews } from '../app/plan-view.js';
import type { RegionFrame, SimulationFrame } from './frames.js';

/**
 * One frame: the plan's view of each region (statuses, members, weights,
 * groups) beside the traffic resolved from the records actually in the zone
 * (and, when given, the health checks' statuses at the frame's time).
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
  health?: HealthLookup,
): Omit<SimulationFrame, 'badAnswers' | 'trigger'> {
  const regions: RegionFrame[] = plan.services.flatMap((service) => {
    const config = spec.services.find((s) => s.name === service.name);
    const clients = config?.regions.map((r) => r.region) ?? [];
    const shares = resolveShares(
      records,
      spec.hostedZoneId,
      service.recordName,
      config?.type ?? 'A',
      clients,
      health,
    );
    const routedRegions = new Set(
      records
        .filter((r) => r.Name === service.recordName && r.Region !== undefined)
        .map((r) => r.Region),
    );
    return service.regions.map((region): RegionFrame => {
      const shareOf = (address: string | null | undefined) =>
        address === null || address === undefined ? 0 : (shares.get(address) ?? 0);
      const views = instanceViews(region);
      const routed = new Set(region.routes.map((r) => r.member.instance.id));
      return {
        service: service.name,
        region: region.region,
        mode: region.mode,
        status: region.status,
        reasons: region.reasons,
        routed: routedRegions.has(region.region),
        instances: region.members.flatMap((m, i) => {
          const view = views[i];
          // A terminated instance is shown only while a record still names it.
          if (view === undefined || (m.instance.state === 'terminated' && !routed.has(view.id)))
            return [];
          return [
            {
              id:
                m.instance.tags.Name === undefined
                  ? view.id
                  : `${view.id} (${m.instance.tags.Name})`,
              zone: view.zone,
              type: view.type,
              capacity: view.capacity,
              health: view.health,
              reasons: view.reasons,
              address: view.address,
              weight: view.weight,
              group: view.group,
              share: shareOf(view.address),
              intended: view.share,
            },
          ];
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
