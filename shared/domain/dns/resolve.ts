import { normalizeName } from './names.js';
import { recordValues, routingPolicy, rrsetKey, type ResourceRecordSet } from './records.js';

/**
 * Who gets the traffic, worked out from the records alone, the way Route 53
 * answers: the latency record of the client's region (or, when that region
 * has none or it leads nowhere, the nearest region that has one), then a
 * weighted choice (weight / sum; all zero: equal), following aliases within
 * the zone, down to values; a multi-value answer spreads evenly over its
 * values. Health checks, when a lookup is given, count as Route 53 counts
 * them: an unhealthy record is skipped; when every record of a set is
 * unhealthy, all are treated as healthy; weight-0 records are answered only
 * when every non-zero one is unhealthy; an alias with EvaluateTargetHealth
 * is healthy only while a record of its target is. Records without checks (and
 * checks the lookup does not know) count as healthy, as in Route 53. It never
 * looks at what the planner meant, so comparing the two proves the records do
 * what was planned.
 */

/** Health check id -> healthy; undefined (no data) counts as healthy. */
export type HealthLookup = (healthCheckId: string) => boolean | undefined;

export type Shares = ReadonlyMap<string, number>;

const MAX_ALIAS_DEPTH = 4;

// Approximate locations (latitude, longitude) of AWS regions: Route 53 measures
// latency, we can only approximate it by distance.
const PLACES: Readonly<Record<string, readonly [number, number]>> = {
  'us-east-1': [38.9, -77.4],
  'us-east-2': [40.0, -83.0],
  'us-west-1': [37.4, -121.9],
  'us-west-2': [45.8, -119.7],
  'ca-central-1': [45.5, -73.6],
  'ca-west-1': [51.0, -114.1],
  'mx-central-1': [20.6, -100.4],
  'sa-east-1': [-23.5, -46.6],
  'eu-west-1': [53.3, -6.3],
  'eu-west-2': [51.5, -0.1],
  'eu-west-3': [48.9, 2.4],
  'eu-central-1': [50.1, 8.7],
  'eu-central-2': [47.4, 8.5],
  'eu-north-1': [59.3, 18.1],
  'eu-south-1': [45.5, 9.2],
  'eu-south-2': [41.6, -0.9],
  'il-central-1': [32.1, 34.8],
  'me-south-1': [26.1, 50.6],
  'me-central-1': [24.5, 54.4],
  'af-south-1': [-33.9, 18.4],
  'ap-south-1': [19.1, 72.9],
  'ap-south-2': [17.4, 78.5],
  'ap-east-1': [22.3, 114.2],
  'ap-northeast-1': [35.7, 139.7],
  'ap-northeast-2': [37.6, 127.0],
  'ap-northeast-3': [34.7, 135.5],
  'ap-southeast-1': [1.3, 103.8],
  'ap-southeast-2': [-33.9, 151.2],
  'ap-southeast-3': [-6.2, 106.8],
  'ap-southeast-4': [-37.8, 145.0],
  'ap-southeast-5': [3.1, 101.7],
  'ap-southeast-7': [13.8, 100.5],
};

