/**
 * `npm run bench`: the live reconcile at 10k to 100k instances. The reconcile
 * runs in a fresh Node process per run (bench/live/child.ts, bundled as the
 * functions are) whose heap is capped at the function's memory, through the
 * real adapters and SDK clients, against a local server in this process
 * (bench/live/server.ts): DescribeInstances pages of 1,000 full-size
 * instances, DescribeInstanceStatus, ListResourceRecordSets pages of 300 of a
 * zone the previous reconcile wrote, ChangeResourceRecordSets. Then an event's
 * reconcile, scoped to one region. Printed per size: peak RSS, per instance,
 * against the memory the sizing table says to configure; durations; Route 53
 * calls of the full and the scoped reconcile; and one run at 256 MiB, refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { fleetCapacity, memoryFor } from '../shared/domain/fleet/sizing.js';
import { liveFleet, LIVE_REGIONS, LIVE_SERVICES } from './live/fleet.js';
import { startLiveServer, zoneAfter } from './live/server.js';
import { median } from './median.js';

interface ChildRun {
  readonly ms: number;
  readonly cpuMs?: number;
  /** From the start of the reconcile to its first ChangeResourceRecordSets. */
  readonly firstBatchMs?: number;
  readonly route53Calls?: number;
  readonly batches?: number;
  readonly changes?: number;
  readonly refused?: string;
}
interface ChildResult {
  readonly full: ChildRun;
  readonly event?: ChildRun;
  readonly peakRssMiB: number;
}

export interface LiveResult {
  readonly instances: number;
  readonly memoryMiB: number;
  readonly peakRssMiB: number;
  readonly kibPerInstance: number;
  readonly fullMs: number;
  readonly fullCpuMs: number;
  readonly eventFirstBatchMs: number;
  readonly fullRoute53Calls: number;
  readonly eventRoute53Calls: number;
  readonly eventMs: number;
  readonly records: number;
  readonly regionRecords: number;
}

