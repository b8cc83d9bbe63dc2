import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import type { WorkQueue } from '../shared/aws/work-queue.js';
import { parseEvent } from '../shared/formats/events/parse.js';
import { InputError } from '../shared/domain/errors.js';
import { queueEnvironment } from '../shared/runtime/queue-env.js';
import type { Logger } from '../shared/app/log.js';
import { logFailures } from '../shared/runtime/middleware.js';

export interface ScheduleDeps {
  readonly queue: WorkQueue;
  readonly log: Logger;
}

/**
 * The schedule queues a full reconciliation for the writer rather than
 * reconciling itself, so it never writes beside an event-driven reconcile.
 * It catches missed events and drift; when nothing changed, nothing is written.
 */
export async function handleSchedule(
  event: unknown,
  deps: ScheduleDeps,
): Promise<{ queued: true }> {
  const parsed = parseEvent(event, 'scheduled event');
  if (parsed.kind !== 'schedule')
    throw new InputError('scheduled event', [`expected a scheduled event, got ${parsed.kind}`]);
  await deps.queue.send({ scope: [], reason: 'scheduled reconcile', events: 1 }, parsed.id);
  deps.log.log('info', 'work queued', { reason: 'scheduled reconcile', event: parsed.id });
  return { queued: true };
}

const live = queueEnvironment();
export const handler = middy<EventBridgeEvent<'Scheduled Event', unknown>, { queued: true }>()
  .use(logFailures(live.log))
  .handler(async (event) => handleSchedule(event, await live.scheduleDeps()));
