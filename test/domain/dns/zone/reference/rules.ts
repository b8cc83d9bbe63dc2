/*
 * REFERENCE, for tests only: shared/domain/dns/zone/rules.ts as it was before
 * the state indexed records by name, type and set identifier (concatenated
 * string keys, chains listed for every measure). zone-equivalence.property.test.ts
 * checks the model against it.
 */
/**
 * Route 53's per-change rules, each a question to the zone's indexes. A rule
 * sees the state left by the earlier changes of the batch and, for an UPSERT,
 * the group without the record being replaced.
 */
import { isAtOrBelow } from '../../../../../shared/domain/dns/names.js';
import type { ResourceRecordSet, RoutingPolicy } from '../../../../../shared/domain/dns/records.js';
import { routingPolicy, rrsetKey } from '../../../../../shared/domain/dns/records.js';
import { ROUTE53_LIMITS } from '../../../../../shared/domain/dns/zone/limits.js';
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
} from '../../../../../shared/domain/dns/zone/messages.js';
import { stripZoneId } from '../../../../../shared/domain/dns/zone/normalize.js';
import { sameRecord } from '../../../../../shared/domain/dns/record-equality.js';
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
  const group = view.group(rrsetKey(record));
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
  for (const other of group.policies.keys()) {
    if (other !== policy) return otherPolicyExists(record, policy);
  }
  return undefined;
}

function cnameProblem(
  view: ZoneView,
  record: ResourceRecordSet,
  zone: ZoneIdentity,
): string | undefined {
  if (record.Type === 'CNAME' && record.Name === zone.zoneName) return cnameAtApex(record.Name);
  const types = view.typesAt(record.Name);
  if (types === undefined) return undefined;
  const conflict =
    record.Type === 'CNAME' ? [...types].some((type) => type !== 'CNAME') : types.has('CNAME');
  return conflict ? cnameConflict(record.Name, zone.zoneName ?? zone.zoneId) : undefined;
}

function latencyProblem(
  group: GroupView | undefined,
  record: ResourceRecordSet,
): string | undefined {
  const region = record.Region;
  if (group === undefined || region === undefined || !group.regions.has(region)) return undefined;
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
  const agrees = ttls.size === 0 || (ttls.size === 1 && ttls.has(record.TTL));
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
  if (view.group(rrsetKey({ Name: target, Type: record.Type })) !== undefined) return undefined;
  return aliasTargetNotFound(target, record.Type, zone.zoneId);
}
