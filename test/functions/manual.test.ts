import { describe, expect, it } from 'vitest';
import { handleManual } from '../../functions/manual.js';
import { InputError } from '../../shared/domain/errors.js';
import { twoRegionWorlds } from '../support/world.js';

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
});
