import { listOrderKey } from '../dns/names.js';
import { sameRecord } from '../dns/record-equality.js';
import type { Change, ResourceRecordSet } from '../dns/records.js';
import { compareZoneOrder, sortChanges, sortEntry } from './sort-changes.js';

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
  // Indexed by name, type and set identifier as they are: no composite key to
  // build and hash for each of the thousands of records a plan compares.
  const before = new Map<string, Map<string, Map<string, ResourceRecordSet>>>();
  for (const record of current) {
    let byType = before.get(record.Name);
    if (byType === undefined)
      before.set(record.Name, (byType = new Map<string, Map<string, ResourceRecordSet>>()));
    let byId = byType.get(record.Type);
    if (byId === undefined) byType.set(record.Type, (byId = new Map<string, ResourceRecordSet>()));
    byId.set(record.SetIdentifier ?? '', record);
  }
  const changes: Change[] = [];
  for (const record of desired) {
    const byId = before.get(record.Name)?.get(record.Type);
    const id = record.SetIdentifier ?? '';
    const existing = byId?.get(id);
    if (existing === undefined) changes.push({ Action: 'CREATE', ResourceRecordSet: record });
    else {
      byId?.delete(id);
      if (!sameRecord(existing, record)) {
        changes.push({ Action: 'DELETE', ResourceRecordSet: existing });
        changes.push({ Action: 'CREATE', ResourceRecordSet: record });
      }
    }
  }
  for (const byType of before.values()) {
    for (const byId of byType.values()) {
      for (const record of byId.values())
        changes.push({ Action: 'DELETE', ResourceRecordSet: record });
    }
  }
  if (changes.length === 0) return changes;
  return sortChanges(changes);
}

/** Zone order (name, type, set identifier), DELETE before CREATE for the same record. */
export function compareChanges(a: Change, b: Change): number {
  return compareZoneOrder(
    sortEntry(a, listOrderKey(a.ResourceRecordSet.Name), 0),
    sortEntry(b, listOrderKey(b.ResourceRecordSet.Name), 0),
  );
}
