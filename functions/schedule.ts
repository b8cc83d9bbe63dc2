import { InputError } from '../shared/domain/errors.js';
import { parseEvent } from '../shared/formats/events/parse.js';
import { lambdaHandler } from '../shared/runtime/middleware.js';
import type { QueueDeps } from '../shared/runtime/queue-env.js';
import { queueEnvironment } from '../shared/runtime/queue-env.js';

export type ScheduleDeps = Pick<QueueDeps, 'queue' | 'log'>;

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
// The event is checked by handleSchedule (an EventBridge envelope, or one InputError), so it is typed unknown.
export const handler = lambdaHandler<unknown, { queued: true }>(live.logger, async (event) =>
  handleSchedule(event, await live.deps()),
);
