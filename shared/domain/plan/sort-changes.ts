import { listOrderKey } from '../dns/names.js';
import type { Change } from '../dns/records.js';

/**
 * Zone order for changes: name (Route 53 list order), type, set identifier,
 * DELETE before CREATE, the order of changeOrderKey's strings. Plans of tens of
 * thousands of changes sort several times (each diff, then each batch), so the
 * fields are read once into an entry and compared one by one, without building
 * the keys.
 */

/** A change with its sort fields, read once. */
export interface SortEntry {
  readonly change: Change;
  /** Sorted by first, ascending. */
  readonly rank: number;
  /** listOrderKey of the name. */
  readonly name: string;
  readonly type: string;
  readonly id: string;
  /** 0 for a DELETE, 1 otherwise. */
  readonly action: number;
}

/** The entry of `change`, its name's key already worked out. */
export function sortEntry(change: Change, name: string, rank: number): SortEntry {
  const r = change.ResourceRecordSet;
  const action = change.Action === 'DELETE' ? 0 : 1;
  return { change, rank, name, type: r.Type, id: r.SetIdentifier ?? '', action };
}

/** A change's position in zone order as one string: name (list order), type, set identifier, DELETE first. */
export function changeOrderKey(
  change: Change,
  nameKey: (name: string) => string = listOrderKey,
): string {
  const r = change.ResourceRecordSet;
  return `${nameKey(r.Name)}\u0000${r.Type}\u0000${r.SetIdentifier ?? ''}\u0000${change.Action === 'DELETE' ? 0 : 1}`;
}

function wholeKey(e: SortEntry): string {
  return `${e.name}\u0000${e.type}\u0000${e.id}\u0000${e.action}`;
}

/**
 * One field's part in the order of whole keys, NaN when it cannot tell: the
 * fields' own order is the keys' order except where the shorter field is a
 * prefix of the longer and a NUL (the keys' separator) follows it there.
 */
function fieldOrder(x: string, y: string): number {
  if (x === y) return 0;
  const less = x < y;
  const short = less ? x : y;
  const long = less ? y : x;
  if (long.charCodeAt(short.length) === 0 && long.startsWith(short)) return NaN;
  return less ? -1 : 1;
}

/** Zone order, exactly as changeOrderKey's strings compare; the keys are built only for the rare NUL tie. */
export function compareZoneOrder(a: SortEntry, b: SortEntry): number {
  let order = fieldOrder(a.name, b.name);
  if (order === 0) order = fieldOrder(a.type, b.type);
  if (order === 0) order = fieldOrder(a.id, b.id);
  if (order === 0) return a.action - b.action;
  if (!Number.isNaN(order)) return order;
  const x = wholeKey(a);
  const y = wholeKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** By rank, then zone order. */
export function compareRanked(a: SortEntry, b: SortEntry): number {
  return a.rank - b.rank || compareZoneOrder(a, b);
}

/**
 * listOrderKey, remembered per name for the length of one sort: many changes
 * share a name. Data read by listOrderKeyIn, not a closure or a class made in
 * each sort (see layout/grouped.ts on callbacks made per call).
 */
interface ListOrderKeys {
  readonly keys: Map<string, string>;
  lastName: string;
  lastKey: string;
}

function listOrderKeyIn(memo: ListOrderKeys, name: string): string {
  // Sorted or grouped input asks for the same name many times in a row.
  if (name === memo.lastName) return memo.lastKey;
  let key = memo.keys.get(name);
  if (key === undefined) memo.keys.set(name, (key = listOrderKey(name)));
  memo.lastName = name;
  memo.lastKey = key;
  return key;
}

const UNRANKED = (): number => 0;

/** The entries' changes, in their order. */
export function changesOf(entries: readonly SortEntry[]): Change[] {
  const changes: Change[] = [];
  for (const entry of entries) changes.push(entry.change);
  return changes;
}

/** Sorts changes by `rank` (ascending), then zone order; ties keep their input order. */
export function sortChanges(
  changes: readonly Change[],
  rank: (change: Change) => number = UNRANKED,
): Change[] {
  const keys: ListOrderKeys = { keys: new Map(), lastName: '', lastKey: listOrderKey('') };
  const entries: SortEntry[] = [];
  for (const c of changes)
    entries.push(sortEntry(c, listOrderKeyIn(keys, c.ResourceRecordSet.Name), rank(c)));
  return changesOf(entries.sort(compareRanked));
}
