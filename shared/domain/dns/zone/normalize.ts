/**
 * The model's boundary: whatever spelling callers use, the records it stores
 * and compares carry normalised names (see names.ts).
 */
import { normalizeName } from '../names.js';
import type { Change, ResourceRecordSet } from '../records.js';

const ZONE_ID_PREFIX = '/hostedzone/';

/** A hosted zone id without the `/hostedzone/` prefix some APIs return, so ids compare equal. */
export function stripZoneId(id: string): string {
  return id.startsWith(ZONE_ID_PREFIX) ? id.slice(ZONE_ID_PREFIX.length) : id;
}

/**
 * The record with its name and alias target normalised. Returns the very same
 * object when it already is, so that a DELETE of a record read from the model
 * is recognised by identity before any deep comparison.
 */
export function normalizeRecord(record: ResourceRecordSet): ResourceRecordSet {
  const name = normalizeName(record.Name);
  const alias = record.AliasTarget;
  const target = alias === undefined ? undefined : normalizeName(alias.DNSName);
  if (name === record.Name && target === alias?.DNSName) return record;
  return {
    ...record,
    Name: name,
    ...(alias !== undefined &&
      target !== undefined && { AliasTarget: { ...alias, DNSName: target } }),
  };
}

/** The change with its record normalised; the same object when nothing changed. */
export function normalizeChange(change: Change): Change {
  const record = normalizeRecord(change.ResourceRecordSet);
  return record === change.ResourceRecordSet ? change : { ...change, ResourceRecordSet: record };
}
