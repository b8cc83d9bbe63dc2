/**
 * One process measuring what a plan allocates, from an empty zone and against
 * a zone a tenth different. Run it with a young generation larger than any
 * plan (node --expose-gc --min-semi-space-size=N --max-semi-space-size=N, N in
 * MiB): after a full collection no collection then runs inside the plan, so
 * the heap's growth across it is what it allocated. A plan during which a
 * collection ran anyway is not counted (and reported). Prints JSON.
 */
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { plan } from '../shared/domain/plan/planner.js';
import { median } from './median.js';
import { copied, read, zoneAfter } from './plan-inputs.js';
import { shapeFleet, shapeNamed } from './shapes.js';

const shape = shapeNamed(process.argv[2] ?? 'many');
const total = Number(process.argv[3] ?? 10_000);
const runs = Number(process.argv[4] ?? 3);
const { spec } = shape;
const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('run with node --expose-gc');

const collections: PerformanceEntry[] = [];
const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
observer.observe({ entryTypes: ['gc'] });
/**
 * The collections so far: their entries are queued on the event loop after
 * the collection and delivered later still, so they are taken from the
 * observer's buffer once the loop has turned.
 */
async function heard(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  collections.push(...observer.takeRecords());
}

const before = shapeFleet(shape, total, 0);
const after = shapeFleet(shape, total, 1);
const first = plan({ spec, records: [], regions: before });
const records = copied(zoneAfter(spec.hostedZoneId, first.changeBatches));

interface Measured {
  /** Bytes, one per plan during which no collection ran. */
  readonly bytes: number[];
  /** Plans during which one ran anyway. */
  disturbed: number;
}

/** Heap growth across each plan, its inputs made before and its result kept until after. */
async function allocation(steady: boolean): Promise<Measured> {
  const measured: Measured = { bytes: [], disturbed: 0 };
  for (let i = 0; i < runs + 2; i++) {
    const regions = read(steady ? after : before);
    collect?.();
    await heard();
    const start = performance.now();
    const heap = process.memoryUsage().heapUsed;
    const made = plan({ spec, records: steady ? records : [], regions });
    const grown = process.memoryUsage().heapUsed - heap;
    const end = performance.now();
    await heard();
    if (made.changeBatches.length === 0 && !steady)
      throw new Error('an empty-zone plan made no change');
    if (i < 2) continue;
    if (collections.some((c) => c.startTime >= start && c.startTime <= end)) measured.disturbed++;
    else measured.bytes.push(grown);
  }
  return measured;
}

const cold = await allocation(false);
const steady = await allocation(true);
observer.disconnect();
const mib = (m: Measured) => (m.bytes.length === 0 ? undefined : median(m.bytes) / 2 ** 20);
console.log(
  JSON.stringify({
    shape: shape.name,
    instances: total,
    coldMiB: mib(cold),
    steadyMiB: mib(steady),
    disturbed: cold.disturbed + steady.disturbed,
  }),
);
