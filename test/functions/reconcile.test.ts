import { describe, expect, it } from 'vitest';
import { handleReconcile } from '../../functions/reconcile.js';
import type { MetricPoint } from '../../shared/app/ports.js';
import { InputError } from '../../shared/domain/errors.js';
import type { WorkItem } from '../../shared/domain/scope.js';
import { fleetCapacity } from '../../shared/domain/fleet/sizing.js';
import { firstSlice } from '../../shared/domain/sweep.js';
import { latency } from '../domain/dns/zone/fixtures.js';
import { instance, OWNER } from '../support/builders.js';
import { sqsEvent } from '../support/sqs.js';
import { twoRegionWorlds } from '../support/world.js';

const setup = twoRegionWorlds();

/** The two-region world's handler deps, with the retry queue and the metrics captured. */
function writer() {
  const { world, deps } = setup();
  const retried: { item: WorkItem; delaySeconds: number }[] = [];
  const published: MetricPoint[] = [];
  return {
    world,
    retried,
    published,
    deps: {
      ...deps,
      retry: {
        send: (item: WorkItem, delaySeconds: number) => {
          retried.push({ item, delaySeconds });
          return Promise.resolve();
        },
      },
      metrics: {
        publish: (points: readonly MetricPoint[]) => {
          published.push(...points);
        },
      },
    },
  };
}

const schedule = { scope: [], reason: 'schedule', events: 1 };
const work = (...items: unknown[]) => sqsEvent(items, 'work.fifo');

