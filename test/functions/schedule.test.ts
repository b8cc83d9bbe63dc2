import { describe, expect, it } from 'vitest';
import { handleSchedule } from '../../functions/schedule.js';
import { InputError } from '../../shared/domain/errors.js';
import { memoryLogger } from '../../shared/app/log.js';
import type { WorkItem } from '../../shared/domain/scope.js';
import { sampleEvent } from '../support/events.js';

describe('the schedule function', () => {
  it('queues a full reconcile for the writer', async () => {
    const sent: { item: WorkItem; id: string }[] = [];
    const result = await handleSchedule(sampleEvent('scheduled'), {
      queue: {
        send: (item, id) => {
          sent.push({ item, id });
          return Promise.resolve();
        },
      },
      log: memoryLogger(),
    });
    expect(result).toEqual({ queued: true });
    expect(sent).toEqual([
      {
        item: { scope: [], reason: 'scheduled reconcile', events: 1 },
        id: '89d1a02d-5ec7-412e-82f5-13505f849b41',
      },
    ]);
  });

  it('refuses another kind of event with a clear error', async () => {
    const call = handleSchedule(sampleEvent('ec2-instance-state-change'), {
      queue: { send: () => Promise.resolve() },
      log: memoryLogger(),
    });
    await expect(call).rejects.toThrow(InputError);
    await expect(call).rejects.toThrow(
      'scheduled event: expected a scheduled event, got instance-state',
    );
  });
});