async function bundleChild(dir: string): Promise<string> {
  const file = join(dir, 'child.mjs');
  await build({
    entryPoints: ['bench/live/child.ts'],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: {
      js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return file;
}

/** One run of the child against a server for this fleet; the server runs in this process. */
function runChild(file: string, url: string, memoryMiB: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...extra, `--max-old-space-size=${memoryMiB}`, file], {
      env: {
        ...process.env,
        BENCH_URL: url,
        BENCH_MEMORY_MIB: String(memoryMiB),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      if (code !== 0)
        reject(new Error(`live bench child (${memoryMiB} MiB): exit ${code}\n${err}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as ChildResult);
    });
  });
}

async function benchSize(file: string, instances: number, memoryMiB: number, runs: number) {
  const zone = zoneAfter(liveFleet(instances, 0));
  const fleet = liveFleet(instances, 1);
  const server = await startLiveServer(fleet, zone);
  try {
    const results: ChildResult[] = [];
    for (let i = 0; i < runs; i++) results.push(await runChild(file, server.url, memoryMiB));
    const regionRecords = zone
      .records()
      .filter((r) => r.Name.includes(`${LIVE_REGIONS[0] ?? ''}.svc`)).length;
    return { results, records: zone.records().length, regionRecords };
  } finally {
    await server.close();
  }
}

/** Route 53's account-wide limit: each call takes at least this long in a busy account. */
const ROUTE53_SECONDS_PER_CALL = 1 / 5;

/** Seconds of a reconcile as Lambda would see it: what it took here, and Route 53 at 5 requests/s. */
function modelled(ms: number, route53Calls: number): number {
  return ms / 1000 + route53Calls * ROUTE53_SECONDS_PER_CALL;
}

/**
 * Event -> first batch submitted, worst case, when the event arrives just as
 * the scheduled reconcile starts: the batching window, then what is ahead of
 * it in the zone's FIFO group, then its own reconcile up to its first batch.
 * Before, ahead was the whole-zone reconcile; now it is one slice (a region,
 * measured as the event's own scoped reconcile: the same scope).
 */
function printEventWait(rows: readonly LiveResult[], windowSeconds: number): void {
  console.log(
    `  Event -> first batch submitted, worst case (batching window ${windowSeconds} s + what is ahead in the FIFO group + the event's reconcile to its first write; Route 53 at 5 requests/s):`,
  );
  console.table(
    rows.map((r) => {
      const full = modelled(r.fullMs, r.fullRoute53Calls);
      const slice = modelled(r.eventMs, r.eventRoute53Calls);
      const own = modelled(r.eventFirstBatchMs, r.eventRoute53Calls);
      const before = windowSeconds + full + own;
      const after = windowSeconds + slice + own;
      return {
        instances: r.instances,
        'whole-zone reconcile s': full.toFixed(0),
        'one slice (region) s': slice.toFixed(0),
        'behind whole zone s': before.toFixed(0),
        'behind one slice s': after.toFixed(0),
        ratio: `x${(after / before).toFixed(2)}`,
      };
    }),
  );
}

/** Three runs up to 20k; one above, where a run takes minutes on a shared machine. */
const RUNS = (instances: number): number => (instances <= 20_000 ? 3 : 1);

export async function benchLive(
  sizes: readonly number[] = [10_000, 20_000, 50_000, 100_000],
  runs: (instances: number) => number = RUNS,
  windowSeconds = 20,
): Promise<LiveResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rebalancer-live-'));
  try {
    const file = await bundleChild(dir);
    const rows: LiveResult[] = [];
    for (const instances of sizes) {
      const memoryMiB = memoryFor(instances);
      const { results, records, regionRecords } = await benchSize(
        file,
        instances,
        memoryMiB,
        runs(instances),
      );
      const refused = results.find((r) => r.full.refused !== undefined);
      if (refused !== undefined)
        throw new Error(`refused at ${instances}: ${refused.full.refused}`);
      const peak = median(results.map((r) => r.peakRssMiB));
      rows.push({
        instances,
        memoryMiB,
        peakRssMiB: peak,
        kibPerInstance: (peak * 1024) / instances,
        fullMs: median(results.map((r) => r.full.ms)),
        fullCpuMs: median(results.map((r) => r.full.cpuMs ?? 0)),
        eventFirstBatchMs: median(results.map((r) => r.event?.firstBatchMs ?? r.event?.ms ?? 0)),
        fullRoute53Calls: median(results.map((r) => r.full.route53Calls ?? 0)),
        eventRoute53Calls: median(results.map((r) => r.event?.route53Calls ?? 0)),
        eventMs: median(results.map((r) => r.event?.ms ?? 0)),
        records,
        regionRecords,
      });
    }
    console.log(
      `\nLive reconcile (${LIVE_SERVICES} services x ${LIVE_REGIONS.length} regions; real adapters and SDK clients against a local EC2 + Route 53 server; fresh process per run, --max-old-space-size = memory; median of ${sizes.map(runs).join('/')} runs)`,
    );
    console.table(
      rows.map((r) => ({
        instances: r.instances,
        'memory MiB': r.memoryMiB,
        'peak RSS MiB': r.peakRssMiB.toFixed(0),
        'RSS / memory': `x${(r.peakRssMiB / r.memoryMiB).toFixed(2)}`,
        'KiB / instance': r.kibPerInstance.toFixed(2),
        'full ms': r.fullMs.toFixed(0),
        'full CPU ms': r.fullCpuMs.toFixed(0),
        'R53 calls full': r.fullRoute53Calls,
        records: r.records,
        'R53 calls 1-region event': r.eventRoute53Calls,
        // Per service: its region's records in pages of 300, and the page at its latency name.
        'expected ≈ records/300 + 1 per service': (r.regionRecords / 300 + LIVE_SERVICES).toFixed(
          1,
        ),
        'event ms': r.eventMs.toFixed(0),
      })),
    );
    printEventWait(rows, windowSeconds);
    const largest = sizes[sizes.length - 1] ?? 100_000;
    const small = 256;
    const { results } = await benchSize(file, largest, small, 1);
    console.log(
      `  ${largest} instances at ${small} MiB (fits ${fleetCapacity(small)}): ${results[0]?.full.refused ?? 'NOT refused'}; peak RSS ${results[0]?.peakRssMiB.toFixed(0)} MiB`,
    );
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
