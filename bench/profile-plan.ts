/**
 * Planning alone, for a CPU profile of one shape and size:
 *   npx esbuild bench/profile-plan.ts --bundle --platform=node --format=esm --outfile=/tmp/p.mjs
 *   node --cpu-prof /tmp/p.mjs weighted 40000 steady 10
 * The fleets and the converged zone are built before the profiled loop starts.
 */
import { plan } from '../shared/domain/plan/planner.js';
import { createHostedZone } from '../shared/domain/dns/zone/index.js';
import type { ResourceRecordSet } from '../shared/domain/dns/records.js';
import { shapeFleet, shapeNamed } from './shapes.js';

const shape = shapeNamed(process.argv[2] ?? 'weighted');
const total = Number(process.argv[3] ?? 40_000);
const steady = (process.argv[4] ?? 'steady') === 'steady';
const runs = Number(process.argv[5] ?? 10);
const { spec } = shape;

const before = shapeFleet(shape, total, 0);
const after = shapeFleet(shape, total, 1);
const zone = createHostedZone({ zoneId: spec.hostedZoneId });
for (const batch of plan({ spec, records: [], regions: before }).changeBatches) zone.apply(batch);
const records = JSON.parse(JSON.stringify(zone.records())) as ResourceRecordSet[];
const start = performance.now();
const cpu = process.cpuUsage();
for (let i = 0; i < runs; i++)
  plan(steady ? { spec, records, regions: after } : { spec, records: [], regions: before });
const used = process.cpuUsage(cpu);
const perPlan = (ms: number) => (ms / runs).toFixed(1);
console.log(
  `${shape.name} ${total} ${steady ? 'steady' : 'empty zone'}: ${perPlan(performance.now() - start)} ms a plan, ${perPlan((used.user + used.system) / 1000)} ms of CPU`,
);
