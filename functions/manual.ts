import { planSummary, type PlanSummary } from '../shared/app/plan-view.js';
import { reconcile } from '../shared/app/reconcile.js';
import { writtenSummary, type WrittenBatch } from '../shared/app/reconcile-log.js';
import { parseInvokePayload } from '../shared/formats/invoke-payload.js';
import { lambdaHandler } from '../shared/runtime/middleware.js';
import { writerEnvironment, type WriterDeps } from '../shared/runtime/writer-env.js';

export type ManualDeps = WriterDeps;

export interface ManualResponse {
  readonly dryRun: boolean;
  /** What was planned: per region the instances, weights, shares and status. */
  readonly summary: Omit<PlanSummary, 'changeBatches'>;
  /** The batches, as ChangeResourceRecordSets takes them: planned (dry run) or written. */
  readonly changeBatches: PlanSummary['changeBatches'];
  readonly batchesWritten: number;
  /** The batches Route 53 accepted, in order (none on a dry run). */
  readonly written: readonly WrittenBatch[];
  readonly conflicts: number;
  readonly readFailures: readonly string[];
}

/**
 * Rebalance now: `{"service": "api", "region": "us-east-2", "dryRun": true}`,
 * every key optional. A dry run reads and plans only and returns the batches.
 * Writes go straight to Route 53, beside the queued writer: the zone is read
 * before the fleet and every write is compare-and-swap, so neither can undo
 * what the other wrote from a newer read (see shared/app/read-world.ts). A
 * batch Route 53 rejects fails the invocation, saying which batches were
 * written before it.
 */
export async function handleManual(payload: unknown, deps: ManualDeps): Promise<ManualResponse> {
  const spec = await deps.spec();
  const request = parseInvokePayload(payload, spec);
  const result = await reconcile(
    {
      spec,
      scope: request.scope,
      dryRun: request.dryRun,
      force: request.force,
      reason: request.dryRun ? 'manual dry run' : 'manual invoke',
    },
    deps,
  );
  const { changeBatches, ...summary } = planSummary(result.plan);
  return {
    dryRun: request.dryRun,
    summary,
    changeBatches: request.dryRun ? changeBatches : result.written,
    batchesWritten: result.written.length,
    written: writtenSummary(result.written),
    conflicts: result.conflicts,
    readFailures: result.readFailures,
  };
}

const live = writerEnvironment();
export const handler = lambdaHandler<unknown, ManualResponse>(live.logger, async (payload) =>
  handleManual(payload, await live.deps()),
);
