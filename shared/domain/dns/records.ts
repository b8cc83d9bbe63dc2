/**
 * Resource record sets in the shape Route 53's API uses (and the AWS CLI
 * prints), so that what we read, what we plan and what we send are the same
 * objects: a DELETE must repeat the current record exactly, fields we do not
 * manage included.
 */

export interface AliasTarget {
  readonly HostedZoneId: string;
  readonly DNSName: string;
  readonly EvaluateTargetHealth: boolean;
}

export interface ResourceRecord {
  readonly Value: string;
}

export interface ResourceRecordSet {
  readonly Name: string;
  readonly Type: string;
  readonly SetIdentifier?: string;
  readonly Weight?: number;
  readonly Region?: string;
  readonly Failover?: string;
  readonly MultiValueAnswer?: boolean;
  readonly GeoLocation?: Readonly<Record<string, unknown>>;
  readonly GeoProximityLocation?: Readonly<Record<string, unknown>>;
  readonly CidrRoutingConfig?: Readonly<Record<string, unknown>>;
  readonly TTL?: number;
  readonly ResourceRecords?: readonly ResourceRecord[];
  readonly AliasTarget?: AliasTarget;
  readonly HealthCheckId?: string;
  readonly TrafficPolicyInstanceId?: string;
}

export type ChangeAction = 'CREATE' | 'DELETE' | 'UPSERT';

export interface Change {
  readonly Action: ChangeAction;
  readonly ResourceRecordSet: ResourceRecordSet;
}

export interface ChangeBatch {
  readonly Comment?: string;
  readonly Changes: readonly Change[];
}

export type RoutingPolicy =
  | 'simple'
  | 'weighted'
  | 'latency'
  | 'failover'
  | 'geolocation'
  | 'geoproximity'
  | 'cidr'
  | 'multivalue';

/** The routing policy a record uses, from the field that only that policy sets. */
export function routingPolicy(record: ResourceRecordSet): RoutingPolicy {
  if (record.Weight !== undefined) return 'weighted';
  if (record.Region !== undefined) return 'latency';
  if (record.Failover !== undefined) return 'failover';
  if (record.GeoLocation !== undefined) return 'geolocation';
  if (record.GeoProximityLocation !== undefined) return 'geoproximity';
  if (record.CidrRoutingConfig !== undefined) return 'cidr';
  if (record.MultiValueAnswer !== undefined) return 'multivalue';
  return 'simple';
}

/** The identity of a record within a zone: name, type and set identifier. */
export function recordKey(
  record: Pick<ResourceRecordSet, 'Name' | 'Type' | 'SetIdentifier'>,
): string {
  return `${record.Name}|${record.Type}|${record.SetIdentifier ?? ''}`;
}

/** The key of the name+type group a record belongs to. */
export function rrsetKey(record: Pick<ResourceRecordSet, 'Name' | 'Type'>): string {
  return `${record.Name}|${record.Type}`;
}

export function recordValues(record: ResourceRecordSet): string[] {
  return (record.ResourceRecords ?? []).map((r) => r.Value);
}

/** How a record reads in messages: `[name='x.', type='A', set-identifier='s']`, as Route 53 writes it. */
export function describeRecord(
  record: Pick<ResourceRecordSet, 'Name' | 'Type' | 'SetIdentifier'>,
): string {
  const id = record.SetIdentifier === undefined ? '' : `, set-identifier='${record.SetIdentifier}'`;
  return `[name='${record.Name}', type='${record.Type}'${id}]`;
}
