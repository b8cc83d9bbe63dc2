/**
 * Names and sizes of the record tree below a regional name:
 *   <region name>                      weighted records, or weighted aliases to bins
 *   shard-a.<region name>              weighted mode, more than 100 instances (Route 53's limit)
 *   endpoint-a.<region name>           a multi-value group (grouped mode)
 * Every answer path stays within Route 53's three levels of alias recursion
 * (latency -> regional -> shard or group): groups are never sharded, so a
 * grouped region has at most 100 groups.
 */

import { ROUTE53_LIMITS } from '../dns/zone/limits.js';

export type BinKind = 'endpoint' | 'shard';

/** a, b, ..., z, aa, ab, ...: stable labels for bins by index. */
export function binLabel(index: number): string {
  let label = '';
  let i = index;
  do {
    label = String.fromCharCode(97 + (i % 26)) + label;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return label;
}

/**
 * The kind and index of the bin label `name[0, end)` (`<kind>-<a..z>+`), or
 * undefined. Read in place, without a slice or a regular expression: every
 * record read is asked this, 10,000 per weighted region.
 */
function binLabelAt(name: string, end: number): { kind: BinKind; index: number } | undefined {
  const kind = name.startsWith('shard-')
    ? 'shard'
    : name.startsWith('endpoint-')
      ? 'endpoint'
      : undefined;
  if (kind === undefined) return undefined;
  const start = kind.length + 1;
  if (end <= start) return undefined;
  let index = 0;
  for (let i = start; i < end; i++) {
    const code = name.charCodeAt(i);
    if (code < 97 || code > 122) return undefined; // a..z
    index = index * 26 + (code - 96);
  }
  return { kind, index: index - 1 };
}

/** The name of bin `index` of a kind below a regional name: a flat string, see ownedSetIdentifier. */
export function binName(kind: BinKind, regionalName: string, index: number): string {
  return [kind, '-', binLabel(index), '.', regionalName].join('');
}

/** The kind and index of a bin name directly below `regionalName`, or undefined. */
export function parseBinName(
  name: string,
  regionalName: string,
): { kind: BinKind; index: number } | undefined {
  const dot = name.length - regionalName.length - 1;
  if (dot < 0 || name.charCodeAt(dot) !== 46 || !name.endsWith(regionalName)) return undefined; // 46: '.'
  return binLabelAt(name, dot);
}

export const MAX_CHILDREN = ROUTE53_LIMITS.maxRecordsPerPolicyName;

/**
 * The most groups a grouped region has: one weighted set of aliases at the
 * regional name. Sharding them would put a fourth name on the answer path
 * (latency -> regional -> shard -> group), beyond Route 53's three levels.
 */
export const MAX_GROUPS = MAX_CHILDREN;

/**
 * How many multi-value groups for n addresses of target size `size`, at most
 * MAX_GROUPS (beyond that the groups grow). The current count is kept while
 * its groups stay within one of the target size, so one instance more or less
 * does not reshuffle every group.
 */
export function groupCount(n: number, size: number, current: number): number {
  if (n === 0) return 0;
  if (
    current > 0 &&
    current <= MAX_GROUPS &&
    Math.ceil(n / current) <= size + 1 &&
    Math.floor(n / current) >= Math.max(1, size - 1)
  ) {
    return current;
  }
  return Math.min(MAX_GROUPS, Math.ceil(n / size));
}

/**
 * How many shards for n weighted children: none up to 100 (Route 53's limit
 * per name); above, the current count while it is within one of what is
 * needed; and two shards stay while more than 90 children remain, so a fleet
 * hovering around 100 does not flap between one set and two.
 */
export function shardCount(n: number, current: number): number {
  const needed = Math.ceil(n / MAX_CHILDREN);
  if (n > MAX_CHILDREN) return current >= needed && current <= needed + 1 ? current : needed;
  return current === 2 && n > MAX_CHILDREN * 0.9 ? 2 : 0;
}

/**
 * How deep a name sits in the alias tree, for ordering changes: 0 for a
 * latency name, 1 for a regional name, 2 for a shard, 3 for a multi-value
 * group (which sits right below its regional name: shards only ever hold
 * instance records). Aliases only ever point deeper, which is what change
 * ordering relies on.
 */
export function depthOfName(name: string, latencyNames: ReadonlySet<string>): number {
  if (latencyNames.has(name)) return 0;
  const dot = name.indexOf('.');
  // A name without a dot (never one we plan: names are absolute) reads as
  // name.slice(0, -1) always read it.
  const bin = binLabelAt(name, dot < 0 ? name.length - 1 : dot);
  if (bin === undefined) return 1;
  return bin.kind === 'endpoint' ? 3 : 2;
}
