import { describe, expect, it } from 'vitest';
import { handleSchedule } from '../../functions/schedule.js';
import { InputError } from '../../shared/domain/errors.js';
import { memoryLogger } from '../../shared/app/log.js';
import type { WorkItem } from '../../shared/domain/scope.js';
import { sampleEvent } from '../support/events.js';
import { regionSpec, serviceSpec, spec } from '../support/builders.js';

const config = spec([
  serviceSpec({
    regions: [regionSpec('us-east-2'), regionSpec('eu-west-1'), regionSpec('ap-northeast-1')],
  }),
]);

describe('the schedule function', () => {
  it('queues the full reconcile for the writer as its first slice: one region, the others to follow', async () => {
    const sent: { item: WorkItem; id: string }[] = [];
    const result = await handleSchedule(sampleEvent('scheduled'), {
      queue: {
        send: (item, id) => {
          sent.push({ item, id });
          return Promise.resolve();
        },
      },
      log: memoryLogger(),
      spec: () => Promise.resolve(config),
    });
    expect(result).toEqual({ queued: true });
    expect(sent).toEqual([
      {
        item: {
          scope: [{ region: 'us-east-2' }],
          reason: 'scheduled reconcile: us-east-2',
          events: 1,
          sweep: {
            chain: '89d1a02d-5ec7-412e-82f5-13505f849b41',
            remaining: ['eu-west-1', 'ap-northeast-1'],
            orphans: false,
          },
        },
        id: '89d1a02d-5ec7-412e-82f5-13505f849b41',
      },
    ]);
  });

  it('refuses another kind of event with a clear error', async () => {
    const call = handleSchedule(sampleEvent('ec2-instance-state-change'), {
      queue: { send: () => Promise.resolve() },
      log: memoryLogger(),
      spec: () => Promise.resolve(config),
    });
    await expect(call).rejects.toThrow(InputError);
    await expect(call).rejects.toThrow(
      'scheduled event: expected a scheduled event, got instance-state',
    );
  });
});
