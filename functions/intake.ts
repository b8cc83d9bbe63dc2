import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { WorkQueue } from '../shared/aws/work-queue.js';
import type { RebalancerSpec } from '../shared/domain/spec.js';
import { intake } from '../shared/app/intake.js';
import { queueEnvironment } from '../shared/runtime/queue-env.js';
import type { Logger } from '../shared/app/log.js';
import { logFailures } from '../shared/runtime/middleware.js';

export interface IntakeDeps {
  readonly spec: () => Promise<RebalancerSpec>;
  readonly queue: WorkQueue;
  readonly log: Logger;
}

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
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(logFailures(live.log))
  .handler(async (event, context) => handleIntake(event, context, await live.intakeDeps()));
