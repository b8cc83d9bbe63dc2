import { afterEach, describe, expect, it } from 'vitest';
import type { Instance } from '../../shared/domain/fleet/fleet.js';
import type { ResourceRecordSet } from '../../shared/domain/dns/records.js';
import { plan } from '../../shared/domain/plan/planner.js';
import {
  BatchRejectedError,
  ConflictError,
  FleetTooLargeError,
} from '../../shared/domain/errors.js';
import { fleetCapacity } from '../../shared/domain/fleet/sizing.js';
import { metricsOf } from '../../shared/app/metrics.js';
import type { MetricPoint } from '../../shared/app/ports.js';
import { reconcile } from '../../shared/app/reconcile.js';
import { memoryLogger } from '../../shared/app/log.js';
import {
  instance,
  observation,
  OWNER,
  regionSpec,
  serviceSpec,
  spec,
} from '../support/builders.js';
import { rejectionError, throttlingError } from '../support/fake-route53.js';
import { testWorld, type TestWorld } from '../support/world.js';

const EAST = 'us-east-2';
const WEST = 'us-west-2';
const config = spec([serviceSpec({ regions: [regionSpec(EAST), regionSpec(WEST)] })]);
const east = [
  instance({ n: 1, zone: 'us-east-2a' }),
  instance({ n: 2, zone: 'us-east-2b', instanceType: 'm5.xlarge' }),
];
const west = [instance({ n: 11, zone: 'us-west-2a' })];

let world: TestWorld;
afterEach(() => {
  world.route53.restore();
});

function start(records: readonly ResourceRecordSet[]) {
  world = testWorld({ [EAST]: east, [WEST]: west }, records);
  return world;
}

const weightOf = (w: TestWorld, id: string) =>
  w.route53.zone.get(`${EAST}.api.example.com.`, 'A', `${OWNER}/${id}`)?.Weight;

describe('reconcile', () => {
  it('reads, plans and writes, then finds nothing to do', async () => {
    start([]);
    const first = await reconcile({ spec: config, reason: 'test' }, world.deps);
    expect(first.written).toHaveLength(1);
    expect(weightOf(world, east[1]?.id ?? '')).toBe(254);
    const second = await reconcile({ spec: config, reason: 'test' }, world.deps);
    expect(second.written).toEqual([]);
    expect(world.route53.callCount('ChangeResourceRecordSets')).toBe(1);
  });

  it('reads the zone once per round, in one call for a small zone', async () => {
    start([]);
    await reconcile({ spec: config, reason: 'test' }, world.deps);
    expect(world.route53.callCount('ListResourceRecordSets')).toBe(1);
  });

  it('writes nothing on a dry run', async () => {
    start([]);
    const result = await reconcile({ spec: config, reason: 'test', dryRun: true }, world.deps);
    expect(result.plan.changeBatches).toHaveLength(1);
    expect(world.route53.callCount('ChangeResourceRecordSets')).toBe(0);
  });

  it('reads only the regions in scope', async () => {
    start([]);
    await reconcile({ spec: config, scope: [{ region: WEST }], reason: 'test' }, world.deps);
    expect(world.regionReads).toEqual([WEST]);
  });

  it('logs one structured line per reconcile with what changed and why', async () => {
    start([]);
    await reconcile({ spec: config, reason: '3 instance state change' }, world.deps);
    const line = world.log.entries.find((e) => e.message === 'reconcile');
    expect(line?.fields).toMatchObject({
      reason: '3 instance state change',
      dryRun: false,
      changes: 5,
      batchesWritten: 1,
      written: [{ comment: `route53-rebalancer ${OWNER}: 3 instance state change`, changes: 5 }],
      failedBatch: null,
      conflicts: 0,
      readFailures: [],
      regions: [
        { service: 'api', region: EAST, status: 'changed', changes: 3 },
        { service: 'api', region: WEST, status: 'changed', changes: 2 },
      ],
    });
  });

  it('puts the trigger in the batch comment', async () => {
    start([]);
    await reconcile({ spec: config, reason: 'scheduled reconcile' }, world.deps);
    expect(world.route53.accepted[0]?.Comment).toBe(
      `route53-rebalancer ${OWNER}: scheduled reconcile`,
    );
  });

  it('waits for INSYNC when asked', async () => {
    start([]);
    world.route53.pendingPolls(2);
    const result = await reconcile({ spec: config, reason: 'test', waitInSync: true }, world.deps);
    expect(result.inSync).toBe(true);
    expect(world.route53.callCount('GetChange')).toBe(3);
  });
});

