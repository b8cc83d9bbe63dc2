import { describe, expect, it } from 'vitest';
import { handleManual } from '../../functions/manual.js';
import { BatchRejectedError, InputError } from '../../shared/domain/errors.js';
import { instance, OWNER, regionSpec, serviceSpec, spec } from '../support/builders.js';
import { rejectionError } from '../support/fake-route53.js';
import { testWorld, twoRegionWorlds } from '../support/world.js';

const setup = twoRegionWorlds();

describe('the manual function', () => {
  it('returns the change batches of a dry run and writes nothing', async () => {
    const { world, deps } = setup();
    const response = await handleManual({ dryRun: true }, deps);
    expect(response.dryRun).toBe(true);
    expect(response.changeBatches).toHaveLength(1);
    expect(response.batchesWritten).toBe(0);
    expect(response.summary.services[0]?.regions.map((r) => r.status)).toEqual([
      'changed',
      'changed',
    ]);
    expect(world.route53.callCount('ChangeResourceRecordSets')).toBe(0);
  });

  it('rebalances one region now and says what it wrote', async () => {
    const { world, deps } = setup();
    const response = await handleManual({ service: 'api', region: 'eu-west-1' }, deps);
    expect(response.batchesWritten).toBe(1);
    expect(response.written).toEqual([
      { comment: `route53-rebalancer ${OWNER}: manual invoke`, changes: 2 },
    ]);
    expect(response.changeBatches[0]?.Comment).toMatch(/manual invoke$/);
    expect(response.summary.services[0]?.regions.map((r) => r.region)).toEqual(['eu-west-1']);
    expect(world.route53.zone.records().every((r) => !r.Name.startsWith('us-east-2'))).toBe(true);
  });

  it('treats an empty payload as everything, live', async () => {
    const { deps } = setup();
    const response = await handleManual(undefined, deps);
    expect(response.batchesWritten).toBe(1);
  });

  it('refuses a bad payload with every problem named, before touching AWS', async () => {
    const { world, deps } = setup();
    const call = handleManual({ service: 'web', dryrun: true }, deps);
    await expect(call).rejects.toThrow(InputError);
    await expect(call).rejects.toThrow('invoke payload: 2 problems');
    expect(world.route53.callCount()).toBe(0);
  });

  it('still answers with what it wrote when the metrics sink throws after the writes', async () => {
    const { world, deps } = setup();
    const response = await handleManual(
      {},
      {
        ...deps,
        metrics: {
          publish: () => {
            throw new Error('stdout closed');
          },
        },
      },
    );
    expect(response.written).toEqual([
      { comment: `route53-rebalancer ${OWNER}: manual invoke`, changes: 4 },
    ]);
    expect(world.route53.callCount('ChangeResourceRecordSets')).toBe(1);
    expect(world.log.entries.map((e) => e.message)).toContain('metrics not published');
  });

  it('fails the invocation when batch 2 of 2 is rejected, saying batch 1 was written', async () => {
    const fleet = (region: string, from: number) =>
      Array.from({ length: 500 }, (_, i) => instance({ n: from + i, zone: `${region}a` }));
    const world = testWorld({
      'us-east-2': fleet('us-east-2', 1),
      'eu-west-1': fleet('eu-west-1', 501),
    });
    try {
      const config = spec([
        serviceSpec({ regions: [regionSpec('us-east-2'), regionSpec('eu-west-1')] }),
      ]);
      let calls = 0;
      world.route53.beforeChange(() => {
        if (++calls === 2)
          throw rejectionError({ code: 'InvalidChangeBatch', messages: ['a refusal'] });
      });
      const call = handleManual({}, { ...world.deps, spec: () => Promise.resolve(config) });
      await expect(call).rejects.toThrow(BatchRejectedError);
      await expect(call).rejects.toThrow(
        'batch 2 of 2 rejected after batch 1 was written: ChangeResourceRecordSets failed: InvalidChangeBatch: [a refusal]',
      );
      expect(world.route53.accepted).toHaveLength(1);
      expect(world.log.entries.find((e) => e.message === 'reconcile')?.fields).toMatchObject({
        reason: 'manual invoke',
        written: [{ changes: 1000 }],
        failedBatch: { index: 2, of: 2 },
      });
    } finally {
      world.route53.restore();
    }
  });
});
