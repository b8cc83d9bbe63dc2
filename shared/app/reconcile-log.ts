import { planTotals } from '../domain/plan/plan.js';
import type { ChangeBatch } from '../domain/dns/records.js';
import type { ReconcileDeps, ReconcileRequest, ReconcileResult } from './reconcile-types.js';

/** The batch a failed write stopped at, in the reconcile log line. */
export interface FailedBatch {
  /** 1-based, within the round's plan. */
  readonly index: number;
  readonly of: number;
  readonly comment: string;
  /** Route 53's message (or the call's error). */
  readonly message: string;
}

/** What the log line and the manual response say of each batch written. */
export interface WrittenBatch {
  readonly comment: string;
  readonly changes: number;
}

/** The accepted batches, in order, by comment and number of changes. */
export function writtenSummary(batches: readonly ChangeBatch[]): WrittenBatch[] {
  return batches.map((b) => ({ comment: b.Comment ?? '', changes: b.Changes.length }));
}

/** The one line per reconcile, written whether it succeeded or stopped at a batch. */
export function logReconcile(
  request: ReconcileRequest,
  deps: ReconcileDeps,
  result: ReconcileResult,
  started: Date,
  failedBatch: FailedBatch | undefined,
): void {
  const totals = planTotals(result.plan);
  const level =
    failedBatch !== undefined ? 'error' : result.readFailures.length > 0 ? 'warn' : 'info';
  deps.log.log(level, 'reconcile', {
    reason: request.reason,
    dryRun: request.dryRun === true,
    scope: request.scope ?? [],
    changes: totals.creates + totals.deletes,
    batchesWritten: result.written.length,
    written: writtenSummary(result.written),
    failedBatch: failedBatch ?? null,
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
    healthChecks: result.healthChecks ?? null,
    warnings: result.plan.warnings,
  });
}
