import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { intake } from '../shared/app/intake.js';
import { lambdaHandler } from '../shared/runtime/middleware.js';
import { queueEnvironment, type QueueDeps } from '../shared/runtime/queue-env.js';

export type IntakeDeps = QueueDeps;

/**
 * EC2, Auto Scaling and CloudWatch events, batched by SQS over a window:
 * the whole batch becomes one work item for the writer. Unusable messages are
 * reported back (retried, then dead-lettered); the rest are done.
 */
export async function handleIntake(
  event: SQSEvent,
  context: Pick<Context, 'awsRequestId'>,
  deps: IntakeDeps,
): Promise<SQSBatchResponse> {
  const result = intake(
    event.Records.map((r) => ({ messageId: r.messageId, body: r.body })),
    await deps.spec(),
  );
  for (const failure of result.failures) deps.log.log('error', 'unusable event', { ...failure });
  if (result.ignored.length > 0)
    deps.log.log('info', 'events ignored', { ignored: result.ignored });
  if (result.item !== undefined) {
    await deps.queue.send(result.item, context.awsRequestId);
    deps.log.log('info', 'work queued', { ...result.item, messages: event.Records.length });
  }
  return { batchItemFailures: result.failures.map((f) => ({ itemIdentifier: f.messageId })) };
}

const live = queueEnvironment();
export const handler = lambdaHandler<SQSEvent, SQSBatchResponse>(
  live.logger,
  async (event, context) => handleIntake(event, context, await live.deps()),
);
