import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderGrouped } from '../../../shared/domain/layout/grouped.js';
import type { RenderContext } from '../../../shared/domain/layout/render.js';
import type { Member } from '../../../shared/domain/fleet/members.js';
import { instance, OWNER, regionSpec, serviceSpec, ZONE_ID } from '../../support/builders.js';

const ZONES = ['us-east-2a', 'us-east-2b', 'us-east-2c'];

interface Drawn {
  readonly n: number;
  readonly zone: number;
  readonly capacity: number;
  readonly serving: boolean;
  readonly previous: number;
}

/** Members as assessment makes them, a few not serving (draining), some with a previous group. */
const fleetArb = fc.uniqueArray(
  fc.record({
    n: fc.integer({ min: 1, max: 5000 }),
    zone: fc.integer({ min: 0, max: 2 }),
    capacity: fc.constantFrom(1, 2, 4, 8),
    serving: fc.integer({ min: 0, max: 6 }).map((x) => x > 0),
    previous: fc.integer({ min: -1, max: 6 }),
  }),
  { selector: (d) => d.n, minLength: 1, maxLength: 60 },
);

function member(d: Drawn): Member {
  const i = instance({ n: d.n, zone: ZONES[d.zone] ?? '' });
  return {
    instance: i,
    address: i.publicIp,
    capacity: { value: d.capacity, origin: 'vcpu' },
    health: d.serving
      ? { status: 'healthy', reasons: [] }
      : { status: 'draining', reasons: ['tag rebalancer:drain=true'] },
    ready: true,
  };
}

function render(drawn: readonly Drawn[], groupSize = 4) {
  const context: RenderContext = {
    zoneId: ZONE_ID,
    ownerId: OWNER,
    service: serviceSpec(),
    region: regionSpec('us-east-2', { mode: 'grouped', groupSize }),
    previous: {
      groupAt: Int32Array.from(drawn.map((d) => d.previous)),
      groups: Math.max(0, ...drawn.map((d) => d.previous + 1)),
      shardOf: new Map(),
      shards: 0,
    },
  };
  const result = renderGrouped(context, drawn.map(member));
  if (!result.ok) throw new Error(result.problem);
  return result.region;
}

const byN = (a: Drawn, b: Drawn) => {
  const x = member(a).instance.id;
  const y = member(b).instance.id;
  return x < y ? -1 : x > y ? 1 : 0;
};

describe('renderGrouped', () => {
  it('places members handed in any order as the same members in id order', () => {
    fc.assert(
      fc.property(fleetArb, (drawn) => {
        const sorted = [...drawn].sort(byN);
        const given = render(drawn);
        const expected = render(sorted);
        expect(given.records).toEqual(expected.records);
        expect(given.groups).toEqual(expected.groups);
        // Routes follow the members' order (draining members keep one, in no group).
        const routeOf = (r: typeof given) =>
          new Map(r.routes.map((route) => [route.member.instance.id, [route.group, route.share]]));
        expect(routeOf(given)).toEqual(routeOf(expected));
        expect(given.routes.map((r) => r.member.instance.id)).toEqual(
          drawn.map((d) => member(d).instance.id),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a member in its previous group and gives a draining member no group', () => {
    const drawn: Drawn[] = [
      { n: 3, zone: 0, capacity: 1, serving: true, previous: 1 },
      { n: 1, zone: 1, capacity: 1, serving: true, previous: 0 },
      { n: 2, zone: 2, capacity: 1, serving: false, previous: 0 },
      { n: 4, zone: 1, capacity: 1, serving: true, previous: 1 },
      { n: 5, zone: 0, capacity: 1, serving: true, previous: 0 },
    ];
    const region = render(drawn, 2);
    const groupOf = new Map(region.routes.map((r) => [r.member.instance.id, r.group]));
    expect(region.groups.map((g) => g.members.length)).toEqual([2, 2]);
    expect(groupOf.get(member(drawn[0] as Drawn).instance.id)).toBe('endpoint-b');
    expect(groupOf.get(member(drawn[1] as Drawn).instance.id)).toBe('endpoint-a');
    expect(groupOf.get(member(drawn[2] as Drawn).instance.id)).toBeUndefined();
    expect(region.groups.every((g) => g.zones.length === 2)).toBe(true);
  });
});
