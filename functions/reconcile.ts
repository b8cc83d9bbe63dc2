import type { SQSBatchResponse } from 'aws-lambda';
import { reconcileQueued, type QueuedWorkDeps } from '../shared/app/queued-work.js';
import { parseSqsEvent } from '../shared/formats/sqs-event.js';
import { lambdaHandler } from '../shared/runtime/middleware.js';
import { reconcileEnvironment } from '../shared/runtime/reconcile-env.js';

export type ReconcileHandlerDeps = QueuedWorkDeps;

/**
 * The one writer. SQS FIFO hands it the work of one hosted zone a batch at a
 * time; the batch is merged into one reconcile and acknowledged. Regions that
 * could not be read go back as a new, delayed item of their own (see
 * shared/app/queued-work.ts); messages that are not work items are handed back.
 */
export async function handleReconcile(
  event: unknown,
  deps: ReconcileHandlerDeps,
): Promise<SQSBatchResponse> {
  const failures = await reconcileQueued(parseSqsEvent(event, 'reconcile event'), deps);
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}

const live = reconcileEnvironment();
export const handler = lambdaHandler<unknown, SQSBatchResponse>(live.logger, async (event) =>
  handleReconcile(event, await live.deps()),
);