/** Roughly how far apart two regions are, in km (great circle); unknown regions are far from everything. */
export function regionDistance(a: string, b: string): number {
  if (a === b) return 0;
  const p = PLACES[a];
  const q = PLACES[b];
  if (p === undefined || q === undefined) return 20_000;
  const rad = Math.PI / 180;
  const dLat = (q[0] - p[0]) * rad;
  const dLon = (q[1] - p[1]) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(p[0] * rad) * Math.cos(q[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

interface Resolver {
  readonly index: Map<string, ResourceRecordSet[]>;
  readonly zoneId: string;
  readonly health: HealthLookup | undefined;
  readonly healthy: Map<ResourceRecordSet, boolean>;
}

function indexRecords(records: readonly ResourceRecordSet[]): Map<string, ResourceRecordSet[]> {
  const index = new Map<string, ResourceRecordSet[]>();
  for (const record of records) {
    const key = rrsetKey(record);
    index.set(key, [...(index.get(key) ?? []), record]);
  }
  return index;
}

function add(into: Map<string, number>, from: Shares, scale: number): void {
  for (const [value, share] of from) into.set(value, (into.get(value) ?? 0) + share * scale);
}

function sameZone(resolver: Resolver, record: ResourceRecordSet): boolean {
  const alias = record.AliasTarget;
  return (
    alias !== undefined && alias.HostedZoneId.replace(/^\/hostedzone\//, '') === resolver.zoneId
  );
}

function targetOf(resolver: Resolver, record: ResourceRecordSet): ResourceRecordSet[] {
  const alias = record.AliasTarget;
  if (alias === undefined) return [];
  return (
    resolver.index.get(rrsetKey({ Name: normalizeName(alias.DNSName), Type: record.Type })) ?? []
  );
}

/** Route 53's view of one record's health: its own check, and its target's when it evaluates it. */
function isHealthy(resolver: Resolver, record: ResourceRecordSet, depth: number): boolean {
  if (resolver.health === undefined) return true;
  const known = resolver.healthy.get(record);
  if (known !== undefined) return known;
  const id = record.HealthCheckId;
  let healthy = id === undefined || resolver.health(id) !== false;
  if (healthy && record.AliasTarget?.EvaluateTargetHealth === true && sameZone(resolver, record)) {
    healthy =
      depth < MAX_ALIAS_DEPTH &&
      targetOf(resolver, record).some((r) => isHealthy(resolver, r, depth + 1));
  }
  resolver.healthy.set(record, healthy);
  return healthy;
}

interface Answer {
  readonly record: ResourceRecordSet;
  readonly shares: Shares;
}

/**
 * The answers Route 53 picks from: the healthy ones of non-zero weight, else
 * the healthy ones of weight 0, else (none healthy) all of them as if healthy.
 */
function eligible(
  resolver: Resolver,
  answers: readonly Answer[],
  depth: number,
): readonly Answer[] {
  const healthy = answers.filter((a) => isHealthy(resolver, a.record, depth));
  if (healthy.length === 0) return answers;
  const nonZero = healthy.filter((a) => (a.record.Weight ?? 0) > 0);
  return nonZero.length > 0 ? nonZero : healthy;
}

function resolveSet(
  resolver: Resolver,
  records: readonly ResourceRecordSet[],
  depth: number,
): Shares {
  const result = new Map<string, number>();
  const [first] = records;
  if (first === undefined) return result;
  const weighted = routingPolicy(first) === 'weighted';
  const answers = eligible(
    resolver,
    records
      .map((record) => ({ record, shares: resolveRecord(resolver, record, depth) }))
      .filter((a) => a.shares.size > 0),
    depth,
  );
  if (answers.length === 0) return result;
  if (!weighted) {
    for (const a of answers) add(result, a.shares, 1 / answers.length);
    return result;
  }
  const total = answers.reduce((sum, a) => sum + (a.record.Weight ?? 0), 0);
  for (const a of answers)
    add(result, a.shares, total === 0 ? 1 / answers.length : (a.record.Weight ?? 0) / total);
  return result;
}

function resolveRecord(resolver: Resolver, record: ResourceRecordSet, depth: number): Shares {
  if (record.AliasTarget === undefined) {
    const values = recordValues(record);
    return new Map(values.map((value) => [value, 1 / values.length]));
  }
  if (depth >= MAX_ALIAS_DEPTH || !sameZone(resolver, record)) return new Map();
  return resolveSet(resolver, targetOf(resolver, record), depth + 1);
}

/**
 * The share of all answers for `name` each value gets, with one equal client
 * population in each of `clientRegions`: each is answered by the nearest
 * region whose latency record leads somewhere and is healthy (the nearest that
 * leads somewhere when none is healthy). `health` looks up health checks;
 * without it every record counts as healthy.
 */
export function resolveShares(
  records: readonly ResourceRecordSet[],
  zoneId: string,
  name: string,
  type: string,
  clientRegions: readonly string[],
  health?: HealthLookup,
): Shares {
  const resolver: Resolver = { index: indexRecords(records), zoneId, health, healthy: new Map() };
  const latency = (resolver.index.get(rrsetKey({ Name: name, Type: type })) ?? []).filter(
    (r) => r.Region !== undefined,
  );
  const result = new Map<string, number>();
  for (const client of clientRegions) {
    const sorted = [...latency].sort(
      (a, b) =>
        regionDistance(client, a.Region ?? '') - regionDistance(client, b.Region ?? '') ||
        (a.Region ?? '').localeCompare(b.Region ?? ''),
    );
    let chosen: Shares | undefined;
    let fallback: Shares | undefined;
    for (const record of sorted) {
      const shares = resolveRecord(resolver, record, 0);
      if (shares.size === 0) continue;
      fallback ??= shares;
      if (isHealthy(resolver, record, 0)) {
        chosen = shares;
        break;
      }
    }
    chosen ??= fallback;
    if (chosen !== undefined) add(result, chosen, 1 / clientRegions.length);
  }
  return result;
}
