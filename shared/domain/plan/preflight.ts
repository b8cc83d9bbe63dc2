import { PlanInvariantError } from '../errors.js';
import { normalizeName } from '../dns/names.js';
import type { ChangeBatch, ResourceRecordSet } from '../dns/records.js';
import { createHostedZone, ROUTE53_LIMITS } from '../dns/zone/index.js';
import type { RebalancerSpec } from '../spec.js';

/**
 * Pre-flight: every batch a plan sends is first applied, in order, to a model
 * of the zone (strict mode), built from the records the batches can be judged
 * against. The planner checks each service's part of a plan on its own (and,
 * when that fails, each region's), so that one region Route 53 would refuse is
 * skipped with the reason instead of freezing the whole zone; the plan as a
 * whole is checked once more before it is returned.
 */

/** The records read, indexed by name and by alias target, to find what a batch can see fast. */
export interface RecordIndex {
  /** The records whose presence can change the verdict on these batches. */
  seenBy(batches: readonly ChangeBatch[]): ResourceRecordSet[];
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * The normalised names the batches' changes are at. Changes come name by name
 * (batches are in zone order), so a name is normalised once for its run, not
 * once per change: a steady plan has tens of thousands.
 */
function touchedNames(batches: readonly ChangeBatch[]): Set<string> {
  const names = new Set<string>();
  let last: string | undefined;
  for (const batch of batches) {
    for (const change of batch.Changes) {
      const name = change.ResourceRecordSet.Name;
      if (name === last) continue;
      last = name;
      names.add(normalizeName(name));
    }
  }
  return names;
}

/** Alias chains are followed this many names up and down: as far as the depth rule looks. */
const REACH = ROUTE53_LIMITS.maxAliasLevels + 1;

type ByName = ReadonlyMap<string, readonly ResourceRecordSet[]>;

/**
 * The names the batches touch, and those their new aliases lead to, followed
 * down REACH deep. Only a new alias can lengthen an answer path; the targets
 * of aliases already there count as one name each without being read.
 */
function namesBelow(
  byName: ByName,
  batches: readonly ChangeBatch[],
  touched: ReadonlySet<string>,
): Set<string> {
  const names = new Set<string>(touched);
  let frontier = new Set<string>();
  for (const batch of batches) {
    for (const change of batch.Changes) {
      const target = change.ResourceRecordSet.AliasTarget?.DNSName;
      if (target !== undefined && change.Action !== 'DELETE') frontier.add(normalizeName(target));
    }
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

/** The aliases that lead to the touched names, and those leading to them, REACH high. */
function aliasesAbove(byTarget: ByName, touched: ReadonlySet<string>): ResourceRecordSet[] {
  const found: ResourceRecordSet[] = [];
  const visited = new Set<string>();
  let frontier: ReadonlySet<string> = touched;
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

/**
 * Indexes the records once; `seenBy` then returns the records at the names the
 * batches touch, those their new aliases lead to (down to the depth rule's
 * reach), and the aliases leading to the touched names (up to the same reach).
 * Every rule of the zone model looks no further, so pre-flight over these
 * alone decides as it would over the whole zone; but for one thing: an
 * existing alias at a touched name counts its target as one name, however
 * deep, which can only make the depth rule stricter (a new alias below a name
 * that already answers too deeply elsewhere is refused).
 */
export function indexRecords(records: readonly ResourceRecordSet[]): RecordIndex {
  const byName = new Map<string, ResourceRecordSet[]>();
  const byTarget = new Map<string, ResourceRecordSet[]>();
  for (const record of records) {
    push(byName, record.Name, record);
    if (record.AliasTarget !== undefined)
      push(byTarget, normalizeName(record.AliasTarget.DNSName), record);
  }
  return {
    seenBy(batches) {
      // Nothing read (a new zone): nothing any batch can see.
      if (records.length === 0) return [];
      const touched = touchedNames(batches);
      const names = namesBelow(byName, batches, touched);
      // Each record sits at one name, so the names' records are distinct without a Set of
      // them all (a steady plan touches every record); only the aliases above need one.
      const seen: ResourceRecordSet[] = [];
      for (const name of names) {
        const at = byName.get(name);
        if (at !== undefined) for (const record of at) seen.push(record);
      }
      const aliases = new Set<ResourceRecordSet>();
      for (const alias of aliasesAbove(byTarget, touched))
        if (!names.has(alias.Name) && !aliases.has(alias)) {
          aliases.add(alias);
          seen.push(alias);
        }
      return seen;
    },
  };
}

/** The records whose presence can change the verdict on these batches (see indexRecords). */
export function recordsSeenBy(
  records: readonly ResourceRecordSet[],
  batches: readonly ChangeBatch[],
): ResourceRecordSet[] {
  return indexRecords(records).seenBy(batches);
}

/** Why the model of the zone refuses these batches, in order, or undefined when it takes them all. */
export function preflightProblem(
  spec: RebalancerSpec,
  index: RecordIndex,
  batches: readonly ChangeBatch[],
  healthCheckIds?: ReadonlySet<string>,
): string | undefined {
  if (batches.length === 0) return undefined;
  const zone = createHostedZone(
    {
      zoneId: spec.hostedZoneId,
      strict: true,
      ...(healthCheckIds !== undefined && { healthCheckIds }),
    },
    index.seenBy(batches),
  );
  for (const [i, batch] of batches.entries()) {
    const rejection = zone.apply(batch);
    if (rejection !== undefined) {
      const shown = rejection.messages.slice(0, 3);
      const more = rejection.messages.length - shown.length;
      const rest = more > 0 ? `; and ${more} more` : '';
      return `batch ${i + 1} of ${batches.length} fails: ${rejection.code}: ${shown.join('; ')}${rest}`;
    }
  }
  return undefined;
}

/**
 * Applies every batch, in order, to a model of the zone holding the records
 * we read. A plan that Route 53 would reject at any step is a bug and is never
 * returned: this throws PlanInvariantError.
 */
export function preflight(
  spec: RebalancerSpec,
  records: readonly ResourceRecordSet[] | RecordIndex,
  batches: readonly ChangeBatch[],
  healthCheckIds?: ReadonlySet<string>,
): void {
  const index = 'seenBy' in records ? records : indexRecords(records);
  const problem = preflightProblem(spec, index, batches, healthCheckIds);
  if (problem !== undefined) throw new PlanInvariantError(problem);
}
