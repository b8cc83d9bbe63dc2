import { planSummary, type PlanSummary } from '../shared/app/plan-view.js';
import { reconcile } from '../shared/app/reconcile.js';
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
  readonly conflicts: number;
  readonly readFailures: readonly string[];
}

/**
 * Rebalance now: `{"service": "api", "region": "us-east-2", "dryRun": true}`,
 * every key optional. A dry run reads and plans only and returns the batches.
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
    conflicts: result.conflicts,
    readFailures: result.readFailures,
  };
}

const live = writerEnvironment();
export const handler = lambdaHandler<unknown, ManualResponse>(live.logger, async (payload) =>
  handleManual(payload, await live.deps()),
);
