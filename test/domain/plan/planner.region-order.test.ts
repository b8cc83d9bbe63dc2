import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../shared/domain/fleet/fleet.js';
import { plan } from '../../../shared/domain/plan/planner.js';
import type { ServiceSpec } from '../../../shared/domain/spec.js';
import { instance, observation, regionSpec, serviceSpec, spec } from '../../support/builders.js';

// planRegions plans region by region across services; each service must still
// get its own regions' plans, in its own configured order.
const API = serviceSpec({
  regions: [
    regionSpec('us-east-2'),
    regionSpec('eu-west-1', { mode: 'grouped', groupSize: 2 }),
    regionSpec('ap-south-1'),
  ],
});
const WEB = serviceSpec({
  name: 'web',
  recordName: 'web.example.com.',
  memberTags: { 'rebalancer:service': 'web' },
  regions: [
    regionSpec('ap-south-1', { mode: 'grouped', groupSize: 3 }, 'web.example.com.'),
    regionSpec('us-east-2', {}, 'web.example.com.'),
  ],
});
const REGIONS = ['us-east-2', 'eu-west-1', 'ap-south-1'];

function fleet(region: string, first: number): Instance[] {
  return Array.from({ length: 6 }, (_, i) =>
    instance({
      n: first + i,
      zone: `${region}${'abc'[i % 3] ?? 'a'}`,
      instanceType: i % 2 === 0 ? 'm5.large' : 'm5.xlarge',
      tags: { 'rebalancer:service': i < 4 ? 'api' : 'web' },
    }),
  );
}

const regions = new Map(REGIONS.map((r, k) => [r, observation(r, fleet(r, 100 * (k + 1)))]));
const planOf = (services: readonly ServiceSpec[]) =>
  plan({ spec: spec(services), records: [], regions, reason: 'order' });

describe('planning region by region across services', () => {
  const both = planOf([API, WEB]);

  it('gives each service its regions in its configured order', () => {
    expect(both.services.map((s) => s.regions.map((r) => r.region))).toEqual([
      ['us-east-2', 'eu-west-1', 'ap-south-1'],
      ['ap-south-1', 'us-east-2'],
    ]);
  });

  it('plans each service as it would be planned alone', () => {
    const alone = [planOf([API]), planOf([WEB])];
    expect(both.services).toEqual(alone.map((p) => p.services[0]));
    const changes = (p: typeof both) => p.changeBatches.flatMap((b) => b.Changes);
    expect(changes(both)).toHaveLength(alone.reduce((n, p) => n + changes(p).length, 0));
    expect(changes(both)).toEqual(expect.arrayContaining(alone.flatMap(changes)));
  });

  it('plans only members of their own service in a shared region', () => {
    const members = (s: number, region: string) =>
      both.services[s]?.regions.find((r) => r.region === region)?.members.length;
    expect([members(0, 'us-east-2'), members(1, 'us-east-2')]).toEqual([4, 2]);
  });
});
