import { workByZone } from '../shared/app/zone-work.js';
import { InputError } from '../shared/domain/errors.js';
import type { WorkItem } from '../shared/domain/scope.js';
import { parseEvent } from '../shared/formats/events/parse.js';
import { lambdaHandler } from '../shared/runtime/middleware.js';
import type { QueueDeps } from '../shared/runtime/queue-env.js';
import { queueEnvironment } from '../shared/runtime/queue-env.js';

/** Without `spec`, one item for the one zone (its message group is the queue's default). */
export type ScheduleDeps = Pick<QueueDeps, 'queue' | 'log'> & Partial<Pick<QueueDeps, 'spec'>>;

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
  const item: WorkItem = { scope: [], reason: 'scheduled reconcile', events: 1 };
  const items = deps.spec === undefined ? [item] : workByZone(item, await deps.spec());
  for (const one of items) {
    const id = one.zone === undefined ? parsed.id : `${parsed.id}-${one.zone}`;
    await deps.queue.send(one, id);
    deps.log.log('info', 'work queued', {
      reason: 'scheduled reconcile',
      event: parsed.id,
      ...(one.zone !== undefined && { zone: one.zone }),
    });
  }
  return { queued: true };
}

const live = queueEnvironment();
// The event is checked by handleSchedule (an EventBridge envelope, or one InputError), so it is typed unknown.
export const handler = lambdaHandler<unknown, { queued: true }>(live.logger, async (event) =>
  handleSchedule(event, await live.deps()),
);
