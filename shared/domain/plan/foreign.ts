import { defined } from '../defined.js';
import { ROUTE53_LIMITS } from '../dns/zone/limits.js';
import { routingPolicy, rrsetKey, type ResourceRecordSet } from '../dns/records.js';

/**
 * Why records of others sharing a weighted set with ours make our desired
 * records impossible: Route 53 wants one TTL across a weighted set's non-alias
 * records, and at most 100 records per name and type. We never change their
 * records, so in either case the region stays as it is and says why.
 */
export function foreignConflicts(
  desired: readonly ResourceRecordSet[],
  foreign: readonly ResourceRecordSet[],
): string[] {
  if (foreign.length === 0) return [];
  const problems: string[] = [];
  const theirs = new Map<string, ResourceRecordSet[]>();
  for (const record of foreign)
    theirs.set(rrsetKey(record), [...(theirs.get(rrsetKey(record)) ?? []), record]);
  const ours = new Map<string, ResourceRecordSet[]>();
  for (const record of desired)
    ours.set(rrsetKey(record), [...(ours.get(rrsetKey(record)) ?? []), record]);
  for (const [key, records] of ours) {
    const others = theirs.get(key) ?? [];
    if (others.length === 0) continue;
    const first = defined(records[0], `the first of our records at ${key}`);
    if (
      routingPolicy(first) !== 'simple' &&
      records.length + others.length > ROUTE53_LIMITS.maxRecordsPerPolicyName
    ) {
      problems.push(
        `${first.Name} ${first.Type} would hold ${records.length} records of ours and ${others.length} of others: over Route 53's limit of ${ROUTE53_LIMITS.maxRecordsPerPolicyName}`,
      );
    }
    const ttl = records.find((r) => routingPolicy(r) === 'weighted' && r.TTL !== undefined)?.TTL;
    const clash = others.find(
      (r) => routingPolicy(r) === 'weighted' && r.TTL !== undefined && r.TTL !== ttl,
    );
    if (ttl !== undefined && clash !== undefined) {
      problems.push(
        `record ${clash.SetIdentifier ?? ''} of others at ${clash.Name} has TTL ${clash.TTL ?? ''} and ours ${ttl}: a weighted set must share one TTL`,
      );
    }
  }
  return problems;
}
