import { listOrderKey } from '../dns/names.js';
import { sameRecord } from '../dns/record-equality.js';
import type { Change, ResourceRecordSet } from '../dns/records.js';

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

/** A change's position in zone order: name (Route 53 list order), type, set identifier, DELETE first. */
export function changeOrderKey(
  change: Change,
  nameKey: (name: string) => string = listOrderKey,
): string {
  const r = change.ResourceRecordSet;
  return `${nameKey(r.Name)}\u0000${r.Type}\u0000${r.SetIdentifier ?? ''}\u0000${change.Action === 'DELETE' ? 0 : 1}`;
}

/** Zone order (name, type, set identifier), DELETE before CREATE for the same record. */
export function compareChanges(a: Change, b: Change): number {
  return cmp(changeOrderKey(a), changeOrderKey(b));
}

/** listOrderKey, remembered per name for the length of one sort: many changes share a name. */
export function memoListOrderKey(): (name: string) => string {
  const keys = new Map<string, string>();
  return (name) => {
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = listOrderKey(name)));
    return key;
  };
}

interface Sortable {
  readonly change: Change;
  readonly rank: number;
  readonly name: string;
  readonly type: string;
  readonly id: string;
  readonly action: number;
}

/**
 * Zone order as changeOrderKey's string order, field by field: without a NUL
 * in any field (the key's separator) the two orders agree, and this one skips
 * the long prefix most keys share without building them.
 */
function compareSortable(a: Sortable, b: Sortable): number {
  return (
    a.rank - b.rank ||
    (a.name === b.name ? 0 : cmp(a.name, b.name)) ||
    (a.type === b.type ? 0 : cmp(a.type, b.type)) ||
    (a.id === b.id ? 0 : cmp(a.id, b.id)) ||
    a.action - b.action
  );
}

/**
 * Sorts changes by `rank` (ascending), then zone order; each key is computed
 * once, since plans of tens of thousands of changes sort several times.
 */
export function sortChanges(
  changes: readonly Change[],
  rank: (change: Change) => number = () => 0,
): Change[] {
  const nameKey = memoListOrderKey();
  const sortable = changes.map((change): Sortable => {
    const r = change.ResourceRecordSet;
    return {
      change,
      rank: rank(change),
      name: nameKey(r.Name),
      type: r.Type,
      id: r.SetIdentifier ?? '',
      action: change.Action === 'DELETE' ? 0 : 1,
    };
  });
  const nul = sortable.some(
    (d) => d.name.includes('\u0000') || d.type.includes('\u0000') || d.id.includes('\u0000'),
  );
  if (nul) return sortByKey(changes, rank);
  return sortable.sort(compareSortable).map((d) => d.change);
}

/** The order by whole keys, for the rare plan with a NUL in a name or set identifier. */
function sortByKey(changes: readonly Change[], rank: (change: Change) => number): Change[] {
  const nameKey = memoListOrderKey();
  return changes
    .map((change) => ({ change, rank: rank(change), key: changeOrderKey(change, nameKey) }))
    .sort((a, b) => a.rank - b.rank || cmp(a.key, b.key))
    .map((d) => d.change);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