describe('reconcile under faults', () => {
  it('leaves throttling to the SDK client: a write it gave up on fails, not re-planned', async () => {
    // Retries are the client's (shared/aws/clients.ts, pinned by the wire tests); the mock
    // stands in for a client that has used them all. A re-plan is for a zone that changed.
    start([]);
    world.route53.beforeChange(() => {
      throw throttlingError('PriorRequestNotComplete');
    });
    const attempt = reconcile({ spec: config, reason: 'test' }, world.deps);
    await expect(attempt).rejects.toThrow(
      'ChangeResourceRecordSets failed: PriorRequestNotComplete: Prior request not complete',
    );
    expect(world.route53.callCount('ChangeResourceRecordSets')).toBe(1);
    expect(world.route53.callCount('ListResourceRecordSets')).toBe(1);
  });

  it('reconciles the other regions when one cannot be read, and leaves that one alone', async () => {
    start([]);
    await reconcile({ spec: config, reason: 'test' }, world.deps);
    const before = world.route53.zone
      .records()
      .filter((r) => r.Name.startsWith(WEST) || r.Region === WEST);
    world.failing.set(WEST, 'DescribeInstances in us-west-2 failed: UnauthorizedOperation');
    world.fleets.set(EAST, east.slice(0, 1));
    world.fleets.set(WEST, []);
    const result = await reconcile({ spec: config, reason: 'test' }, world.deps);
    expect(result.readFailures).toEqual([
      `${WEST}: DescribeInstances in us-west-2 failed: UnauthorizedOperation`,
    ]);
    expect(
      world.route53.zone.records().filter((r) => r.Name.startsWith(WEST) || r.Region === WEST),
    ).toEqual(before);
    expect(weightOf(world, east[0]?.id ?? '')).toBe(255);
    expect(world.log.entries.findLast((e) => e.message === 'reconcile')?.level).toBe('warn');
  });

  it('loses no update when another reconcile writes between our read and our write', async () => {
    start([]);
    await reconcile({ spec: config, reason: 'test' }, world.deps);
    const [first, second] = east as [Instance, Instance];
    // We read instance 2 draining. Before our write lands, it stops, and
    // another reconcile, having read that newer truth, writes it first.
    world.fleets.set(EAST, [
      first,
      { ...second, tags: { ...second.tags, 'rebalancer:drain': 'true' } },
    ]);
    let interleaved = false;
    world.route53.beforeChange((_, zone) => {
      if (interleaved) return;
      interleaved = true;
      world.fleets.set(EAST, [first, { ...second, state: 'stopped' }]);
      const theirs = plan({
        spec: config,
        records: zone.records(),
        regions: new Map([[EAST, observation(EAST, world.fleets.get(EAST) ?? [])]]),
        scope: [{ region: EAST }],
      });
      for (const batch of theirs.changeBatches) expect(zone.apply(batch)).toBeUndefined();
    });
    const ours = await reconcile({ spec: config, reason: 'ours' }, world.deps);
    // Our stale batch failed whole (its DELETE no longer matched); we re-read and found it done.
    expect(ours.conflicts).toBe(1);
    expect(ours.written).toEqual([]);
    expect(weightOf(world, second.id)).toBeUndefined();
    expect(weightOf(world, first.id)).toBe(255);
    expect((await reconcile({ spec: config, reason: 'check' }, world.deps)).written).toEqual([]);
  });

  it('restores a weight someone edited by hand while we were writing, without overwriting blindly', async () => {
    start([]);
    await reconcile({ spec: config, reason: 'test' }, world.deps);
    const id = east[0]?.id ?? '';
    let edited = false;
    world.route53.beforeChange((_, zone) => {
      if (edited) return;
      edited = true;
      const current = zone.get(`${EAST}.api.example.com.`, 'A', `${OWNER}/${id}`);
      if (current !== undefined) {
        zone.apply({
          Changes: [
            { Action: 'DELETE', ResourceRecordSet: current },
            { Action: 'CREATE', ResourceRecordSet: { ...current, Weight: 7 } },
          ],
        });
      }
    });
    world.fleets.set(EAST, east.slice(0, 1));
    const result = await reconcile({ spec: config, reason: 'test' }, world.deps);
    expect(result.conflicts).toBe(1);
    expect(weightOf(world, id)).toBe(255);
  });

  it('leaves alone a foreign record added while we write', async () => {
    start([]);
    const foreign = {
      Name: `${EAST}.api.example.com.`,
      Type: 'A',
      SetIdentifier: 'canary',
      Weight: 1,
      TTL: 60,
      ResourceRecords: [{ Value: '192.0.2.7' }],
    };
    world.route53.beforeChange((_, zone) => {
      if (zone.get(foreign.Name, 'A', 'canary') === undefined)
        zone.apply({ Changes: [{ Action: 'CREATE', ResourceRecordSet: foreign }] });
    });
    const result = await reconcile({ spec: config, reason: 'test' }, world.deps);
    expect(result.conflicts).toBe(0);
    expect(world.route53.zone.get(foreign.Name, 'A', 'canary')).toEqual(foreign);
  });

  it('gives up with a clear error when the zone keeps changing', async () => {
    start([]);
    // Someone rewrites the first record of every batch just before it lands.
    world.route53.beforeChange((batch, zone) => {
      const target = batch.Changes[0]?.ResourceRecordSet;
      if (target === undefined) return;
      const current = zone.get(target.Name, target.Type, target.SetIdentifier);
      const changed = { ...target, Weight: ((current?.Weight ?? target.Weight ?? 0) + 1) % 256 };
      zone.apply({
        Changes: [
          ...(current === undefined
            ? []
            : [{ Action: 'DELETE' as const, ResourceRecordSet: current }]),
          { Action: 'CREATE', ResourceRecordSet: changed },
        ],
      });
    });
    const attempt = reconcile({ spec: config, reason: 'test', attempts: 2 }, world.deps);
    await expect(attempt).rejects.toThrow(ConflictError);
    await expect(attempt).rejects.toThrow(
      /the zone kept changing while we wrote: gave up after 2 rounds/,
    );
  });
});

