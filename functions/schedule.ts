import { InputError } from '../shared/domain/errors.js';
import { firstSlice } from '../shared/domain/sweep.js';
import { zoneSpecs } from '../shared/domain/zones.js';
import { parseEvent } from '../shared/formats/events/parse.js';
import { lambdaHandler } from '../shared/runtime/middleware.js';
import type { QueueDeps } from '../shared/runtime/queue-env.js';
import { queueEnvironment } from '../shared/runtime/queue-env.js';

export type ScheduleDeps = Pick<QueueDeps, 'queue' | 'log' | 'spec'>;

/**
 * The schedule queues a full reconciliation for the writer rather than
 * reconciling itself, so it never writes beside an event-driven reconcile.
 * It catches missed events and drift; when nothing changed, nothing is written.
 * It is queued as its first slice, one region; the writer queues each next
 * one behind whatever arrived meanwhile (shared/domain/sweep.ts), so an event
 * never waits behind the whole zone.
 */
export async function handleSchedule(
  event: unknown,
  deps: ScheduleDeps,
): Promise<{ queued: true }> {
  const parsed = parseEvent(event, 'scheduled event');
  if (parsed.kind !== 'schedule')
    throw new InputError('scheduled event', [`expected a scheduled event, got ${parsed.kind}`]);
  const spec = await deps.spec();
  // One sweep per hosted zone, each in its zone's FIFO group, over that zone's regions.
  for (const one of zoneSpecs(spec).filter((z) => z.services.length > 0)) {
    const zone = spec.zones === undefined ? undefined : one.hostedZoneId;
    const chain = zone === undefined ? parsed.id : `${parsed.id}-${zone}`;
    const item = {
      ...firstSlice(one, chain, 'scheduled reconcile'),
      ...(zone !== undefined && { zone }),
    };
    await deps.queue.send(item, chain);
    deps.log.log('info', 'work queued', {
      reason: item.reason,
      event: parsed.id,
      ...(zone !== undefined && { zone }),
    });
  }
  return { queued: true };
}

const live = queueEnvironment();
// The event is checked by handleSchedule (an EventBridge envelope, or one InputError), so it is typed unknown.
export const handler = lambdaHandler<unknown, { queued: true }>(live.logger, async (event) =>
  handleSchedule(event, await live.deps()),
);
