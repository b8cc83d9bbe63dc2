import { displayName } from '../dns/names.js';
import type { ResourceRecordSet } from '../dns/records.js';
import { parseBinName } from '../layout/layout.js';
import type { RebalancerSpec, ServiceSpec } from '../spec.js';
import { isOwnershipMarker, ownedKey } from './ownership.js';

/**
 * Our records at managed names that no configured region claims any more (a
 * region removed or renamed, a service that changed type). Deleting them is
 * the last step of a configuration change, and the riskiest: they may be all
 * that still routes a service's latency name. So they belong to their service
 * and follow its safety rules: they go only once a configured region serves
 * the name, never while one of the service's regions is unread, and they count
 * in fail-open and in the capacity-removal limit.
 */

/** The service whose names hold the record: its latency name, a regional name or a bin below one. */
function serviceAt(spec: RebalancerSpec, name: string): ServiceSpec | undefined {
  return (
    spec.services.find((s) => s.recordName === name) ??
    spec.services.find((s) =>
      s.regions.some((r) => r.name === name || parseBinName(name, r.name) !== undefined),
    )
  );
}

/** Orphans by the name of the service whose names hold them; those of no service under ''. */
export function orphansByService(
  spec: RebalancerSpec,
  orphans: readonly ResourceRecordSet[],
): Map<string, ResourceRecordSet[]> {
  const byService = new Map<string, ResourceRecordSet[]>();
  for (const record of orphans) {
    const name = serviceAt(spec, record.Name)?.name ?? '';
    byService.set(name, [...(byService.get(name) ?? []), record]);
  }
  return byService;
}

/** The orphans that answer for the service's latency name: every one of ours there but a marker. */
export function routingOrphans(
  service: ServiceSpec,
  orphans: readonly ResourceRecordSet[],
  ownerId: string,
): ResourceRecordSet[] {
  return orphans.filter((r) => r.Name === service.recordName && !isOwnershipMarker(r, ownerId));
}

/** The regions the orphans stood for, as their set identifiers say. */
export function orphanRegions(orphans: readonly ResourceRecordSet[], ownerId: string): string[] {
  const regions = orphans.map((r) => ownedKey(r.SetIdentifier, ownerId) ?? r.Region ?? r.Type);
  return [...new Set(regions)].sort();
}

export interface OrphanContext {
  readonly service: ServiceSpec;
  readonly ownerId: string;
  readonly routing: readonly ResourceRecordSet[];
  /** The service's regions that could not be read, with why. */
  readonly unread: readonly string[];
  readonly force: boolean;
}

export type OrphanVerdict =
  | { readonly delete: true; readonly warning: string | undefined }
  | { readonly delete: false; readonly reason: string };

/**
 * Whether this plan may delete the service's orphans, leaving fail-open (which
 * the service decides once it knows what its regions keep) aside.
 */
export function orphanVerdict(context: OrphanContext): OrphanVerdict {
  const { service, routing, unread } = context;
  const name = displayName(service.recordName);
  if (unread.length > 0) {
    return {
      delete: false,
      reason: `waiting until every region of ${service.name} has been read (${unread.join('; ')}): deleting them could leave ${name} with nothing that routes`,
    };
  }
  const limit = service.safety.maxCapacityRemovedShare;
  if (limit === undefined || routing.length === 0) return { delete: true, warning: undefined };
  const regions = orphanRegions(routing, context.ownerId).join(', ');
  const message = `deleting them would stop routing to 100% of the capacity behind ${regions} at ${name} (limit ${Math.round(limit * 1000) / 10}%)`;
  return context.force
    ? { delete: true, warning: `${service.name}: ${message}: forced` }
    : { delete: false, reason: `${message}: refused; re-run with force to apply` };
}
