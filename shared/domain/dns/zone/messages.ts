/**
 * Every message the zone model produces, in one place so that the wording can
 * be documented. Most are Route 53's own, copied so a rejection from the model
 * reads like the API's; those marked "model's own" have no known Route 53 text.
 * Names are always normalised (`x.`).
 */
import type { Change, ResourceRecordSet, RoutingPolicy } from '../records.js';
import { describeRecord } from '../records.js';

type Named = Pick<ResourceRecordSet, 'Name' | 'Type' | 'SetIdentifier'>;

const POLICY_WORDS: Readonly<Record<RoutingPolicy, string>> = {
  simple: 'simple',
  weighted: 'weighted',
  latency: 'latency',
  failover: 'failover',
  geolocation: 'geolocation',
  geoproximity: 'geoproximity',
  cidr: 'CIDR',
  multivalue: 'multivalue',
};

function rrsetWith(record: Named): string {
  const id = record.SetIdentifier === undefined ? '' : `, SetIdentifier ${record.SetIdentifier}`;
  return `RRSet with DNS name ${record.Name}, type ${record.Type}${id}`;
}

// --- InvalidInput: request validation (AWS's generic constraint wording) ---

/** AWS: all field-constraint violations of a request, in one message. */
export function validationErrors(details: readonly string[]): string {
  const plural = details.length === 1 ? '' : 's';
  return `${details.length} validation error${plural} detected: ${details.join('; ')}`;
}

/** AWS: a number above its field's maximum. */
export function valueAtMost(value: unknown, path: string, max: number): string {
  return `Value '${String(value)}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${max}`;
}

/** AWS: a number below its field's minimum. */
export function valueAtLeast(value: unknown, path: string, min: number): string {
  return `Value '${String(value)}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`;
}

/** AWS: a string or list longer than its field allows. */
export function lengthAtMost(value: string, path: string, max: number): string {
  return `Value '${value}' at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${max}`;
}

/** AWS: a string or list shorter than its field allows. */
export function lengthAtLeast(value: string, path: string, min: number): string {
  return `Value '${value}' at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`;
}

/**
 * AWS: a value outside its field's enum. The wording is AWS's (Route 53 has
 * used it for `type`); the order Route 53 lists the values in is unknown, so
 * listing them in the SDK model's order is the model's own.
 */
export function notInEnum(value: string, path: string, allowed: readonly string[]): string {
  return `Value '${value}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`;
}

/** Model's own: a fractional Long, which the SDK would not even serialise. */
export function notAnInteger(value: unknown, path: string): string {
  return `Value '${String(value)}' at '${path}' failed to satisfy constraint: Member must be an integer`;
}

// --- InvalidInput: request shape ---

/** Route 53: a record must have either an alias target or a TTL with values. */
export function shapeMismatch(change: Change, found: 'more than one' | 'none'): string {
  const { Name, Type, SetIdentifier } = change.ResourceRecordSet;
  const id = SetIdentifier ?? 'null';
  return `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords]], but found ${found} in Change with [Action=${change.Action}, Name=${Name}, Type=${Type}, SetIdentifier=${id}]`;
}

/** Model's own: a routing policy needs a SetIdentifier. */
export function missingSetIdentifier(record: Named, policy: RoutingPolicy): string {
  return `Invalid request: ${POLICY_WORDS[policy]} record ${describeRecord(record)} must have a SetIdentifier`;
}

/** Model's own: a simple record may not have a SetIdentifier. */
export function unexpectedSetIdentifier(record: Named): string {
  return `Invalid request: record ${describeRecord(record)} has a SetIdentifier but no routing policy`;
}

/** Model's own: a record sets the fields of more than one routing policy. */
export function severalPolicies(record: Named, fields: readonly string[]): string {
  return `Invalid request: record ${describeRecord(record)} sets more than one routing policy (${fields.join(', ')})`;
}

/** Model's own: multivalue answer routing cannot be used by an alias. */
export function aliasMultivalue(record: Named): string {
  return `Invalid request: alias record ${describeRecord(record)} cannot use multivalue answer routing`;
}

// --- InvalidChangeBatch: batch size ---

/** Route 53: too many ResourceRecord elements in one request. */
export function recordsLimit(max: number): string {
  return `Number of records limit of ${max} exceeded.`;
}

/** Route 53: too many characters of values in one request. */
export function charactersLimit(max: number): string {
  return `RDATA character limit of ${max} exceeded.`;
}

// --- InvalidChangeBatch: per change ---

/** Route 53: a record name outside the zone. */
export function notInZone(name: string, zoneName: string): string {
  return `RRSet with DNS name ${name} is not permitted in zone ${zoneName}`;
}

/** Route 53: an A value that is not an IPv4 address. */
export function illegalIPv4(value: string): string {
  return `Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '${value}''`;
}

/** Route 53: an AAAA value that is not an IPv6 address. */
export function illegalIPv6(value: string): string {
  return `Invalid Resource Record: 'FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '${value}''`;
}

/**
 * Route 53 ("CharacterStringTooLong (Value is too long) encountered with
 * {Value}", AWS Knowledge Center): a TXT character-string over 255 octets, the
 * whole value quoted; the "Invalid Resource Record" frame is the one Route 53
 * puts around its other RDATA errors.
 */
