import type { Context, SQSBatchResponse } from 'aws-lambda';
import { intake } from '../shared/app/intake.js';
import { workByZone } from '../shared/app/zone-work.js';
import { accountOfFunctionArn } from '../shared/formats/function-arn.js';
import { parseSqsEvent } from '../shared/formats/sqs-event.js';
import { lambdaHandler } from '../shared/runtime/middleware.js';
import { queueEnvironment, type QueueDeps } from '../shared/runtime/queue-env.js';

export type IntakeDeps = QueueDeps;

/**
 * EC2, Auto Scaling and CloudWatch events, batched by SQS over a window:
 * the whole batch becomes one work item for the writer (one per hosted zone
 * it touches, when the configuration names several). Work the writer put
 * back (delayed, for regions it could not read) goes on to it unchanged.
 * Unusable messages are reported back (retried, then dead-lettered); the rest
 * are done. Events from an account the configuration does not read the
 * event's region from are ignored, and logged as such.
 */
export async function handleIntake(
  event: unknown,
  context: Pick<Context, 'awsRequestId' | 'invokedFunctionArn'>,
  deps: IntakeDeps,
): Promise<SQSBatchResponse> {
  const messages = parseSqsEvent(event, 'intake event');
  const spec = await deps.spec();
  // Its own account, from its own ARN: events from accounts the config does not read are ignored.
  const home = accountOfFunctionArn(context.invokedFunctionArn);
  const result = intake(messages, spec, home);
  for (const failure of result.failures) deps.log.log('error', 'unusable event', { ...failure });
  if (result.ignored.length > 0)
    deps.log.log('info', 'events ignored', { ignored: result.ignored });
  // One item per hosted zone the events touch: each zone's FIFO group is written on its own.
  for (const item of result.item === undefined ? [] : workByZone(result.item, spec)) {
    const id =
      item.zone === undefined ? context.awsRequestId : `${context.awsRequestId}-${item.zone}`;
    await deps.queue.send(item, id);
    deps.log.log('info', 'work queued', { ...item, messages: messages.length });
  }
  for (const { messageId, item } of result.forwarded) {
    // The message's own id: a redelivered retry is dropped by the FIFO queue's deduplication.
    await deps.queue.send(item, `retry-${messageId}`);
    deps.log.log('info', 'work queued', { ...item, messageId });
  }
  return { batchItemFailures: result.failures.map((f) => ({ itemIdentifier: f.messageId })) };
}

const live = queueEnvironment();
export const handler = lambdaHandler<unknown, SQSBatchResponse>(
  live.logger,
  async (event, context) => handleIntake(event, context, await live.deps()),
);
