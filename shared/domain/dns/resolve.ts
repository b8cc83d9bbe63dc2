import { normalizeName } from './names.js';
import { recordValues, routingPolicy, rrsetKey, type ResourceRecordSet } from './records.js';

/**
 * Who gets the traffic, worked out from the records alone, the way Route 53
 * answers: the latency record of the client's region (or, when that region
 * has none or it leads nowhere, the nearest region that has one), then a
 * weighted choice (weight / sum; all zero: equal), following aliases within
 * the zone, down to values; a multi-value answer spreads evenly over its
 * values. No health checks are modelled beyond that: records without health
 * checks count as healthy, as they do in Route 53. It never looks at what the
 * planner meant, so comparing the two proves the records do what was planned.
 */

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

function resolveSet(
  index: Map<string, ResourceRecordSet[]>,
  records: readonly ResourceRecordSet[],
  zoneId: string,
  depth: number,
): Shares {
  const result = new Map<string, number>();
  const [first] = records;
  if (first === undefined) return result;
  const weighted = routingPolicy(first) === 'weighted';
  const answers = records
    .map((record) => ({ record, shares: resolveRecord(index, record, zoneId, depth) }))
    .filter((a) => a.shares.size > 0);
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

function resolveRecord(
  index: Map<string, ResourceRecordSet[]>,
  record: ResourceRecordSet,
  zoneId: string,
  depth: number,
): Shares {
  const alias = record.AliasTarget;
  if (alias === undefined) {
    const values = recordValues(record);
    return new Map(values.map((value) => [value, 1 / values.length]));
  }
  if (depth >= MAX_ALIAS_DEPTH || alias.HostedZoneId.replace(/^\/hostedzone\//, '') !== zoneId)
    return new Map();
  const target =
    index.get(rrsetKey({ Name: normalizeName(alias.DNSName), Type: record.Type })) ?? [];
  return resolveSet(index, target, zoneId, depth + 1);
}

/**
 * The share of all answers for `name` each value gets, with one equal client
 * population in each of `clientRegions`.
 */
export function resolveShares(
  records: readonly ResourceRecordSet[],
  zoneId: string,
  name: string,
  type: string,
  clientRegions: readonly string[],
): Shares {
  const index = indexRecords(records);
  const latency = (index.get(rrsetKey({ Name: name, Type: type })) ?? []).filter(
    (r) => r.Region !== undefined,
  );
  const result = new Map<string, number>();
  for (const client of clientRegions) {
    const candidates = [...latency].sort(
      (a, b) =>
        regionDistance(client, a.Region ?? '') - regionDistance(client, b.Region ?? '') ||
        (a.Region ?? '').localeCompare(b.Region ?? ''),
    );
    for (const record of candidates) {
      const shares = resolveRecord(index, record, zoneId, 0);
      if (shares.size === 0) continue;
      add(result, shares, 1 / clientRegions.length);
      break;
    }
  }
  return result;
}