export function characterStringTooLong(value: string): string {
  return `Invalid Resource Record: 'FATAL problem: CharacterStringTooLong (Value is too long) encountered with '${value}''`;
}

/** Route 53: a name with an empty label (`a..b.`), quoted whole. */
export function domainLabelEmpty(name: string): string {
  return `FATAL problem: DomainLabelEmpty (Domain label is empty) encountered with '${name}'`;
}

/** Route 53: a label over 63 octets; Route 53 quotes the label (whether in full is not certain). */
export function domainLabelTooLong(label: string): string {
  return `FATAL problem: DomainLabelTooLong (Domain label is too long) encountered with '${label}'`;
}

/** Model's own, by analogy with DomainLabelTooLong: a name over 255 octets in wire form. */
export function domainNameTooLong(name: string): string {
  return `FATAL problem: DomainNameTooLong (Domain name is too long) encountered with '${name}'`;
}

/** Route 53: a CREATE of a key that exists. */
export function alreadyExists(record: Named): string {
  return `Tried to create resource record set ${describeRecord(record)} but it already exists`;
}

/** Route 53: a DELETE of a key that does not exist. */
export function notFound(record: Named): string {
  return `Tried to delete resource record set ${describeRecord(record)} but it was not found`;
}

/** Route 53: a DELETE that does not repeat the current record exactly. */
export function valuesDiffer(record: Named): string {
  return `Tried to delete resource record set ${describeRecord(record)} but the values provided do not match the current values`;
}

/** Route 53: a simple record where its name and type already have records. */
export function otherRRSetsExist(record: Named): string {
  return `${rrsetWith(record)} cannot be created as other RRSets exist with the same name and type.`;
}

/** Route 53 (for weighted; other policies by analogy): a second routing policy at one name and type. */
export function otherPolicyExists(record: Named, policy: RoutingPolicy): string {
  return `${rrsetWith(record)} cannot be created as a non-${POLICY_WORDS[policy]} set exists with the same name and type.`;
}

/** Route 53: a CNAME shares its name with another type. `zoneLabel`: the zone's name, or its id when unknown. */
export function cnameConflict(name: string, zoneLabel: string): string {
  const end = zoneLabel.endsWith('.') ? '' : '.';
  return `RRSet of type CNAME with DNS name ${name} is not permitted as it conflicts with other records with the same DNS name in zone ${zoneLabel}${end}`;
}

/** Route 53: a CNAME at the zone apex. */
export function cnameAtApex(name: string): string {
  return `RRSet of type CNAME with DNS name ${name} is not permitted at apex in zone ${name}`;
}

/** Model's own: a second latency record for one region at one name and type. */
export function latencyRegionTaken(record: Named, region: string): string {
  return `${rrsetWith(record)} cannot be created as a latency record for region ${region} already exists with the same name and type.`;
}

/** Route 53: weighted records with values at one name and type must share one TTL. */
export function weightedTtlDiffers(record: Named): string {
  return `${rrsetWith(record)} cannot be created as weighted sets must contain the same TTL.`;
}

/** Route 53 (for weighted; other policies by analogy): over 100 records at one name and type. */
export function policyLimit(record: Named, policy: RoutingPolicy): string {
  return `Exceeded limit on number of ${POLICY_WORDS[policy]} RRSets for ${record.Name}, type ${record.Type} in this zone.`;
}

/** Route 53: a same-zone alias whose target has no record of the alias's type. */
export function aliasTargetNotFound(target: string, type: string, zoneId: string): string {
  return `Tried to create an alias that targets ${target}, type ${type} in zone ${zoneId}, but that target was not found`;
}

/** Route 53: a same-zone alias whose target name lies outside the zone. */
export function aliasTargetOutsideZone(target: string, type: string, zoneId: string): string {
  return `Tried to create an alias that targets ${target}, type ${type} in zone ${zoneId}, but the alias target name does not lie within the target zone`;
}

// --- health checks ---

/**
 * Route 53 (documented): a record naming a health check that does not exist is
 * refused with the NoSuchHealthCheck error, whose API reference text this is
 * ("No health check exists with the specified ID."). The live message may add
 * the id; the model names it after the documented sentence.
 */
export function noSuchHealthCheck(id: string): string {
  return `No health check exists with the specified ID. (HealthCheckId ${id})`;
}

// --- strict mode ---

/** Model's own, strict mode: the planner's invariant, which Route 53 does not enforce. */
export function danglingAlias(alias: Named, target: string): string {
  return `Alias ${describeRecord(alias)} would be left pointing at ${target}, type ${alias.Type}, which no longer exists (rebalancer invariant)`;
}

/**
 * Model's own, strict mode: an answer path longer than the three levels of
 * alias recursion Route 53 documents ("Managing over 100 weighted records").
 */
export function aliasTooDeep(
  name: string,
  type: string,
  path: readonly string[],
  max: number,
): string {
  return `RRSet with DNS name ${name}, type ${type} would be answered through more than ${max} levels of alias recursion (${path.join(' -> ')}); Route 53 follows at most ${max} (alias -> alias -> records)`;
}
