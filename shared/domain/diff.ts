import { listOrderKey } from './names.js';
import { sameRecord } from './record-equality.js';
import { recordKey, type Change, type ResourceRecordSet } from './records.js';

/**
 * The changes that turn `current` into `desired`, keyed by (name, type, set
 * identifier). Decision table:
 *
 *   in current | in desired | same content | changes
 *   -----------+------------+--------------+---------------------------------
 *   yes        | no         | -            | DELETE current
 *   no         | yes        | -            | CREATE desired
 *   yes        | yes        | yes          | none
 *   yes        | yes        | no           | DELETE current + CREATE desired
 *
 * A modification is never an UPSERT: DELETE must repeat the current record
 * exactly, so if anyone changed it since we read it the batch fails whole
 * (compare-and-swap) instead of overwriting their change.
 */
export function diffRecords(
  current: readonly ResourceRecordSet[],
  desired: readonly ResourceRecordSet[],
): Change[] {
  const before = new Map(current.map((r) => [recordKey(r), r]));
  const after = new Map(desired.map((r) => [recordKey(r), r]));
  const changes: Change[] = [];
  for (const [key, record] of before) {
    const wanted = after.get(key);
    if (wanted === undefined) changes.push({ Action: 'DELETE', ResourceRecordSet: record });
    else if (!sameRecord(record, wanted)) {
      changes.push({ Action: 'DELETE', ResourceRecordSet: record });
      changes.push({ Action: 'CREATE', ResourceRecordSet: wanted });
    }
  }
  for (const [key, record] of after) {
    if (!before.has(key)) changes.push({ Action: 'CREATE', ResourceRecordSet: record });
  }
  return sortChanges(changes);
}

/** A change's position in zone order: name (Route 53 list order), type, set identifier, DELETE first. */
export function changeOrderKey(change: Change): string {
  const r = change.ResourceRecordSet;
  return `${listOrderKey(r.Name)}\u0000${r.Type}\u0000${r.SetIdentifier ?? ''}\u0000${change.Action === 'DELETE' ? 0 : 1}`;
}

/** Zone order (name, type, set identifier), DELETE before CREATE for the same record. */
export function compareChanges(a: Change, b: Change): number {
  return cmp(changeOrderKey(a), changeOrderKey(b));
}

/**
 * Sorts changes by `rank` (ascending), then zone order; each key is computed
 * once, since plans of tens of thousands of changes sort several times.
 */
export function sortChanges(
  changes: readonly Change[],
  rank: (change: Change) => number = () => 0,
): Change[] {
  return changes
    .map((change) => ({ change, rank: rank(change), key: changeOrderKey(change) }))
    .sort((a, b) => a.rank - b.rank || cmp(a.key, b.key))
    .map((d) => d.change);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
