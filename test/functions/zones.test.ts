import { describe, expect, it } from 'vitest';
import { handleIntake } from '../../functions/intake.js';
import { handleSchedule } from '../../functions/schedule.js';
import { memoryLogger } from '../../shared/app/log.js';
import type { WorkItem } from '../../shared/domain/scope.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import { regionSpec, serviceSpec } from '../support/builders.js';
import { sampleEvent } from '../support/events.js';
import { sqsEvent } from '../support/sqs.js';

const spec: RebalancerSpec = {
  hostedZoneId: 'Z0PUBLIC1',
  ownerId: 'api-prod',
  zones: [
    { id: 'Z0PUBLIC1', private: false },
    { id: 'Z0PRIVATE2', private: true },
  ],
  services: [
    serviceSpec({
      regions: [regionSpec('us-east-1')],
      zones: [
        { zone: 'Z0PUBLIC1', address: 'public' },
        { zone: 'Z0PRIVATE2', address: 'private' },
      ],
    }),
  ],
};

function deps() {
  const sent: { item: WorkItem; id: string }[] = [];
  return {
    sent,
    deps: {
      spec: () => Promise.resolve(spec),
      queue: {
        send: (item: WorkItem, id: string) => {
          sent.push({ item, id });
          return Promise.resolve();
        },
      },
      log: memoryLogger(),
    },
  };
}

describe('the queueing functions with several hosted zones', () => {
  it('fan an event out into one work item per zone it touches, each deduplicated on its own', async () => {
    const d = deps();
    await handleIntake(
      sqsEvent([sampleEvent('ec2-instance-state-change')]),
      {
        awsRequestId: 'req-1',
        invokedFunctionArn:
          'arn:aws:lambda:us-east-1:123456789012:function:route53-rebalancer-test-intake',
      },
      d.deps,
    );
    expect(d.sent.map((s) => [s.item.zone, s.id, s.item.scope])).toEqual([
      ['Z0PUBLIC1', 'req-1-Z0PUBLIC1', [{ region: 'us-east-1' }]],
      ['Z0PRIVATE2', 'req-1-Z0PRIVATE2', [{ region: 'us-east-1' }]],
    ]);
  });

  it('queue a scheduled reconcile for every zone', async () => {
    const d = deps();
    await handleSchedule(sampleEvent('scheduled'), d.deps);
    expect(d.sent.map((s) => s.item.zone)).toEqual(['Z0PUBLIC1', 'Z0PRIVATE2']);
    expect(new Set(d.sent.map((s) => s.id)).size).toBe(2);
  });
});
