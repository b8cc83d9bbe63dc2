import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { reconcile } from '../shared/app/reconcile.js';
import { mergeWork } from '../shared/app/work.js';
import type { WorkItem } from '../shared/domain/scope.js';
import { parseWorkItem } from '../shared/formats/work-item.js';
import { lambdaHandler } from '../shared/runtime/middleware.js';
import { writerEnvironment, type WriterDeps } from '../shared/runtime/writer-env.js';

export type ReconcileHandlerDeps = WriterDeps;

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

const live = writerEnvironment();
export const handler = lambdaHandler<SQSEvent, SQSBatchResponse>(live.logger, async (event) =>
  handleReconcile(event, await live.deps()),
);
