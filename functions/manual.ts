import middy from '@middy/core';
import type { RebalancerSpec } from '../shared/domain/spec.js';
import { parseInvokePayload } from '../shared/formats/invoke-payload.js';
import { reconcileEnvironment } from '../shared/runtime/live-aws.js';
import { logFailures } from '../shared/runtime/middleware.js';
import { planSummary, type PlanSummary } from '../shared/app/plan-view.js';
import { reconcile, type ReconcileDeps } from '../shared/app/reconcile.js';

export interface ManualDeps extends ReconcileDeps {
  readonly spec: () => Promise<RebalancerSpec>;
}

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

const live = reconcileEnvironment();
export const handler = middy<unknown, ManualResponse>()
  .use(logFailures(live.log))
  .handler(async (payload) => handleManual(payload, await live.manualDeps()));
