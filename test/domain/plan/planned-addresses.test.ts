import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/domain/fleet/members.js';
import type { RenderedRegion, RouteRow } from '../../../shared/domain/layout/render.js';
import {
  capacityRemovedShare,
  membersByAddress,
  plannedAddresses,
} from '../../../shared/domain/plan/safety.js';
import { instance } from '../../support/builders.js';

const LATENCY = { Name: 'api.example.com.', Type: 'A', SetIdentifier: 'us-east-2' };

function member(n: number, address: string | undefined, capacity = 1): Member {
  return {
    instance: instance({ n }),
    address,
    capacity: { value: capacity, origin: 'vcpu' },
    health: { status: 'healthy', reasons: [] },
    ready: true,
  };
}

function rendered(routes: readonly RouteRow[], serves = true): RenderedRegion {
  return {
    records: [],
    latency: serves ? LATENCY : undefined,
    routes,
    groups: [],
    shards: 0,
    collapsed: false,
    warnings: [],
  };
}

const route = (m: Member, share: number): RouteRow => ({
  member: m,
  weight: undefined,
  group: undefined,
  share,
});

/** The set the safety check compared against before it asked members by index: the reference. */
function plannedSet(region: RenderedRegion): Set<string> {
  const addresses = new Set<string>();
  if (region.latency === undefined) return addresses;
  for (const r of region.routes)
    if (r.share > 0 && r.member.address !== undefined) addresses.add(r.member.address);
  return addresses;
}

describe('plannedAddresses', () => {
  it('answers as the set of planned addresses, in order or not, with shared addresses or not', () => {
    const arbitrary = fc.record({
      // Few addresses for many members: some share one; some have none.
      members: fc.array(
        fc.record({
          address: fc.option(fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'), {
            nil: undefined,
          }),
          routed: fc.boolean(),
          share: fc.constantFrom(0, 0.25, 1),
        }),
        { maxLength: 12 },
      ),
      shuffle: fc.boolean(),
      serves: fc.boolean(),
      asked: fc.array(fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.0.5'), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ members: rows, shuffle, serves, asked }) => {
        const members = rows.map((row, n) => member(n, row.address));
        const routes = rows.flatMap((row, n) =>
          row.routed ? [route(members[n] as Member, row.share)] : [],
        );
        const region = rendered(shuffle ? [...routes].reverse() : routes, serves);
        const byAddress = membersByAddress(members);
        const planned = plannedAddresses(region, members, byAddress);
        const reference = plannedSet(region);
        for (const address of [...byAddress.keys(), ...asked])
          expect(planned.has(address, byAddress.get(address))).toBe(reference.has(address));
      }),
      { numRuns: 500 },
    );
  });

  it('still finds an address planned for one member when another member shares it', () => {
    // The last member of an address is the one byAddress keeps: here the one not planned.
    const a = member(1, '10.0.0.1');
    const b = member(2, '10.0.0.1');
    const byAddress = membersByAddress([a, b]);
    const planned = plannedAddresses(rendered([route(a, 1), route(b, 0)]), [a, b], byAddress);
    expect(byAddress.get('10.0.0.1')).toBe(1);
    expect(planned.has('10.0.0.1', 1)).toBe(true);
  });

  it('plans nothing when the region no longer serves', () => {
    const a = member(1, '10.0.0.1');
    const planned = plannedAddresses(rendered([route(a, 1)], false), [a], membersByAddress([a]));
    expect(planned.has('10.0.0.1', 0)).toBe(false);
  });
});

describe('capacityRemovedShare', () => {
  it('counts the capacity routed now that the plan stops routing to, gone instances at the average', () => {
    const kept = member(1, '10.0.0.1', 3);
    const dropped = member(2, '10.0.0.2', 1);
    const members = [kept, dropped];
    const byAddress = membersByAddress(members);
    const planned = plannedAddresses(
      rendered([route(kept, 1), route(dropped, 0)]),
      members,
      byAddress,
    );
    // 10.0.0.9 has no member: it counts at the average known capacity, 2.
    const now = new Set(['10.0.0.1', '10.0.0.2', '10.0.0.9']);
    expect(capacityRemovedShare(now, planned, members, byAddress)).toBeCloseTo(
      (1 + 2) / (3 + 1 + 2),
    );
  });
});
