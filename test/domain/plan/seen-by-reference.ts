import { normalizeName } from '../../../shared/domain/dns/names.js';
import type { ChangeBatch, ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import { ROUTE53_LIMITS } from '../../../shared/domain/dns/zone/index.js';

/**
 * The records a pre-flight reads, as recordsSeenBy found them before it
 * normalised each name once per run of changes and dropped the Set of every
 * record seen: the reference its equivalence test compares against.
 */

const REACH = ROUTE53_LIMITS.maxAliasLevels + 1;
type ByName = ReadonlyMap<string, readonly ResourceRecordSet[]>;

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function namesBelow(byName: ByName, batches: readonly ChangeBatch[]): Set<string> {
  const names = new Set<string>();
  let frontier = new Set<string>();
  for (const change of batches.flatMap((b) => b.Changes)) {
    names.add(normalizeName(change.ResourceRecordSet.Name));
    const target = change.ResourceRecordSet.AliasTarget?.DNSName;
    if (target !== undefined && change.Action !== 'DELETE') frontier.add(normalizeName(target));
  }
  for (let step = 0; step <= REACH && frontier.size > 0; step++) {
    const next = new Set<string>();
    for (const name of frontier) {
      names.add(name);
      for (const record of byName.get(name) ?? []) {
        const target = record.AliasTarget?.DNSName;
        if (target !== undefined && !names.has(normalizeName(target)))
          next.add(normalizeName(target));
      }
    }
    frontier = next;
  }
  return names;
}

function aliasesAbove(byTarget: ByName, batches: readonly ChangeBatch[]): ResourceRecordSet[] {
  const found: ResourceRecordSet[] = [];
  const visited = new Set<string>();
  let frontier = new Set(
    batches.flatMap((b) => b.Changes.map((c) => normalizeName(c.ResourceRecordSet.Name))),
  );
  for (let step = 0; step < REACH && frontier.size > 0; step++) {
    const next = new Set<string>();
    for (const name of frontier) {
      visited.add(name);
      for (const alias of byTarget.get(name) ?? []) {
        found.push(alias);
        if (!visited.has(alias.Name)) next.add(alias.Name);
      }
    }
    frontier = next;
  }
  return found;
}

/** The reference recordsSeenBy. */
export function referenceSeenBy(
  records: readonly ResourceRecordSet[],
  batches: readonly ChangeBatch[],
): ResourceRecordSet[] {
  if (records.length === 0) return [];
  const byName = new Map<string, ResourceRecordSet[]>();
  const byTarget = new Map<string, ResourceRecordSet[]>();
  for (const record of records) {
    push(byName, record.Name, record);
    if (record.AliasTarget !== undefined)
      push(byTarget, normalizeName(record.AliasTarget.DNSName), record);
  }
  const seen = new Set<ResourceRecordSet>();
  for (const name of namesBelow(byName, batches))
    for (const record of byName.get(name) ?? []) seen.add(record);
  for (const alias of aliasesAbove(byTarget, batches)) seen.add(alias);
  return [...seen];
}
