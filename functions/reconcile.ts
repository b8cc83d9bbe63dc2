import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { RebalancerSpec } from '../shared/domain/spec.js';
import { reconcileEnvironment } from '../shared/runtime/live-aws.js';
import { logFailures } from '../shared/runtime/middleware.js';
import { reconcile, type ReconcileDeps } from '../shared/app/reconcile.js';
import { mergeWork, parseWorkItem, type WorkItem } from '../shared/app/work.js';

export interface ReconcileHandlerDeps extends ReconcileDeps {
  readonly spec: () => Promise<RebalancerSpec>;
}

/**
 * The one writer. SQS FIFO hands it the work of one hosted zone a batch at a
 * time; the batch is merged into one reconcile. When a region could not be
 * read, the batch is reported failed so SQS retries it (and dead-letters it if
 * the region stays unreadable); what could be done was done.
 */
export async function handleReconcile(
  event: SQSEvent,
  deps: ReconcileHandlerDeps,
): Promise<SQSBatchResponse> {
  const items: WorkItem[] = [];
  const failures: string[] = [];
  for (const record of event.Records) {
    try {
      items.push(
        parseWorkItem(JSON.parse(record.body) as unknown, `work item ${record.messageId}`),
      );
    } catch (error) {
      deps.log.log('error', 'unusable work item', {
        messageId: record.messageId,
        error: error instanceof Error ? error.message : String(error),
      });
      failures.push(record.messageId);
    }
  }
  if (items.length > 0) {
    const work = mergeWork(items);
    const result = await reconcile(
      { spec: await deps.spec(), scope: work.scope, reason: work.reason },
      deps,
    );
    if (result.readFailures.length > 0)
      return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
  }
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}

const live = reconcileEnvironment();
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(logFailures(live.log))
  .handler(async (event) => handleReconcile(event, await live.reconcileDeps()));
