import type { Change } from '../dns/records.js';
import { listOrderKey } from '../dns/names.js';
import { addChange, countChange } from '../dns/zone/limits.js';
import { compareZoneOrder, sortEntry, type SortEntry } from './sort-changes.js';

/**
 * The atomic units a plan's changes are sent in (see batches.ts), with what
 * ordering and packing ask of each change read once, in one pass: a plan of a
 * hundred thousand changes is grouped, ordered, sized and sorted again inside
 * each batch, and reading a record for each step was a tenth of planning.
 */

export interface ChangeUnit {
  /** The unit's changes in input order, ranked for inside a batch. */
  readonly entries: SortEntry[];
  /** The shallowest depth among the unit's names. */
  depth: number;
  createsAnything: boolean;
  /** batchSize of the unit's changes: records exactly, characters at most (see `exact`). */
  records: number;
  characters: number;
  /** Whether `characters` is the exact count, not countBounded's upper bound: exactCharacters makes it so. */
  exact: boolean;
}

/** The changes at one name: a unit of its own unless joined to others. */
interface NameGroup extends ChangeUnit {
  readonly name: string;
  /** listOrderKey of the name. */
  readonly key: string;
}

/**
 * Groups changes into atomic units by name, merging names listed together in
 * `joins`: units in the order of their first change, each unit's changes in
 * input order, each ranked for withinBatchOrder (DELETEs shallowest first, then
 * CREATEs deepest first).
 */
export function unitsOf(
  changes: readonly Change[],
  depthOf: (name: string) => number,
  joins: readonly (readonly string[])[],
): ChangeUnit[] {
  const groups = new Map<string, NameGroup>();
  let group: NameGroup | undefined;
  for (const change of changes) {
    const name = change.ResourceRecordSet.Name;
    // A name's changes mostly come in a row (each diff is sorted): the map only when the name changes.
    if (group?.name !== name) group = groups.get(name);
    if (group === undefined) {
      group = { name, key: listOrderKey(name), ...emptyUnit(depthOf(name)) };
      groups.set(name, group);
    }
    const deletes = change.Action === 'DELETE';
    const entry = sortEntry(change, group.key, deletes ? group.depth : 100 - group.depth);
    group.entries.push(entry);
    if (!deletes) group.createsAnything = true;
    if (!countBounded(group, change)) group.exact = false;
  }
  const parent = joinedRoots(groups, joins);
  return parent === undefined ? [...groups.values()] : merged(changes, groups, parent);
}

function emptyUnit(depth: number): ChangeUnit {
  return { entries: [], depth, createsAnything: false, records: 0, characters: 0, exact: true };
}

/** The most characters an A record's value has: a dotted quad's 15 ("255.255.255.255"). */
const MAX_IPV4_CHARACTERS = 15;

/**
 * countChange, without reading the values of an A record created or upserted:
 * each counts the 15 characters a dotted quad has at most. Reading every
 * address only to count it was the first touch of each, some 9 % of a
 * weighted plan at 40k. The zone model refuses an A value that is not a
 * dotted quad, so a plan with a longer one fails its pre-flight however it is
 * packed. DELETEs count exactly (they carry what the zone holds). Returns
 * whether the count added is exact.
 */
function countBounded(size: ChangeUnit, change: Change): boolean {
  const record = change.ResourceRecordSet;
  const values = record.ResourceRecords;
  if (
    change.Action === 'DELETE' ||
    record.Type !== 'A' ||
    values === undefined ||
    record.AliasTarget !== undefined
  ) {
    countChange(size, change);
    return true;
  }
  addChange(size, change, MAX_IPV4_CHARACTERS * values.length);
  return false;
}

/** The unit's exact character count, counted now if it was bounded (and kept). */
export function exactCharacters(unit: ChangeUnit): number {
  if (unit.exact) return unit.characters;
  const size = { records: 0, characters: 0 };
  for (const entry of unit.entries) countChange(size, entry.change);
  unit.characters = size.characters;
  unit.exact = true;
  return unit.characters;
}

/**
 * The name each joined name is grouped under, as a union of the joined names
 * present; undefined when no two present names are joined, as in most plans.
 */
function joinedRoots(
  groups: ReadonlyMap<string, NameGroup>,
  joins: readonly (readonly string[])[],
): ReadonlyMap<string, string> | undefined {
  const parent = new Map<string, string>();
  const find = (name: string): string => {
    let root = name;
    for (let up = parent.get(root); up !== undefined; up = parent.get(root)) root = up;
    if (root !== name) parent.set(name, root);
    return root;
  };
  for (const names of joins) {
    let first: string | undefined;
    for (const name of names) {
      if (!groups.has(name)) continue;
      if (first === undefined) first = name;
      else {
        const root = find(name);
        if (root !== find(first)) parent.set(root, find(first));
      }
    }
  }
  return parent.size === 0 ? undefined : parent;
}

/** The units once joined names are merged: in the order of their first change, entries in input order. */
function merged(
  changes: readonly Change[],
  groups: ReadonlyMap<string, NameGroup>,
  parent: ReadonlyMap<string, string>,
): ChangeUnit[] {
  const units: ChangeUnit[] = [];
  const byRoot = new Map<string, ChangeUnit>();
  const unitOf = new Map<NameGroup, { unit: ChangeUnit; next: number }>();
  for (const group of groups.values()) {
    let root = group.name;
    for (let up = parent.get(root); up !== undefined; up = parent.get(root)) root = up;
    let unit = byRoot.get(root);
    if (unit === undefined) {
      byRoot.set(root, (unit = emptyUnit(group.depth)));
      units.push(unit);
    }
    unit.depth = Math.min(unit.depth, group.depth);
    unit.createsAnything ||= group.createsAnything;
    unit.records += group.records;
    unit.characters += group.characters;
    unit.exact &&= group.exact;
    unitOf.set(group, { unit, next: 0 });
  }
  // A group's entries are in input order: the next one of its group is this change's.
  for (const change of changes) {
    const group = groups.get(change.ResourceRecordSet.Name) as NameGroup;
    const at = unitOf.get(group) as { unit: ChangeUnit; next: number };
    at.unit.entries.push(group.entries[at.next++] as SortEntry);
  }
  return units;
}

/** Creating units deepest first, then deleting-only units shallowest first; ties in zone order of the first change. */
const first = (unit: ChangeUnit) => unit.entries[0] as SortEntry;
const deepestFirst = (a: ChangeUnit, b: ChangeUnit) =>
  b.depth - a.depth || compareZoneOrder(first(a), first(b));
const shallowestFirst = (a: ChangeUnit, b: ChangeUnit) =>
  a.depth - b.depth || compareZoneOrder(first(a), first(b));

export function orderUnits(units: readonly ChangeUnit[]): ChangeUnit[] {
  const creating: ChangeUnit[] = [];
  const deleting: ChangeUnit[] = [];
  for (const unit of units) (unit.createsAnything ? creating : deleting).push(unit);
  return creating.sort(deepestFirst).concat(deleting.sort(shallowestFirst));
}
