import { unitKey } from './current.js';
import { displayName } from '../dns/names.js';
import type { Change } from '../dns/records.js';
import { routingOrphans } from './orphans.js';
import type { RegionPlanning } from './plan-region.js';
import type { ServiceContext } from './plan-service.js';
import { inScope } from '../scope.js';

/** What becomes of a service's orphans: deleted (perhaps forced), or kept with why (none: a scoped plan). */
export type Disposition =
  | { readonly delete: true; readonly warning: string | undefined }
  | { readonly delete: false; readonly reason: string | undefined };

export interface Settled {
  readonly plannings: readonly RegionPlanning[];
  readonly failsOpen: boolean;
  readonly orphans: Disposition;
  readonly changes: readonly Change[];
  readonly joins: readonly (readonly string[])[];
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
    latencyAfter: planning.latencyBefore,
    join: undefined,
  };
}

/**
 * The service-wide rules, once each region is planned. A service fails open
 * when, after the plan, nothing of ours would answer for its latency name
 * although something does now (a configured region's record or an orphan):
 * routing to unhealthy instances beats routing to nothing. Orphans go only
 * when the service does not fail open and their own verdict allows it.
 */
export function settle(
  context: ServiceContext,
  plannings: readonly RegionPlanning[],
  verdict: Disposition,
): Settled {
  const { service, units } = context;
  const routing = routingOrphans(service, context.orphans, context.spec.ownerId);
  const unitOf = (region: string) => units.get(unitKey(service.name, region));
  const hasLatency =
    service.regions.some((r) => unitOf(r.region)?.latency !== undefined) || routing.length > 0;
  const keepsLatency =
    service.regions.some(
      (r) =>
        !inScope(context.scope, service.name, r.region) && unitOf(r.region)?.latency !== undefined,
    ) ||
    plannings.some((p) => p.serves) ||
    (!verdict.delete && routing.length > 0);
  const failsOpen = hasLatency && !keepsLatency;
  const final = failsOpen ? plannings.map((p) => failOpen(p, service.name)) : plannings;
  // A scoped plan (no verdict) leaves orphans out of it altogether.
  const orphans: Disposition =
    failsOpen && verdict.delete
      ? {
          delete: false,
          reason: `${service.name} fails open: no configured region would answer for ${displayName(service.recordName)}`,
        }
      : verdict;
  const deletes = orphans.delete
    ? context.orphans.map((record): Change => ({ Action: 'DELETE', ResourceRecordSet: record }))
    : [];
  return {
    plannings: final,
    failsOpen,
    orphans,
    // concat, not flatMap and a spread: those copy a region's ten thousand changes one by one (5 ms at 40k).
    changes: ([] as Change[]).concat(...final.map((p) => p.plan.changes), deletes),
    joins: final.flatMap((p) => (p.join === undefined ? [] : [p.join])),
  };
}