describe('a batch rejected part way', () => {
  // 500 instances in each of two regions: 1,012 changes, more than Route 53 takes in one batch.
  const fleet = (region: string, from: number) =>
    Array.from({ length: 500 }, (_, i) => instance({ n: from + i, zone: `${region}a` }));
  const REFUSAL = `RRSet with DNS name ${WEST}.api.example.com., type A, SetIdentifier ${OWNER}/x cannot be created as a non-weighted set exists with the same name and type.`;
  const ROUTE53_SAYS = `ChangeResourceRecordSets failed: InvalidChangeBatch: [${REFUSAL}]`;
  const COMMENT = `route53-rebalancer ${OWNER}: test`;

  function refuseCall(n: number) {
    world = testWorld({ [EAST]: fleet(EAST, 20_000), [WEST]: fleet(WEST, 30_000) });
    let calls = 0;
    world.route53.beforeChange(() => {
      if (++calls === n) throw rejectionError({ code: 'InvalidChangeBatch', messages: [REFUSAL] });
    });
    return world;
  }

  it('says that batch 1 stays written, which batch failed and why: in the error and in the log line', async () => {
    refuseCall(2);
    const attempt = reconcile({ spec: config, reason: 'test' }, world.deps);
    await expect(attempt).rejects.toThrow(BatchRejectedError);
    await expect(attempt).rejects.toThrow(
      `batch 2 of 2 rejected after batch 1 was written: ${ROUTE53_SAYS}`,
    );
    expect(world.route53.accepted).toHaveLength(1);
    const line = world.log.entries.find((e) => e.message === 'reconcile');
    expect(line?.level).toBe('error');
    expect(line?.fields).toMatchObject({
      batchesWritten: 1,
      written: [{ comment: `${COMMENT} [1/2]`, changes: 1000 }],
      failedBatch: { index: 2, of: 2, comment: `${COMMENT} [2/2]`, message: ROUTE53_SAYS },
    });
  });

  it('says so when the first batch fails and nothing was written', async () => {
    refuseCall(1);
    await expect(reconcile({ spec: config, reason: 'test' }, world.deps)).rejects.toThrow(
      `batch 1 of 2 rejected before anything was written: ${ROUTE53_SAYS}`,
    );
    expect(world.log.entries.find((e) => e.message === 'reconcile')?.fields).toMatchObject({
      written: [],
      failedBatch: { index: 1, of: 2 },
    });
  });

  it('counts the batches of an earlier round', () => {
    expect(new BatchRejectedError(1, 1, 'c', 2, new Error('no')).message).toBe(
      'batch 1 of 1 rejected after 2 batches were written in an earlier round: no',
    );
    expect(new BatchRejectedError(3, 3, 'c', 3, new Error('no')).message).toBe(
      'batch 3 of 3 rejected after batches 1 to 2 were written and 1 batch was written in an earlier round: no',
    );
  });

  it('logs the batch a conflict stopped at when it gives up', async () => {
    start([]);
    world.route53.beforeChange(() => {
      throw rejectionError({
        code: 'InvalidChangeBatch',
        messages: [
          `Tried to delete resource record set [name='${EAST}.api.example.com.', type='A', set-identifier='${OWNER}/x'] but it was not found`,
        ],
      });
    });
    await expect(
      reconcile({ spec: config, reason: 'test', attempts: 1 }, world.deps),
    ).rejects.toThrow(ConflictError);
    expect(world.log.entries.find((e) => e.message === 'reconcile')?.fields).toMatchObject({
      conflicts: 1,
      failedBatch: { index: 1, of: 1, comment: COMMENT },
    });
  });
});

