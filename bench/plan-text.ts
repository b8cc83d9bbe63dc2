/**
 * `npm run bench` part 4: printing a plan, as text and as JSON (`plan --json`),
 * for one region of 10k and 100k instances, through the CLI's own output
 * boundary (escaping included). The text tables are laid out in one pass to
 * measure and one to print, so text should cost about what JSON does (with
 * cli-table3 it was quadratic: 8,000 instances took 6.9 s). At 100k the region
 * exceeds Route 53's 10,000 weighted records and is skipped: the text is then
 * the 100k-row instance table, the JSON the 100k instances, with no changes.
 */
import { bufferIo } from '../cli/io.js';
import { printPlan } from '../cli/commands/plan.js';
import { plan } from '../shared/domain/plan/planner.js';
import { benchFleet, benchSpec } from './fleet.js';
import { median } from './median.js';

export interface PlanTextResult {
  readonly instances: number;
  readonly textMs: number;
  readonly jsonMs: number;
  readonly textMiB: number;
  readonly jsonMiB: number;
}

/** Median wall time of `print`, and the size of what it printed. */
function timePrint(print: (io: ReturnType<typeof bufferIo>) => void, runs: number) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const io = bufferIo();
    const start = performance.now();
    print(io);
    times.push(performance.now() - start);
    bytes = Buffer.byteLength(io.stdout());
  }
  return { ms: median(times), mib: bytes / 2 ** 20 };
}

export function benchPlanText(sizes = [10_000, 100_000], runs = 5): PlanTextResult[] {
  const spec = benchSpec(1, ['us-east-1']);
  const results = sizes.map((instances): PlanTextResult => {
    const result = plan({ spec, records: [], regions: benchFleet(spec, instances, 0) });
    const text = timePrint((io) => {
      printPlan(result, spec, false, io);
    }, runs);
    const json = timePrint((io) => {
      printPlan(result, spec, true, io);
    }, runs);
    return {
      instances,
      textMs: text.ms,
      jsonMs: json.ms,
      textMiB: text.mib,
      jsonMiB: json.mib,
    };
  });
  console.log(
    `\nPrinting a plan, text vs --json (one weighted region, empty zone; median of ${runs} runs; escaping included)`,
  );
  console.table(
    results.map((r) => ({
      instances: r.instances,
      'text ms': r.textMs.toFixed(0),
      'json ms': r.jsonMs.toFixed(0),
      'text / json': (r.textMs / r.jsonMs).toFixed(2),
      'text MiB': r.textMiB.toFixed(1),
      'json MiB': r.jsonMiB.toFixed(1),
    })),
  );
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1] as PlanTextResult;
    const b = results[i] as PlanTextResult;
    console.log(
      `  ${a.instances} -> ${b.instances} instances (x${(b.instances / a.instances).toFixed(0)}): text time x${(b.textMs / a.textMs).toFixed(1)}, JSON time x${(b.jsonMs / a.jsonMs).toFixed(1)}`,
    );
  }
  return results;
}
