import { describe, expect, it } from 'vitest';
import { readWorld } from '../../shared/app/read-world.js';
import type { ResourceRecordSet } from '../../shared/domain/dns/records.js';
import { observation, regionSpec, serviceSpec, spec } from '../support/builders.js';

const config = spec([serviceSpec({ regions: [regionSpec('us-east-2'), regionSpec('eu-west-1')] })]);

describe('readWorld', () => {
  it('reads no region before the zone has been read, then every region at once', async () => {
    const calls: string[] = [];
    let finishZone: (records: ResourceRecordSet[]) => void = () => undefined;
    const world = readWorld(
      config,
      undefined,
      {
        readRecords: () => {
          calls.push('zone');
          return new Promise((resolve) => {
            finishZone = resolve;
          });
        },
      },
      (region) => {
        calls.push(region);
        return Promise.resolve(observation(region, []));
      },
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['zone']);
    finishZone([]);
    const read = await world;
    expect(calls).toEqual(['zone', 'us-east-2', 'eu-west-1']);
    expect([...read.regions.keys()]).toEqual(['us-east-2', 'eu-west-1']);
  });

  it('turns a failed region read into a read failure and keeps the others', async () => {
    const read = await readWorld(
      config,
      undefined,
      { readRecords: () => Promise.resolve([]) },
      (region) =>
        region === 'eu-west-1'
          ? Promise.reject(new Error('DescribeInstances in eu-west-1 failed: Throttling'))
          : Promise.resolve(observation(region, [])),
    );
    expect(read.regions.get('eu-west-1')).toEqual({
      region: 'eu-west-1',
      error: 'DescribeInstances in eu-west-1 failed: Throttling',
    });
    expect(read.regions.get('us-east-2')).toMatchObject({ region: 'us-east-2', instances: [] });
  });
});