describe('the reconcile function', () => {
  it('merges the batch into one reconcile and one write', async () => {
    const { world, deps } = writer();
    const items = [
      { scope: [{ region: 'us-east-2' }], reason: '3 instance state change', events: 3 },
      { scope: [{ region: 'eu-west-1' }], reason: '1 alarm change', events: 1 },
    ];
    expect(await handleReconcile(work(...items), deps)).toEqual({ batchItemFailures: [] });
    expect(world.route53.callCount('ListResourceRecordSets')).toBe(1);
    expect(world.route53.callCount('ChangeResourceRecordSets')).toBe(1);
    expect(world.route53.accepted[0]?.Comment).toBe(
      `route53-rebalancer ${OWNER}: 2 queued items (3 instance state change; 1 alarm change)`,
    );
  });

  it('reports an unusable work item and still does the rest', async () => {
    const { world, deps } = writer();
    const response = await handleReconcile(work({ scope: 'all' }, schedule), deps);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    expect(world.route53.callCount('ChangeResourceRecordSets')).toBe(1);
  });

  it('still takes the work items queued before retries existed, and those that carry an attempt', async () => {
    const { deps } = writer();
    const response = await handleReconcile(
      work(schedule, { scope: [{ region: 'eu-west-1' }], reason: 'r', events: 0, attempt: 2 }),
      deps,
    );
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('lets a failed write reach Lambda, so SQS retries and then dead-letters the batch', async () => {
    const { world, deps } = writer();
    world.route53.beforeChange(() => {
      throw Object.assign(new Error('Access denied'), {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      });
    });
    await expect(handleReconcile(work(schedule), deps)).rejects.toThrow(
      /ChangeResourceRecordSets failed: AccessDenied/,
    );
  });

  it('refuses an event that is not an SQS batch with one clear InputError', async () => {
    const { world, deps } = writer();
    for (const event of [null, { detail: {} }, { Records: [{ messageId: 'm1' }] }]) {
      const call = handleReconcile(event, deps);
      await expect(call).rejects.toThrow(InputError);
      await expect(call).rejects.toThrow(/^reconcile event: /);
    }
    expect(world.route53.callCount()).toBe(0);
  });

  it('acknowledges an item naming a service or region that is not configured, saying what is', async () => {
    const { world, deps } = writer();
    const response = await handleReconcile(
      work(
        { scope: [{ service: 'web' }], reason: 'old', events: 1 },
        { scope: [{ region: 'ap-south-1' }, { region: 'eu-west-1' }], reason: 'mixed', events: 2 },
      ),
      deps,
    );
    expect(response).toEqual({ batchItemFailures: [] });
    const unusable = world.log.entries.filter((e) => e.message === 'unusable work item');
    expect(unusable.map((e) => [e.level, e.fields])).toEqual([
      [
        'error',
        {
          messageId: 'm1',
          problems: ['scope[0].service: unknown service web (configured: api)'],
          kept: 'nothing: acknowledged',
        },
      ],
      [
        'error',
        {
          messageId: 'm2',
          problems: [
            'scope[0].region: ap-south-1 is not configured (configured: us-east-2, eu-west-1)',
          ],
          kept: [{ region: 'eu-west-1' }],
        },
      ],
    ]);
    // Only the usable part was reconciled; an item with nothing left is not "everything".
    expect(world.regionReads).toEqual(['eu-west-1']);
    expect(world.route53.zone.records().some((r) => r.Region === 'us-east-2')).toBe(false);
  });

  it('does nothing at all for a batch of items that name nothing configured', async () => {
    const { world, deps } = writer();
    const response = await handleReconcile(
      work({ scope: [{ service: 'api', region: 'ap-south-1' }], reason: 'old', events: 1 }),
      deps,
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(world.route53.callCount()).toBe(0);
    expect(world.log.entries[0]?.fields.problems).toEqual([
      'scope[0].region: ap-south-1 is not configured for api (configured: us-east-2, eu-west-1)',
    ]);
  });

  it('still succeeds and reports what it wrote when the metrics sink throws after the writes', async () => {
    const { world, deps } = writer();
    const response = await handleReconcile(work(schedule), {
      ...deps,
      metrics: {
        publish: () => {
          throw new Error('stdout closed');
        },
      },
    });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(world.route53.callCount('ChangeResourceRecordSets')).toBe(1);
    expect(world.log.entries.find((e) => e.message === 'reconcile')?.fields).toMatchObject({
      batchesWritten: 1,
      written: [{ comment: `route53-rebalancer ${OWNER}: schedule`, changes: 4 }],
      failedBatch: null,
    });
    expect(world.log.entries).toContainEqual({
      level: 'warn',
      message: 'metrics not published',
      fields: { error: 'stdout closed' },
    });
  });
});

describe('the reconcile function when a region cannot be read', () => {
  const THROTTLED = 'DescribeInstances in eu-west-1 failed: Throttling';

  it('acknowledges the batch and queues only the unread region again, delayed', async () => {
    const { world, deps, retried } = writer();
    world.failing.set('eu-west-1', THROTTLED);
    const response = await handleReconcile(
      work(schedule, { scope: [{ region: 'us-east-2' }], reason: '1 alarm change', events: 1 }),
      deps,
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(world.route53.zone.records().some((r) => r.Region === 'us-east-2')).toBe(true);
    expect(world.route53.zone.records().some((r) => r.Region === 'eu-west-1')).toBe(false);
    expect(retried).toEqual([
      {
        item: {
          scope: [{ service: 'api', region: 'eu-west-1' }],
          reason: 'retry 1 of 4: eu-west-1 unread',
          events: 0,
          attempt: 1,
        },
        delaySeconds: 30,
      },
    ]);
  });

  it('retries with a longer delay each time, counting from the item that covered the region', async () => {
    const { world, deps, retried } = writer();
    world.failing.set('eu-west-1', THROTTLED);
    const retry = { scope: [{ service: 'api', region: 'eu-west-1' }], reason: 'r', events: 0 };
    for (const attempt of [1, 2, 3])
      await handleReconcile(work(schedule, { ...retry, attempt }), deps);
    expect(retried.map((r) => [r.item.attempt, r.delaySeconds])).toEqual([
      [2, 60],
      [3, 120],
      [4, 240],
    ]);
  });

  it('gives up after 5 reads: an error line and UnreadRegions, no more retries', async () => {
    const { world, deps, retried, published } = writer();
    world.failing.set('eu-west-1', THROTTLED);
    const last = { scope: [{ service: 'api', region: 'eu-west-1' }], reason: 'r', events: 0 };
    const response = await handleReconcile(work({ ...last, attempt: 4 }), deps);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(retried).toEqual([]);
    expect(world.log.entries).toContainEqual({
      level: 'error',
      message: 'regions stayed unread',
      fields: {
        units: [{ service: 'api', region: 'eu-west-1', attempts: 5 }],
        attempts: 5,
        readFailures: [`eu-west-1: ${THROTTLED}`],
      },
    });
    expect(published.filter((p) => p.name === 'UnreadRegions')).toEqual([
      {
        name: 'UnreadRegions',
        value: 1,
        unit: 'Count',
        dimensions: { Service: 'api', Region: 'eu-west-1' },
      },
    ]);
  });

  it('queues nothing again once the region reads', async () => {
    const { deps, retried } = writer();
    const retry = { scope: [{ service: 'api', region: 'eu-west-1' }], reason: 'r', events: 0 };
    await handleReconcile(work({ ...retry, attempt: 3 }), deps);
    expect(retried).toEqual([]);
  });

  it('fails the invocation when the retry cannot be queued, so nothing is lost', async () => {
    const { world, deps } = writer();
    world.failing.set('eu-west-1', THROTTLED);
    const failing = {
      ...deps,
      retry: { send: () => Promise.reject(new Error('SendMessage failed: AccessDenied')) },
    };
    await expect(handleReconcile(work(schedule), failing)).rejects.toThrow('AccessDenied');
  });
});

describe('the reconcile function, a fleet beyond its memory', () => {
  it('acknowledges the batch after refusing it: retrying cannot help until it is given more memory', async () => {
    const { world, deps, retried, published } = writer();
    const many = Array.from({ length: fleetCapacity(256) + 1 }, (_, n) =>
      instance({ n: n + 1, region: 'us-east-2' }),
    );
    world.fleets.set('us-east-2', many);
    const response = await handleReconcile(work(schedule), { ...deps, memoryMiB: 256 });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(world.route53.callCount('ChangeResourceRecordSets')).toBe(0);
    expect(retried).toEqual([]);
    expect(published.map((p) => p.name)).toEqual(['FleetTooLarge']);
  });
});

describe('the reconcile function, a scheduled reconcile in slices', () => {
  const event = { scope: [{ region: 'eu-west-1' }], reason: '1 instance state change', events: 1 };

  /** The writer over a FIFO queue: batches of up to 10, one at a time; an event arrives during the first slice. */
  async function drain(deps: ReturnType<typeof writer>['deps'], first: WorkItem, viaRetry = false) {
    const queue: WorkItem[] = [first];
    let eventQueued = false;
    const send = (item: WorkItem) => {
      queue.push(item);
      return Promise.resolve();
    };
    const fifo = {
      ...deps,
      ...(viaRetry ? { retry: { send } } : { work: { send } }),
      readRegion: (region: string, services: Parameters<typeof deps.readRegion>[1]) => {
        if (!eventQueued) {
          eventQueued = true;
          queue.push(event);
        }
        return deps.readRegion(region, services);
      },
    };
    const batches: string[][] = [];
    while (queue.length > 0 && batches.length < 10) {
      const batch = queue.splice(0, 10);
      batches.push(batch.map((i) => i.reason));
      expect(await handleReconcile(work(...batch), fifo)).toEqual({ batchItemFailures: [] });
    }
    return batches;
  }

  it('goes one region at a time, and an event queued meanwhile waits for that one region only', async () => {
    const { world, deps } = writer();
    const first = firstSlice(await deps.spec(), 'tick', 'scheduled reconcile');
    expect(await drain(deps, first)).toEqual([
      ['scheduled reconcile: us-east-2'],
      // Behind the event, not before it: the event shares this reconcile.
      ['1 instance state change', 'scheduled reconcile: eu-west-1'],
    ]);
    expect(world.regionReads).toEqual(['us-east-2', 'eu-west-1']);
    // The whole configuration was reconciled, one region per write.
    expect(world.route53.callCount('ChangeResourceRecordSets')).toBe(2);
  });

  it('without a work queue, the next slice goes through the retry queue, undelayed', async () => {
    const { deps } = writer();
    const first = firstSlice(await deps.spec(), 'tick', 'scheduled reconcile');
    expect((await drain(deps, first, true)).flat()).toContain('scheduled reconcile: eu-west-1');
  });

  it('a slice that sees orphans ends the sweep with one full reconcile, which deletes them', async () => {
    const { world, deps } = writer();
    world.route53.zone.apply({
      Changes: [
        {
          Action: 'CREATE',
          ResourceRecordSet: latency('api.example.com.', `${OWNER}/ap-south-1`, 'ap-south-1'),
        },
      ],
    });
    const first = firstSlice(await deps.spec(), 'tick', 'scheduled reconcile');
    const batches = await drain(deps, first);
    expect(batches.at(-1)).toEqual(['scheduled reconcile: orphans']);
    expect(world.route53.zone.get('api.example.com.', 'A', `${OWNER}/ap-south-1`)).toBeUndefined();
  });
});
