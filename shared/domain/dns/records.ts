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
  readonly GeoLocation?: Readonly<Record<string, unknown>>;
  readonly Failover?: string;
  readonly MultiValueAnswer?: boolean;
  readonly TTL?: number;
  readonly ResourceRecords?: readonly ResourceRecord[];
  readonly AliasTarget?: AliasTarget;
  readonly HealthCheckId?: string;
  readonly TrafficPolicyInstanceId?: string;
  readonly CidrRoutingConfig?: Readonly<Record<string, unknown>>;
  readonly GeoProximityLocation?: Readonly<Record<string, unknown>>;
}

/**
 * The fields of a ResourceRecordSet in the order of Route 53's API (its XML
 * schema): the AWS CLI sends a `--change-batch` file's keys in the file's own
 * order, and Route 53 refuses elements out of order, so every record we build
 * or read is laid out in this order.
 */
export const RECORD_SET_FIELDS = [
  'Name',
  'Type',
  'SetIdentifier',
  'Weight',
  'Region',
  'GeoLocation',
  'Failover',
  'MultiValueAnswer',
  'TTL',
  'ResourceRecords',
  'AliasTarget',
  'HealthCheckId',
  'TrafficPolicyInstanceId',
  'CidrRoutingConfig',
  'GeoProximityLocation',
] as const satisfies readonly (keyof ResourceRecordSet)[];

/** The API order inside the structures a record set nests. */
const NESTED_FIELDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['AliasTarget', ['HostedZoneId', 'DNSName', 'EvaluateTargetHealth']],
  ['GeoLocation', ['ContinentCode', 'CountryCode', 'SubdivisionCode']],
  ['CidrRoutingConfig', ['CollectionId', 'LocationName']],
  ['GeoProximityLocation', ['AWSRegion', 'LocalZoneGroup', 'Coordinates', 'Bias']],
  ['Coordinates', ['Latitude', 'Longitude']],
]);

const KNOWN = new Map<readonly string[], ReadonlySet<string>>(
  [RECORD_SET_FIELDS, ...NESTED_FIELDS.values()].map((order) => [order, new Set(order)]),
);

/** `fields` in `order`, undefined ones left out, unknown ones kept after the known, nested ones ordered too. */
function inOrder(fields: object, order: readonly string[]): Record<string, unknown> {
  const source = fields as Record<string, unknown>;
  const known = KNOWN.get(order) ?? new Set(order);
  const out: Record<string, unknown> = {};
  for (const key of order) if (Object.hasOwn(source, key)) put(out, key, source[key]);
  // for-in visits own keys in Object.keys order (then inherited ones, skipped), without the array.
  for (const key in source)
    if (!known.has(key) && Object.hasOwn(source, key)) put(out, key, source[key]);
  return out;
}

function put(out: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) return;
  const nested = NESTED_FIELDS.get(key);
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  out[key] = nested !== undefined && isObject ? inOrder(value, nested) : value;
}

/** A record set with its fields in Route 53's API order (RECORD_SET_FIELDS); same content, undefined fields dropped. */
export function recordSet(fields: ResourceRecordSet): ResourceRecordSet {
  return inOrder(fields, RECORD_SET_FIELDS) as unknown as ResourceRecordSet;
}

/** An alias target in API order: HostedZoneId, DNSName, EvaluateTargetHealth. */
export function aliasTarget(
  hostedZoneId: string,
  dnsName: string,
  evaluateTargetHealth: boolean,
): AliasTarget {
  return {
    HostedZoneId: hostedZoneId,
    DNSName: dnsName,
    EvaluateTargetHealth: evaluateTargetHealth,
  };
}

export type ChangeAction = 'CREATE' | 'DELETE' | 'UPSERT';

/** A Change's keys in API order: Action, ResourceRecordSet. */
export interface Change {
  readonly Action: ChangeAction;
  readonly ResourceRecordSet: ResourceRecordSet;
}

/** A ChangeBatch's keys in API order: Comment, Changes. */
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

/** The fields of which a record with a routing policy sets exactly one: one for each policy. */
export const POLICY_FIELDS = [
  'Weight',
  'Region',
  'Failover',
  'GeoLocation',
  'GeoProximityLocation',
  'CidrRoutingConfig',
  'MultiValueAnswer',
] as const satisfies readonly (keyof ResourceRecordSet)[];

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