describe('metricsOf', () => {
  it('publishes healthy instances, capacity, changes, conflicts, refusals and fail-open per service and region', async () => {
    start([]);
    const published: MetricPoint[][] = [];
    const result = await reconcile(
      { spec: config, reason: 'test' },
      {
        ...world.deps,
        metrics: {
          publish: (points) => {
            published.push([...points]);
          },
        },
      },
    );
    expect(published).toHaveLength(1);
    const east = metricsOf(result).filter((p) => p.dimensions.Region === EAST);
    expect(Object.fromEntries(east.map((p) => [p.name, p.value]))).toEqual({
      HealthyInstances: 2,
      HealthyCapacity: 6,
      ChangesWritten: 3,
      Conflicts: 0,
      Refusals: 0,
      FailOpen: 0,
      SkippedRegions: 0,
    });
  });

  it('publishes nothing on a dry run', async () => {
    start([]);
    let calls = 0;
    await reconcile(
      { spec: config, reason: 'test', dryRun: true },
      {
        ...world.deps,
        metrics: {
          publish: () => {
            calls++;
          },
        },
      },
    );
    expect(calls).toBe(0);
  });

  it('a metrics sink that throws after the writes neither fails the reconcile nor hides what was written', async () => {
    start([]);
    const log = memoryLogger();
    const result = await reconcile(
      { spec: config, reason: 'test' },
      {
        ...world.deps,
        log,
        metrics: {
          publish: () => {
            throw new Error('stdout closed');
          },
        },
      },
    );
    expect(result.written.length).toBeGreaterThan(0);
    expect(log.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'metrics not published',
        fields: { error: 'stdout closed' },
      }),
    );
  });
});

describe('reconcile within the function memory', () => {
  it('refuses before planning when the fleet read does not fit: nothing written, a log line, a metric', async () => {
    const many = Array.from({ length: fleetCapacity(256) + 1 }, (_, n) => instance({ n: n + 1 }));
    world = testWorld({ [EAST]: many, [WEST]: west });
    const points: MetricPoint[] = [];
    const deps = {
      ...world.deps,
      memoryMiB: 256,
      metrics: { publish: (p: readonly MetricPoint[]) => void points.push(...p) },
    };
    const reconciling = reconcile({ spec: config, reason: 'test' }, deps);
    await expect(reconciling).rejects.toThrow(FleetTooLargeError);
    await expect(reconciling).rejects.toThrow(
      `${many.length} instances and 0 records read: more than the ${fleetCapacity(256)} a reconcile fits in 256 MiB; configure the reconcile and manual functions with at least`,
    );
    expect(world.route53.callCount('ChangeResourceRecordSets')).toBe(0);
    const refusal = world.log.entries.find((e) => e.level === 'error');
    expect(refusal).toMatchObject({
      message: 'reconcile refused: the fleet does not fit in memory',
      fields: { instances: many.length, records: 0, memoryMiB: 256 },
    });
    expect(points).toEqual([{ name: 'FleetTooLarge', value: 1, unit: 'Count', dimensions: {} }]);
  });

  it('plans and writes as ever when the fleet fits', async () => {
    start([]);
    const result = await reconcile(
      { spec: config, reason: 'test' },
      { ...world.deps, memoryMiB: 256 },
    );
    expect(result.written).toHaveLength(1);
  });
});
