import { isReadFailure } from '../domain/fleet/fleet.js';
import { regionsInScope } from '../domain/plan/roots.js';
import type { ChangeBatch } from '../domain/dns/records.js';
import { BatchRejectedError, ConflictError, FleetTooLargeError } from '../domain/errors.js';
import { sizingProblem } from '../domain/fleet/sizing.js';
import { createBudget, finishChecks, planWithChecks, readHealthChecks } from './health-checks.js';
import { metricsOf, publishSafely } from './metrics.js';
import { readWorld, type World } from './read-world.js';
import { logReconcile, type FailedBatch } from './reconcile-log.js';
import type {
  ReconcileDeps,
  ReconcileRequest,
  ReconcileResult,
  ServiceRegion,
} from './reconcile-types.js';

export type {
  ReconcileDeps,
  ReconcileRequest,
  ReconcileResult,
  ServiceRegion,
} from './reconcile-types.js';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * read -> plan (pre-flighted) -> write. A batch rejected because the zone
 * changed since it was read (our DELETE no longer matches) means someone else
 * wrote: re-read and re-plan, a bounded number of times. Batches already
 * accepted stay: each one left the zone valid, and the next plan starts from
 * what is there. Any other rejection ends the reconcile with a
 * BatchRejectedError saying what was written before it; the log line says it too.
 */
export async function reconcile(
  request: ReconcileRequest,
  deps: ReconcileDeps,
): Promise<ReconcileResult> {
  const started = deps.now();
  const attempts = request.attempts ?? 3;
  const written: ChangeBatch[] = [];
  let conflicts = 0;
  const budget = createBudget();
  const dryRun = request.dryRun === true;
  for (let round = 1; ; round++) {
    const world = await readSized(request, deps);
    const checks = await readHealthChecks(request.spec, deps.healthChecks, deps.log);
    const planned = await planWithChecks(
      {
        spec: request.spec,
        records: world.records,
        regions: world.regions,
        scope: request.scope,
        force: request.force,
        reason: request.reason,
        now: deps.now().getTime(),
        ...(request.notices !== undefined && { notices: request.notices }),
        ...(request.launching !== undefined && { launching: request.launching }),
        ...(checks !== undefined && { healthChecks: checks }),
      },
      deps.healthChecks,
      budget,
      dryRun,
      deps.log,
    );
    const result = planned.plan;
    const outcome = {
      plan: result,
      written,
      conflicts,
      ...unreadIn(request, world),
      orphansSeen: result.orphansRead,
    };
    if (dryRun || result.changeBatches.length === 0) {
      const healthChecks = await finishChecks(
        result,
        planned,
        deps.healthChecks,
        !dryRun,
        deps.log,
      );
      return finish(request, deps, { ...outcome, inSync: undefined, healthChecks }, started);
    }
    const at: FailedBatch = { index: 0, of: result.changeBatches.length, comment: '', message: '' };
    try {
      const { inSync, changeId } = await writeAll(result.changeBatches, written, at, request, deps);
      // Detach before delete: only once the records that stopped naming them are in sync.
      const healthChecks = await finishChecks(
        result,
        planned,
        deps.healthChecks,
        inSync === true,
        deps.log,
      );
      return finish(
        request,
        deps,
        { ...outcome, inSync, lastChangeId: changeId, healthChecks },
        started,
      );
    } catch (error) {
      // A failure after the last batch (waiting for INSYNC) names no batch.
      const failed =
        at.index === 0
          ? undefined
          : {
              ...at,
              message: describe(error instanceof BatchRejectedError ? error.cause : error),
            };
      if (!(error instanceof ConflictError)) {
        logReconcile(request, deps, { ...outcome, inSync: undefined }, started, failed);
        throw error;
      }
      conflicts++;
      deps.log.log('warn', 'zone changed since it was read; re-reading', {
        round,
        reason: request.reason,
        error: error.message,
      });
      if (round >= attempts) {
        logReconcile(request, deps, { ...outcome, conflicts, inSync: undefined }, started, failed);
        throw new ConflictError(
          `the zone kept changing while we wrote: gave up after ${attempts} rounds (${error.message})`,
          { cause: error },
        );
      }
    }
  }
}

/**
 * The world, read with a check after the zone and after each region: when the
 * configured memory (deps.memoryMiB) cannot hold what was read so far, the
 * reconcile stops there, before planning and writing anything, and says what
 * to configure (a log line and the FleetTooLarge metric), instead of running
 * out of memory halfway through.
 */
async function readSized(request: ReconcileRequest, deps: ReconcileDeps): Promise<World> {
  const memoryMiB = deps.memoryMiB;
  const check =
    memoryMiB === undefined
      ? undefined
      : (instances: number, records: number) => {
          const problem = sizingProblem(instances, records, memoryMiB);
          if (problem !== undefined)
            throw new FleetTooLargeError(instances, records, memoryMiB, problem);
        };
  try {
    return await readWorld(request.spec, request.scope, deps.zone, deps.readRegion, {
      ...(check !== undefined && { check }),
    });
  } catch (error) {
    if (error instanceof FleetTooLargeError) {
      deps.log.log('error', 'reconcile refused: the fleet does not fit in memory', {
        reason: request.reason,
        instances: error.instances,
        records: error.records,
        memoryMiB: error.memoryMiB,
        error: error.message,
      });
      const point = { name: 'FleetTooLarge', value: 1, unit: 'Count', dimensions: {} } as const;
      if (deps.metrics !== undefined) publishSafely(deps.metrics, deps.log, [point], deps.now());
    }
    throw error;
  }
}

/** The regions that could not be read, and their units in scope. */
function unreadIn(
  request: ReconcileRequest,
  world: World,
): { readFailures: string[]; unread: ServiceRegion[] } {
  const readFailures: string[] = [];
  const unread: ServiceRegion[] = [];
  for (const [region, services] of regionsInScope(request.spec, request.scope)) {
    const read = world.regions.get(region);
    if (read === undefined || !isReadFailure(read)) continue;
    readFailures.push(`${region}: ${read.error}`);
    unread.push(...services.map((s) => ({ service: s.name, region })));
  }
  return { readFailures, unread };
}

/**
 * Sends the batches in order, pushing each accepted one onto `written` and
 * keeping `at` on the one being sent (index 0 once all are accepted); a stale
 * one throws its ConflictError, any other refusal a BatchRejectedError.
 */
async function writeAll(
  batches: readonly ChangeBatch[],
  written: ChangeBatch[],
  at: { index: number; comment: string },
  request: ReconcileRequest,
  deps: ReconcileDeps,
): Promise<{ inSync: boolean | undefined; changeId: string | undefined }> {
  let changeId: string | undefined;
  for (const [i, batch] of batches.entries()) {
    at.index = i + 1;
    at.comment = batch.Comment ?? '';
    try {
      changeId = await deps.zone.changeRecords(batch);
    } catch (error) {
      if (error instanceof ConflictError) throw error;
      throw new BatchRejectedError(i + 1, batches.length, at.comment, written.length, error);
    }
    written.push(batch);
  }
  at.index = 0;
  const inSync =
    request.waitInSync === true && changeId !== undefined
      ? await deps.zone.waitInSync(changeId)
      : undefined;
  return { inSync, changeId };
}

function finish(
  request: ReconcileRequest,
  deps: ReconcileDeps,
  result: ReconcileResult,
  started: Date,
): ReconcileResult {
  logReconcile(request, deps, result, started, undefined);
  if (deps.metrics !== undefined && request.dryRun !== true)
    publishSafely(deps.metrics, deps.log, metricsOf(result), deps.now());
  return result;
}
