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
export function normalizeRecord(
  record: ResourceRecordSet,
  names?: LastName,
  targets?: LastName,
): ResourceRecordSet {
  const name = normalOf(names, record.Name);
  const alias = record.AliasTarget;
  const target = alias === undefined ? undefined : normalOf(targets, alias.DNSName);
  if (name === record.Name && target === alias?.DNSName) return record;
  return {
    ...record,
    Name: name,
    ...(alias !== undefined &&
      target !== undefined && { AliasTarget: { ...alias, DNSName: target } }),
  };
}

/**
 * The last name normalised and its normal form: a run of one name is
 * normalised once. Data read by normalOf, not a closure made per batch (see
 * state.ts).
 */
interface LastName {
  name: string | undefined;
  normal: string;
}

function normalOf(memo: LastName | undefined, name: string): string {
  if (memo === undefined) return normalizeName(name);
  if (name !== memo.name) {
    memo.name = name;
    memo.normal = normalizeName(name);
  }
  return memo.normal;
}

/**
 * The changes with their records normalised, each the same object when
 * nothing changed. A batch's changes come name by name: a name repeated is
 * normalised once for its run, not once per change. Alias targets have a
 * memo of their own: shared, a run of aliases would alternate the name and its
 * targets and never find the name remembered.
 */
export function normalizeChanges(changes: readonly Change[]): Change[] {
  const names: LastName = { name: undefined, normal: '' };
  const targets: LastName = { name: undefined, normal: '' };
  const normal: Change[] = [];
  for (const change of changes) {
    const record = normalizeRecord(change.ResourceRecordSet, names, targets);
    normal.push(
      record === change.ResourceRecordSet ? change : { ...change, ResourceRecordSet: record },
    );
  }
  return normal;
}
