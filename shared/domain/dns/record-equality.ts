import { normalizeName } from './names.js';
import type { ResourceRecordSet } from './records.js';

/**
 * True when two records are the same record with the same content. Values are
 * compared as a set (Route 53 does not keep their order), names of alias
 * targets are compared normalised and undefined fields are ignored. Decided
 * from the fields we know without serialising (planning compares every record
 * it owns); a record with other fields goes through a canonical form.
 */
export function sameRecord(a: ResourceRecordSet, b: ResourceRecordSet): boolean {
  if (a === b) return true;
  // A differing scalar is a difference whatever else the records hold.
  if (
    a.Name !== b.Name ||
    a.Type !== b.Type ||
    a.SetIdentifier !== b.SetIdentifier ||
    a.Weight !== b.Weight ||
    a.Region !== b.Region ||
    a.TTL !== b.TTL ||
    a.Failover !== b.Failover ||
    a.MultiValueAnswer !== b.MultiValueAnswer ||
    a.HealthCheckId !== b.HealthCheckId ||
    a.TrafficPolicyInstanceId !== b.TrafficPolicyInstanceId
  ) {
    return false;
  }
  if (!onlyRecordFields(a) || !onlyRecordFields(b)) return sameByCanonicalForm(a, b);
  return sameValues(a, b) && sameAlias(a, b);
}

const ALIAS_FIELDS: ReadonlySet<string> = new Set([
  'HostedZoneId',
  'DNSName',
  'EvaluateTargetHealth',
]);

/**
 * A switch, not RECORD_FIELDS.has: every record a plan compares is checked
 * field by field, and a hash lookup per field was a third of the diff.
 */
function isRecordField(key: string): boolean {
  switch (key) {
    case 'Name':
    case 'Type':
    case 'SetIdentifier':
    case 'Weight':
    case 'Region':
    case 'Failover':
    case 'MultiValueAnswer':
    case 'TTL':
    case 'HealthCheckId':
    case 'TrafficPolicyInstanceId':
    case 'ResourceRecords':
    case 'AliasTarget':
      return true;
    default:
      return false;
  }
}

function onlyRecordFields(record: ResourceRecordSet): boolean {
  for (const key in record) if (!isRecordField(key)) return false;
  return true;
}

function onlyKnownFields(object: object, known: ReadonlySet<string>): boolean {
  for (const key in object) if (!known.has(key)) return false;
  return true;
}

function sameValues(a: ResourceRecordSet, b: ResourceRecordSet): boolean {
  const x = a.ResourceRecords;
  const y = b.ResourceRecords;
  if (x === undefined || y === undefined) return x === y;
  if (x.length !== y.length) return false;
  if (sameInOrder(x, y)) return true;
  const left = x.map((v) => v.Value).sort();
  const right = y.map((v) => v.Value).sort();
  return left.every((value, i) => value === right[i]);
}

function sameInOrder(
  x: NonNullable<ResourceRecordSet['ResourceRecords']>,
  y: NonNullable<ResourceRecordSet['ResourceRecords']>,
): boolean {
  // A loop, not every(): a closure per record compared shows at a plan's scale.
  for (let i = 0; i < x.length; i++) if (x[i]?.Value !== y[i]?.Value) return false;
  return true;
}

function sameAlias(a: ResourceRecordSet, b: ResourceRecordSet): boolean {
  const x = a.AliasTarget;
  const y = b.AliasTarget;
  if (x === undefined || y === undefined) return x === y;
  if (!onlyKnownFields(x, ALIAS_FIELDS) || !onlyKnownFields(y, ALIAS_FIELDS))
    return sameByCanonicalForm(a, b);
  return (
    x.HostedZoneId === y.HostedZoneId &&
    x.EvaluateTargetHealth === y.EvaluateTargetHealth &&
    normalizeName(x.DNSName) === normalizeName(y.DNSName)
  );
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** The reference comparison: canonical JSON of both records (values sorted, undefined dropped). */
export function sameByCanonicalForm(a: ResourceRecordSet, b: ResourceRecordSet): boolean {
  return JSON.stringify(canonicalRecord(a)) === JSON.stringify(canonicalRecord(b));
}

function canonicalRecord(record: ResourceRecordSet): unknown {
  const values = record.ResourceRecords?.map((r) => r.Value).sort();
  return canonical({
    ...record,
    ResourceRecords: values,
    AliasTarget: record.AliasTarget && {
      ...record.AliasTarget,
      DNSName: normalizeName(record.AliasTarget.DNSName),
    },
  });
}
