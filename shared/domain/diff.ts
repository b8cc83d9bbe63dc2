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
  const before = new Map<string, ResourceRecordSet>();
  for (const record of current) before.set(recordKey(record), record);
  const changes: Change[] = [];
  for (const record of desired) {
    const key = recordKey(record);
    const existing = before.get(key);
    if (existing === undefined) changes.push({ Action: 'CREATE', ResourceRecordSet: record });
    else {
      before.delete(key);
      if (!sameRecord(existing, record)) {
        changes.push({ Action: 'DELETE', ResourceRecordSet: existing });
        changes.push({ Action: 'CREATE', ResourceRecordSet: record });
      }
    }
  }
  for (const record of before.values())
    changes.push({ Action: 'DELETE', ResourceRecordSet: record });
  if (changes.length === 0) return changes;
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
