import { isReadFailure } from '../domain/fleet/fleet.js';
import { planTotals, type Plan } from '../domain/plan/plan.js';
import { plan } from '../domain/plan/planner.js';
import type { ChangeBatch } from '../domain/dns/records.js';
import type { PlanScope } from '../domain/scope.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { ConflictError } from '../domain/errors.js';
import { metricsOf } from './metrics.js';
import type { Logger, MetricsSink, RegionReader, ZonePort } from './ports.js';
import { readWorld } from './read-world.js';

export interface ReconcileDeps {
  readonly zone: ZonePort;
  readonly readRegion: RegionReader;
  readonly log: Logger;
  readonly now: () => Date;
  /** Where the metrics of a non-dry run go; none when absent. */
  readonly metrics?: MetricsSink;
}

export interface ReconcileRequest {
  readonly spec: RebalancerSpec;
  readonly scope?: PlanScope;
  /** Plan only: read, plan, return; write nothing. */
  readonly dryRun?: boolean;
  readonly force?: boolean;
  /** What triggered it: lands in logs and in every ChangeBatch Comment. */
  readonly reason: string;
  /** Read-plan-write rounds when the zone changes under us; default 3. */
  readonly attempts?: number;
  readonly waitInSync?: boolean;
}

export interface ReconcileResult {
  readonly plan: Plan;
  /** Batches Route 53 accepted, in order. */
  readonly written: readonly ChangeBatch[];
  /** Rounds that lost a compare-and-swap to a concurrent change and re-planned. */
  readonly conflicts: number;
  /** Regions that could not be read (left as they were). */
  readonly readFailures: readonly string[];
  readonly inSync: boolean | undefined;
}

/**
 * read -> plan (pre-flighted) -> write. A batch rejected because the zone
 * changed since it was read (our DELETE no longer matches) means someone else
 * wrote: re-read and re-plan, a bounded number of times. Batches already
 * accepted stay: each one left the zone valid, and the next plan starts from
 * what is there.
 */
export async function reconcile(
  request: ReconcileRequest,
  deps: ReconcileDeps,
): Promise<ReconcileResult> {
  const started = deps.now();
  const attempts = request.attempts ?? 3;
  const written: ChangeBatch[] = [];
  let conflicts = 0;
  for (let round = 1; ; round++) {
    const world = await readWorld(request.spec, request.scope, deps.zone, deps.readRegion);
    const result = plan({
      spec: request.spec,
      records: world.records,
      regions: world.regions,
      scope: request.scope,
      force: request.force,
      reason: request.reason,
      now: deps.now().getTime(),
    });
    const readFailures = [...world.regions.values()].flatMap((r) =>
      isReadFailure(r) ? [`${r.region}: ${r.error}`] : [],
    );
    if (request.dryRun === true || result.changeBatches.length === 0) {
      return finish(
        request,
        deps,
        { plan: result, written, conflicts, readFailures, inSync: undefined },
        started,
      );
    }
    try {
      let changeId: string | undefined;
      for (const batch of result.changeBatches) {
        changeId = await deps.zone.changeRecords(batch);
        written.push(batch);
      }
      const inSync =
        request.waitInSync === true && changeId !== undefined
          ? await deps.zone.waitInSync(changeId)
          : undefined;
      return finish(
        request,
        deps,
        { plan: result, written, conflicts, readFailures, inSync },
        started,
      );
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      conflicts++;
      deps.log.log('warn', 'zone changed since it was read; re-reading', {
        round,
        reason: request.reason,
        error: error.message,
      });
      if (round >= attempts) {
        throw new ConflictError(
          `the zone kept changing while we wrote: gave up after ${attempts} rounds (${error.message})`,
          { cause: error },
        );
      }
    }
  }
}

function finish(
  request: ReconcileRequest,
  deps: ReconcileDeps,
  result: ReconcileResult,
  started: Date,
): ReconcileResult {
  const totals = planTotals(result.plan);
  deps.log.log(result.readFailures.length > 0 ? 'warn' : 'info', 'reconcile', {
    reason: request.reason,
    dryRun: request.dryRun === true,
    scope: request.scope ?? [],
    changes: totals.creates + totals.deletes,
    batchesWritten: result.written.length,
    conflicts: result.conflicts,
    readFailures: result.readFailures,
    durationMs: deps.now().getTime() - started.getTime(),
    regions: result.plan.services.flatMap((s) =>
      s.regions.map((r) => ({
        service: s.name,
        region: r.region,
        status: r.status,
        reasons: r.reasons,
        changes: r.changes.length,
      })),
    ),
    orphans: result.plan.orphans.length,
    warnings: result.plan.warnings,
  });
  if (deps.metrics !== undefined && request.dryRun !== true) publishSafely(deps, result);
  return result;
}

/** Metrics come after the writes: whatever goes wrong with them is logged, never thrown. */
function publishSafely(deps: ReconcileDeps, result: ReconcileResult): void {
  try {
    deps.metrics?.publish(metricsOf(result), deps.now());
  } catch (error) {
    deps.log.log('warn', 'metrics not published', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
