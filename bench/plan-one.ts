/**
 * One benchmark process: plans `total` instances (20 regions x 50 services)
 * from an empty zone and again against a zone a tenth different, `runs`
 * times each, and prints medians and peak memory as JSON.
 */
import { plan } from '../shared/domain/plan/planner.js';
import { createHostedZone } from '../shared/domain/dns/zone/index.js';
import { benchFleet, benchSpec, BENCH_REGIONS } from './fleet.js';
import { median } from './median.js';

const total = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 7);
const spec = benchSpec(50, BENCH_REGIONS);

function time(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const before = benchFleet(spec, total, 0);
const after = benchFleet(spec, total, 1);
const zone = createHostedZone({ zoneId: spec.hostedZoneId });
const first = plan({ spec, records: [], regions: before });
for (const batch of first.changeBatches) zone.apply(batch);
const records = zone.records();
const baseline = process.memoryUsage().rss;

const cold: number[] = [];
const steady: number[] = [];
let changes = 0;
for (let i = 0; i < runs + 5; i++) {
  const c = time(() => plan({ spec, records: [], regions: before }));
  let result: ReturnType<typeof plan> | undefined;
  const s = time(() => (result = plan({ spec, records, regions: after })));
  changes = result?.changeBatches.reduce((n, b) => n + b.Changes.length, 0) ?? 0;
  if (i >= 5) {
    cold.push(c);
    steady.push(s);
  }
}
const peak = process.resourceUsage().maxRSS * 1024;
console.log(
  JSON.stringify({
    instances: total,
    records: records.length,
    steadyChanges: changes,
    coldMs: median(cold),
    steadyMs: median(steady),
    peakRssMiB: peak / 2 ** 20,
    planRssGrowthMiB: Math.max(0, peak - baseline) / 2 ** 20,
  }),
);
