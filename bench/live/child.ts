/**
 * The reconcile under test in the live bench, run in a fresh Node process with
 * the heap of the function's memory (bench/live.ts bundles and starts it):
 * the real adapters and SDK clients against the bench's local server, one
 * full reconcile, then one reconcile scoped to a region, as an event makes.
 * Prints one JSON line.
 */
import { readRegionObservation } from '../../shared/app/read-region.js';
import { reconcile, type ReconcileDeps } from '../../shared/app/reconcile.js';
import { silentLogger } from '../../shared/app/log.js';
import { ec2Client, route53Client } from '../../shared/aws/clients.js';
import { createEc2Adapter } from '../../shared/aws/ec2.js';
import { createRoute53Adapter } from '../../shared/aws/route53.js';
import { FleetTooLargeError } from '../../shared/domain/errors.js';
import { liveSpec, LIVE_ZONE_ID } from './fleet.js';

const url = process.env.BENCH_URL ?? '';
const memoryMiB = Number(process.env.BENCH_MEMORY_MIB ?? '0');
const eventRegion = process.env.BENCH_EVENT_REGION ?? 'us-east-1';
const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };

const spec = liveSpec();
const route53 = createRoute53Adapter(route53Client({ endpoint: url, credentials }), {
  hostedZoneId: LIVE_ZONE_ID,
});
const ec2 = new Map(
  [...new Set(spec.services.flatMap((s) => s.regions.map((r) => r.region)))].map((region) => [
    region,
    createEc2Adapter(ec2Client(region, { endpoint: url, credentials }), region),
  ]),
);
const noAlarms = { alarmsInAlarm: () => Promise.reject(new Error('no alarm prefix configured')) };
/** When the current run sent its first batch (ms since it started), if it did. */
let firstBatch: { start: number; at: number | undefined } = { start: 0, at: undefined };
const deps: ReconcileDeps = {
  zone: {
    readRecords: (roots, names) => route53.readRecords(roots, names),
    changeRecords: (batch) => {
      firstBatch.at ??= performance.now() - firstBatch.start;
      return route53.changeRecords(batch);
    },
    waitInSync: () => Promise.resolve(true),
  },
  readRegion: (region, services) => {
    const adapter = ec2.get(region);
    if (adapter === undefined) throw new Error(`no EC2 adapter for ${region}`);
    return readRegionObservation(services, adapter, noAlarms, region);
  },
  log: silentLogger,
  now: () => new Date(Date.UTC(2026, 11, 1)),
  memoryMiB,
};

async function timed(scope: { region: string }[] | undefined) {
  const calls = route53.calls();
  const started = performance.now();
  const cpu = process.cpuUsage();
  firstBatch = { start: started, at: undefined };
  try {
    const result = await reconcile({ spec, scope, reason: 'bench' }, deps);
    const used = process.cpuUsage(cpu);
    return {
      ms: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
      firstBatchMs: firstBatch.at,
      route53Calls: route53.calls() - calls,
      batches: result.written.length,
      changes: result.written.reduce((n, b) => n + b.Changes.length, 0),
      refused: undefined,
    };
  } catch (error) {
    if (!(error instanceof FleetTooLargeError)) throw error;
    return { ms: performance.now() - started, refused: error.message };
  }
}

const full = await timed(undefined);
const rssAfterFull = process.resourceUsage().maxRSS / 1024;
const event = full.refused === undefined ? await timed([{ region: eventRegion }]) : undefined;
console.log(
  JSON.stringify({
    full,
    event,
    peakRssMiB: rssAfterFull,
    finalRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
