import type { Change, ChangeBatch } from '../dns/records.js';
import { ROUTE53_LIMITS } from '../dns/zone/limits.js';
import { exactCharacters, orderUnits, unitsOf, type ChangeUnit } from './batches-units.js';
import { changesOf, compareRanked, type SortEntry } from './sort-changes.js';

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

export interface BatchLimits {
  readonly maxRecords: number;
  readonly maxCharacters: number;
}

export const DEFAULT_LIMITS: BatchLimits = {
  maxRecords: ROUTE53_LIMITS.maxRecordsPerBatch,
  maxCharacters: ROUTE53_LIMITS.maxCharactersPerBatch,
};

function truncate(comment: string): string {
  const max = ROUTE53_LIMITS.maxCommentLength;
  return comment.length <= max ? comment : `${comment.slice(0, max - 1)}…`;
}

/**
 * Packs ordered units into as few batches as Route 53's per-request limits
 * allow, never splitting a unit. Throws when one unit alone exceeds a limit,
 * since sending it in parts could leave the zone invalid in between.
 * Characters are judged on the units' upper bounds first (see countBounded)
 * and counted exactly only where a bound says a limit might be passed, so the
 * batches are the ones exact counts give.
 */
function packBatches(units: readonly ChangeUnit[], limits: BatchLimits): SortEntry[][] {
  const batches: SortEntry[][] = [];
  let current: SortEntry[] = [];
  let records = 0;
  // The current batch's characters: exactly counted ones, plus the bounds of units not yet counted.
  let counted = 0;
  let bounded: ChangeUnit[] = [];
  let characters = 0;
  for (const unit of units) {
    if (
      unit.records > limits.maxRecords ||
      (unit.characters > limits.maxCharacters && exactCharacters(unit) > limits.maxCharacters)
    ) {
      const name = unit.entries[0]?.change.ResourceRecordSet.Name ?? '?';
      throw new Error(`the changes at ${name} alone exceed one change batch`);
    }
    if (characters + unit.characters > limits.maxCharacters) {
      // Each unit is counted exactly once at most: what was counted stays counted.
      for (const held of bounded) counted += exactCharacters(held);
      bounded = [];
      characters = counted;
      exactCharacters(unit);
    }
    if (
      records + unit.records > limits.maxRecords ||
      characters + unit.characters > limits.maxCharacters
    ) {
      batches.push(current);
      current = [];
      records = 0;
      counted = 0;
      bounded = [];
      characters = 0;
    }
    for (const entry of unit.entries) current.push(entry);
    if (unit.exact) counted += unit.characters;
    else bounded.push(unit);
    records += unit.records;
    characters += unit.characters;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** A batch's changes: DELETEs shallowest first, then CREATEs deepest first, each in zone order. */
function withinBatchOrder(entries: SortEntry[]): Change[] {
  return changesOf(entries.sort(compareRanked));
}

/** Turns changes into the batches to send: atomic units, in a safe order, packed (see packBatches). */
export function compileBatches(
  changes: readonly Change[],
  depthOf: (name: string) => number,
  joins: readonly (readonly string[])[],
  comment: string,
  limits: BatchLimits = DEFAULT_LIMITS,
): ChangeBatch[] {
  if (changes.length === 0) return [];
  const batches = packBatches(orderUnits(unitsOf(changes, depthOf, joins)), limits);
  return batches.map((entries, i) => ({
    Comment: truncate(batches.length === 1 ? comment : `${comment} [${i + 1}/${batches.length}]`),
    Changes: withinBatchOrder(entries),
  }));
}
