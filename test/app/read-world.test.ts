import { describe, expect, it } from 'vitest';
import { readWorld } from '../../shared/app/read-world.js';
import type { ResourceRecordSet } from '../../shared/domain/dns/records.js';
import { instance, observation, regionSpec, serviceSpec, spec } from '../support/builders.js';

const config = spec([serviceSpec({ regions: [regionSpec('us-east-2'), regionSpec('eu-west-1')] })]);

describe('readWorld', () => {
  it('reads no region before the zone has been read, then the regions (up to four at once)', async () => {
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

  it('reads of the zone only what the scope covers: the region subtree and the latency name alone', async () => {
    const asked: unknown[] = [];
    await readWorld(
      config,
      [{ region: 'eu-west-1' }],
      {
        readRecords: (roots, names) => {
          asked.push([roots, names]);
          return Promise.resolve([]);
        },
      },
      (region) => Promise.resolve(observation(region, [])),
    );
    expect(asked).toEqual([[['eu-west-1.api.example.com.'], ['api.example.com.']]]);
  });

  it('reads at most regionsAtOnce regions at a time, and keeps configuration order', async () => {
    const regions = [
      'us-east-1',
      'us-east-2',
      'us-west-2',
      'eu-west-1',
      'eu-central-1',
      'sa-east-1',
    ];
    const wide = spec([serviceSpec({ regions: regions.map((r) => regionSpec(r)) })]);
    let inFlight = 0;
    let most = 0;
    const read = await readWorld(
      wide,
      undefined,
      { readRecords: () => Promise.resolve([]) },
      async (region) => {
        most = Math.max(most, ++inFlight);
        // Later regions end first: the order of the result must not follow.
        for (let turn = 0; turn < 10 - regions.indexOf(region); turn++) await Promise.resolve();
        inFlight--;
        return observation(region, []);
      },
      { regionsAtOnce: 2 },
    );
    expect(most).toBe(2);
    expect([...read.regions.keys()]).toEqual(regions);
  });

  it('stops reading once the check throws, after the zone or after a region, starting no other region', async () => {
    const regions = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1'];
    const wide = spec([serviceSpec({ regions: regions.map((r) => regionSpec(r)) })]);
    const started: string[] = [];
    const seen: [number, number][] = [];
    const reading = readWorld(
      wide,
      undefined,
      { readRecords: () => Promise.resolve([]) },
      (region) => {
        started.push(region);
        return Promise.resolve(observation(region, [instance({ n: started.length, region })]));
      },
      {
        regionsAtOnce: 1,
        check: (instances, records) => {
          seen.push([instances, records]);
          if (instances > 1) throw new Error('too many');
        },
      },
    );
    await expect(reading).rejects.toThrow('too many');
    expect(started).toEqual(['us-east-1', 'us-east-2']);
    expect(seen).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
    ]);
  });
});
