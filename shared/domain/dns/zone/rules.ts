/**
 * Route 53's per-change rules, each a question to the zone's indexes. A rule
 * sees the state left by the earlier changes of the batch and, for an UPSERT,
 * the group without the record being replaced.
 */
import { isAtOrBelow } from '../names.js';
import type { ResourceRecordSet, RoutingPolicy } from '../records.js';
import { routingPolicy } from '../records.js';
import { ROUTE53_LIMITS } from './limits.js';
import {
  aliasTargetNotFound,
  aliasTargetOutsideZone,
  cnameAtApex,
  cnameConflict,
  latencyRegionTaken,
  notFound,
  notInZone,
  otherPolicyExists,
  otherRRSetsExist,
  policyLimit,
  valuesDiffer,
  weightedTtlDiffers,
} from './messages.js';
import { stripZoneId } from './normalize.js';
import { sameRecord } from '../record-equality.js';
import type { GroupView, ZoneView } from './state.js';

export interface ZoneIdentity {
  readonly zoneId: string;
  /** Normalised, trailing dot. */
  readonly zoneName: string | undefined;
}

/** Policies Route 53 caps at ROUTE53_LIMITS.maxRecordsPerPolicyName records per name+type. */
const CAPPED_POLICIES: ReadonlySet<RoutingPolicy> = new Set<RoutingPolicy>([
  'weighted',
  'latency',
  'multivalue',
  'geolocation',
  'geoproximity',
  'cidr',
]);

/** A record name outside the zone is refused whatever the action. */
export function placementProblem(
  record: ResourceRecordSet,
  zone: ZoneIdentity,
): string | undefined {
  if (zone.zoneName === undefined || isAtOrBelow(record.Name, zone.zoneName)) return undefined;
  return notInZone(record.Name, zone.zoneName);
}

/** A DELETE must name an existing record and repeat it exactly (values as a set). */
export function deletionProblem(
  record: ResourceRecordSet,
  current: ResourceRecordSet | undefined,
): string | undefined {
  if (current === undefined) return notFound(record);
  if (!sameRecord(current, record)) return valuesDiffer(record);
  return undefined;
}

/**
 * The first rule a record breaks by joining the zone, its own key already free
 * (so an UPSERT is judged against the other records of its group).
 */
export function additionProblem(
  view: ZoneView,
  record: ResourceRecordSet,
  zone: ZoneIdentity,
): string | undefined {
  const group = view.group(record.Name, record.Type);
  const policy = routingPolicy(record);
  return (
    policyProblem(group, record, policy) ??
    cnameProblem(view, record, zone) ??
    latencyProblem(group, record) ??
    ttlProblem(group, record, policy) ??
    limitProblem(group, record, policy) ??
    aliasProblem(view, record, zone)
  );
}

function policyProblem(
  group: GroupView | undefined,
  record: ResourceRecordSet,
  policy: RoutingPolicy,
): string | undefined {
  if (group === undefined) return undefined;
  if (policy === 'simple') return otherRRSetsExist(record);
  return group.onlyPolicy(policy) ? undefined : otherPolicyExists(record, policy);
}

function cnameProblem(
  view: ZoneView,
  record: ResourceRecordSet,
  zone: ZoneIdentity,
): string | undefined {
  if (record.Type === 'CNAME' && record.Name === zone.zoneName) return cnameAtApex(record.Name);
  const types = view.typesAt(record.Name);
  if (types === undefined) return undefined;
  const hasCname = types.has('CNAME');
  // A CNAME conflicts with any other type: there is one when the types outnumber the CNAME.
  const conflict = record.Type === 'CNAME' ? types.size > (hasCname ? 1 : 0) : hasCname;
  return conflict ? cnameConflict(record.Name, zone.zoneName ?? zone.zoneId) : undefined;
}

function latencyProblem(
  group: GroupView | undefined,
  record: ResourceRecordSet,
): string | undefined {
  const region = record.Region;
  if (group === undefined || region === undefined || group.regions?.has(region) !== true)
    return undefined;
  return latencyRegionTaken(record, region);
}

function ttlProblem(
  group: GroupView | undefined,
  record: ResourceRecordSet,
  policy: RoutingPolicy,
): string | undefined {
  // Aliases take the target's TTL, so only weighted records with values must agree.
  if (group === undefined || policy !== 'weighted' || record.TTL === undefined) return undefined;
  const ttls = group.weightedTtls;
  const agrees = ttls === undefined || ttls.size === 0 || (ttls.size === 1 && ttls.has(record.TTL));
  return agrees ? undefined : weightedTtlDiffers(record);
}

function limitProblem(
  group: GroupView | undefined,
  record: ResourceRecordSet,
  policy: RoutingPolicy,
): string | undefined {
  if (group === undefined || !CAPPED_POLICIES.has(policy)) return undefined;
  const full = group.size >= ROUTE53_LIMITS.maxRecordsPerPolicyName;
  return full ? policyLimit(record, policy) : undefined;
}

function aliasProblem(
  view: ZoneView,
  record: ResourceRecordSet,
  zone: ZoneIdentity,
): string | undefined {
  const alias = record.AliasTarget;
  // Aliases into other zones (load balancers, CloudFront, ...) are not ours to check.
  if (alias === undefined || stripZoneId(alias.HostedZoneId) !== zone.zoneId) return undefined;
  const target = alias.DNSName;
  if (zone.zoneName !== undefined && !isAtOrBelow(target, zone.zoneName)) {
    return aliasTargetOutsideZone(target, record.Type, zone.zoneId);
  }
  if (view.group(target, record.Type) !== undefined) return undefined;
  return aliasTargetNotFound(target, record.Type, zone.zoneId);
}
