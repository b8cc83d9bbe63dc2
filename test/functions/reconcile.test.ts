import { describe, expect, it } from 'vitest';
import { handleReconcile } from '../../functions/reconcile.js';
import { OWNER } from '../support/builders.js';
import { sqsEvent } from '../support/sqs.js';
import { twoRegionWorlds } from '../support/world.js';

const setup = twoRegionWorlds();

describe('the reconcile function', () => {
  it('merges the batch into one reconcile and one write', async () => {
    const { world, deps } = setup();
    const items = [
      { scope: [{ region: 'us-east-2' }], reason: '3 instance state change', events: 3 },
      { scope: [{ region: 'eu-west-1' }], reason: '1 alarm change', events: 1 },
    ];
    expect(await handleReconcile(sqsEvent(items, 'work.fifo'), deps)).toEqual({
      batchItemFailures: [],
    });
    expect(world.route53.callCount('ListResourceRecordSets')).toBe(1);
    expect(world.route53.callCount('ChangeResourceRecordSets')).toBe(1);
    expect(world.route53.accepted[0]?.Comment).toBe(
      `route53-rebalancer ${OWNER}: 2 queued items (3 instance state change; 1 alarm change)`,
    );
  });

  it('reports an unusable work item and still does the rest', async () => {
    const { world, deps } = setup();
    const response = await handleReconcile(
      sqsEvent([{ scope: 'all' }, { scope: [], reason: 'schedule', events: 1 }], 'work.fifo'),
      deps,
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    expect(world.route53.callCount('ChangeResourceRecordSets')).toBe(1);
  });

  it('hands the whole batch back when a region could not be read, after reconciling the others', async () => {
    const { world, deps } = setup();
    world.failing.set('eu-west-1', 'DescribeInstances in eu-west-1 failed: Throttling');
    const response = await handleReconcile(
      sqsEvent([{ scope: [], reason: 'schedule', events: 1 }], 'work.fifo'),
      deps,
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    expect(world.route53.zone.records().some((r) => r.Region === 'us-east-2')).toBe(true);
    expect(world.route53.zone.records().some((r) => r.Region === 'eu-west-1')).toBe(false);
  });

  it('lets a failed write reach Lambda, so SQS retries and then dead-letters the batch', async () => {
    const { world, deps } = setup();
    world.route53.beforeChange(() => {
      throw Object.assign(new Error('Access denied'), {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      });
    });
    await expect(
      handleReconcile(sqsEvent([{ scope: [], reason: 'schedule', events: 1 }], 'work.fifo'), deps),
    ).rejects.toThrow(/ChangeResourceRecordSets failed: AccessDenied/);
  });
});
