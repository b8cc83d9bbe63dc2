import { normalizeName } from './names.js';
import type { ResourceRecordSet } from './records.js';

/**
 * True when two records are the same record with the same content. Values are
 * compared as a set (Route 53 does not keep their order), names of alias
 * targets are compared normalised and undefined fields are ignored. The exact
 * copy (the common case: DELETE repeating what was read) is answered without
 * serialising; anything else goes through a canonical form.
 */
export function sameRecord(a: ResourceRecordSet, b: ResourceRecordSet): boolean {
  return a === b || quickSame(a, b) || slowSame(a, b);
}

/** Fields compared with ===; any other field sends the comparison to sameRecord. */
const SCALAR_FIELDS: ReadonlySet<string> = new Set([
  'Name',
  'Type',
  'SetIdentifier',
  'Weight',
  'Region',
  'Failover',
  'MultiValueAnswer',
  'TTL',
  'HealthCheckId',
  'TrafficPolicyInstanceId',
]);
const RECORD_FIELDS: ReadonlySet<string> = new Set([
  ...SCALAR_FIELDS,
  'ResourceRecords',
  'AliasTarget',
]);
const ALIAS_FIELDS: ReadonlySet<string> = new Set([
  'HostedZoneId',
  'DNSName',
  'EvaluateTargetHealth',
]);

function onlyKnownFields(object: object, known: ReadonlySet<string>): boolean {
  for (const key of Object.keys(object)) {
    if (!known.has(key)) return false;
  }
  return true;
}

function quickSame(a: ResourceRecordSet, b: ResourceRecordSet): boolean {
  if (!onlyKnownFields(a, RECORD_FIELDS) || !onlyKnownFields(b, RECORD_FIELDS)) return false;
  for (const field of SCALAR_FIELDS) {
    if (a[field as keyof ResourceRecordSet] !== b[field as keyof ResourceRecordSet]) return false;
  }
  // Same values in the same order is certain; any other order is left to sameRecord.
  if ((a.ResourceRecords === undefined) !== (b.ResourceRecords === undefined)) return false;
  const values = a.ResourceRecords ?? [];
  const others = b.ResourceRecords ?? [];
  if (values.length !== others.length) return false;
  if (!values.every((value, i) => value.Value === others[i]?.Value)) return false;
  const alias = a.AliasTarget;
  const other = b.AliasTarget;
  if (alias === undefined || other === undefined) return alias === other;
  return (
    onlyKnownFields(alias, ALIAS_FIELDS) &&
    onlyKnownFields(other, ALIAS_FIELDS) &&
    alias.HostedZoneId === other.HostedZoneId &&
    alias.DNSName === other.DNSName &&
    alias.EvaluateTargetHealth === other.EvaluateTargetHealth
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

function slowSame(a: ResourceRecordSet, b: ResourceRecordSet): boolean {
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
