/** compileBatches as it was, unit by unit and string key by string key: the reference the one-pass compile is tested against. */
import { defined } from '../../../shared/domain/defined.js';
import type { Change, ChangeBatch } from '../../../shared/domain/dns/records.js';
import { ROUTE53_LIMITS } from '../../../shared/domain/dns/zone/limits.js';
import {
  referenceChangeOrderKey as changeOrderKey,
  referenceMemoListOrderKey as memoListOrderKey,
  referenceSortChanges as sortChanges,
} from './reference-sort.js';

/** batchSize as it was. */
function batchSize(batch: ChangeBatch): { records: number; characters: number } {
  let records = 0;
  let characters = 0;
  for (const { Action, ResourceRecordSet: record } of batch.Changes) {
    const factor = Action === 'UPSERT' ? 2 : 1;
    const values = record.ResourceRecords ?? [];
    records += factor * (record.AliasTarget === undefined ? values.length : 1);
    for (const { Value } of values) characters += factor * Value.length;
  }
  return { records, characters };
}

/**
 * Ordering and splitting of changes into ChangeBatches such that the zone is
 * valid after every batch, not only after the last:
 * - all changes at one name form one atomic unit (a weighted set changing its
 *   TTL, a policy conversion, a group and its ownership marker), and names that
 *   must flip together (a region collapsing to one latency record) are joined;
 * - units that create go first, deepest names first, so alias targets exist
 *   before aliases point at them; units that only delete go last, shallowest
 *   first, so aliases go before their targets;
 * - inside a batch, DELETEs come before CREATEs (a conversion deletes the old
 *   policy before creating the new one) and CREATEs go deepest first.
 */

interface ChangeUnit {
  readonly changes: readonly Change[];
  /** The shallowest depth among the unit's names. */
  readonly depth: number;
  readonly createsAnything: boolean;
}

export interface BatchLimits {
  readonly maxRecords: number;
  readonly maxCharacters: number;
}

export const DEFAULT_LIMITS: BatchLimits = {
  maxRecords: ROUTE53_LIMITS.maxRecordsPerBatch,
  maxCharacters: ROUTE53_LIMITS.maxCharactersPerBatch,
};

/** Groups changes into atomic units by name, merging names listed together in `joins`. */
function unitsOf(
  changes: readonly Change[],
  depthOf: (name: string) => number,
  joins: readonly (readonly string[])[] = [],
): ChangeUnit[] {
  const parent = new Map<string, string>();
  const find = (name: string): string => {
    let root = name;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root))
      root = up;
    parent.set(name, root);
    return root;
  };
  for (const change of changes) find(change.ResourceRecordSet.Name);
  for (const names of joins) {
    const present = names.filter((n) => parent.has(n));
    const [first, ...rest] = present;
    for (const name of rest) parent.set(find(name), find(defined(first, 'the first joined name')));
  }
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const root = find(change.ResourceRecordSet.Name);
    // Pushed, not copied: a unit can hold a hundred changes (a shard) or thousands.
    const group = groups.get(root);
    if (group === undefined) groups.set(root, [change]);
    else group.push(change);
  }
  return [...groups.values()].map((unitChanges) => ({
    changes: unitChanges,
    depth: unitChanges.reduce((d, c) => Math.min(d, depthOf(c.ResourceRecordSet.Name)), Infinity),
    createsAnything: unitChanges.some((c) => c.Action !== 'DELETE'),
  }));
}

/** Creating units deepest first, then deleting-only units shallowest first. */
function orderUnits(units: readonly ChangeUnit[]): ChangeUnit[] {
  const nameKey = memoListOrderKey();
  const keyed = units.map((unit) => ({
    unit,
    key: changeOrderKey(defined(unit.changes[0], 'the first change of a unit'), nameKey),
  }));
  const byDepth = (sign: number) => (a: (typeof keyed)[number], b: (typeof keyed)[number]) =>
    sign * (a.unit.depth - b.unit.depth) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const creating = keyed.filter((k) => k.unit.createsAnything).sort(byDepth(-1));
  const deleting = keyed.filter((k) => !k.unit.createsAnything).sort(byDepth(1));
  return [...creating, ...deleting].map((k) => k.unit);
}

function withinBatchOrder(changes: readonly Change[], depthOf: (name: string) => number): Change[] {
  // DELETEs shallowest first, then CREATEs deepest first.
  return sortChanges(changes, (c) => {
    const depth = depthOf(c.ResourceRecordSet.Name);
    return c.Action === 'DELETE' ? depth : 100 - depth;
  });
}

function truncate(comment: string): string {
  const max = ROUTE53_LIMITS.maxCommentLength;
  return comment.length <= max ? comment : `${comment.slice(0, max - 1)}…`;
}

/**
 * Packs ordered units into as few batches as Route 53's per-request limits
 * allow, never splitting a unit. Throws when one unit alone exceeds a limit,
 * since sending it in parts could leave the zone invalid in between.
 */
function packBatches(
  units: readonly ChangeUnit[],
  comment: string,
  depthOf: (name: string) => number,
  limits: BatchLimits = DEFAULT_LIMITS,
): ChangeBatch[] {
  const batches: Change[][] = [];
  let current: Change[] = [];
  let size = { records: 0, characters: 0 };
  for (const unit of units) {
    const unitSize = batchSize({ Changes: unit.changes });
    if (unitSize.records > limits.maxRecords || unitSize.characters > limits.maxCharacters) {
      throw new Error(
        `the changes at ${unit.changes[0]?.ResourceRecordSet.Name ?? '?'} alone exceed one change batch`,
      );
    }
    if (
      size.records + unitSize.records > limits.maxRecords ||
      size.characters + unitSize.characters > limits.maxCharacters
    ) {
      batches.push(current);
      current = [];
      size = { records: 0, characters: 0 };
    }
    current.push(...unit.changes);
    size = {
      records: size.records + unitSize.records,
      characters: size.characters + unitSize.characters,
    };
  }
  if (current.length > 0) batches.push(current);
  return batches.map((changes, i) => ({
    Comment: truncate(batches.length === 1 ? comment : `${comment} [${i + 1}/${batches.length}]`),
    Changes: withinBatchOrder(changes, depthOf),
  }));
}

/** Turns changes into the batches to send: atomic units, in a safe order, packed (see packBatches). */
export function referenceCompileBatches(
  changes: readonly Change[],
  depthOf: (name: string) => number,
  joins: readonly (readonly string[])[],
  comment: string,
  limits: BatchLimits = DEFAULT_LIMITS,
): ChangeBatch[] {
  if (changes.length === 0) return [];
  return packBatches(orderUnits(unitsOf(changes, depthOf, joins)), comment, depthOf, limits);
}
