/**
 * Route 53's per-request quotas. A plan is split into batches that respect
 * them, and the model rejects a batch that does not, as the API would.
 */
import type { Change, ChangeBatch, ResourceRecord } from '../records.js';
import { charactersLimit, recordsLimit } from './messages.js';

/** Route 53's documented quotas for one ChangeResourceRecordSets or ListResourceRecordSets call. */
export const ROUTE53_LIMITS = {
  maxRecordsPerBatch: 1000,
  maxCharactersPerBatch: 32000,
  maxRecordsPerPolicyName: 100,
  maxListItems: 300,
  maxSetIdentifierLength: 128,
  maxWeight: 255,
  maxCommentLength: 256,
  /** Octets of one label, and of a whole name in wire form (RFC 1035; Route 53's "DNS domain name format"). */
  maxLabelOctets: 63,
  maxNameOctets: 255,
  /** Octets of one TXT character-string. */
  maxCharacterStringOctets: 255,
  /** Names on one answer path: alias -> alias -> records ("Managing over 100 weighted records"). */
  maxAliasLevels: 3,
} as const;

/** The characters of a record's values, as Route 53's quotas count them. */
export function valueCharacters(values: readonly ResourceRecord[] | undefined): number {
  let characters = 0;
  if (values !== undefined) for (const { Value } of values) characters += Value.length;
  return characters;
}

/**
 * Adds one change of `characters` characters of values to `size` as Route
 * 53's quotas count it: one record per value (an alias is one), UPSERT twice.
 */
export function addChange(
  size: { records: number; characters: number },
  change: Change,
  characters: number,
): void {
  const record = change.ResourceRecordSet;
  // An UPSERT is a DELETE plus a CREATE as far as the quotas go.
  const factor = change.Action === 'UPSERT' ? 2 : 1;
  const values = record.ResourceRecords;
  size.records += factor * (record.AliasTarget === undefined ? (values?.length ?? 0) : 1);
  size.characters += factor * characters;
}

/** Adds one change to `size` as Route 53's quotas count it (addChange, its values' characters counted). */
export function countChange(size: { records: number; characters: number }, change: Change): void {
  addChange(size, change, valueCharacters(change.ResourceRecordSet.ResourceRecords));
}

/** Counts a batch as Route 53's quotas do: countChange over its changes. */
export function batchSize(batch: ChangeBatch): { records: number; characters: number } {
  const size = { records: 0, characters: 0 };
  for (const change of batch.Changes) countChange(size, change);
  return size;
}

/** The quota messages for a batch; empty exactly when batchSize is within ROUTE53_LIMITS. */
export function batchLimitProblems(batch: ChangeBatch): string[] {
  const size = batchSize(batch);
  const problems: string[] = [];
  if (size.records > ROUTE53_LIMITS.maxRecordsPerBatch) {
    problems.push(recordsLimit(ROUTE53_LIMITS.maxRecordsPerBatch));
  }
  if (size.characters > ROUTE53_LIMITS.maxCharactersPerBatch) {
    problems.push(charactersLimit(ROUTE53_LIMITS.maxCharactersPerBatch));
  }
  return problems;
}
