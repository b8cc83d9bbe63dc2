/**
 * RegionAddresses (one map of slots a region) against the Set or Map per
 * question it replaced: the same answers, the same removed share to the bit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import type { Member } from '../../../shared/domain/fleet/members.js';
import type { UnitCurrent } from '../../../shared/domain/plan/current.js';
import type { RenderedRegion, RouteRow } from '../../../shared/domain/layout/render.js';
import {
  capacityRemovedShare,
  memberAtAddress,
  routedAddresses,
} from '../../../shared/domain/plan/safety.js';
import { instance, regionSpec, serviceSpec } from '../../support/builders.js';
import {
  referenceCapacityRemovedShare,
  referenceMembersByAddress,
  referencePlannedAddresses,
  referenceRoutedAddresses,
} from './reference-safety.js';

const region = regionSpec('us-east-2');
const service = serviceSpec({ regions: [region] });

/** Few addresses, so that members share them, records repeat them and some are nobody's. */
const ADDRESSES = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5', '192.0.2.6'];
const address = fc.constantFrom(...ADDRESSES);
const values = fc.uniqueArray(address, { minLength: 1, maxLength: 3 });
const ALIAS = { HostedZoneId: 'Z1', DNSName: region.name, EvaluateTargetHealth: true };

const record: fc.Arbitrary<ResourceRecordSet> = fc.oneof(
  // A weighted instance record, weight 0 included.
  fc.record({
    Name: fc.constant(`shard-a.${region.name}`),
    Type: fc.constant('A'),
    SetIdentifier: fc.constantFrom('x/1', 'x/2', 'x/3'),
    Weight: fc.integer({ min: 0, max: 3 }),
    TTL: fc.constant(60),
    ResourceRecords: values.map((vs) => vs.map((Value) => ({ Value }))),
  }),
  // A multi-value group.
  fc.record({
    Name: fc.constantFrom(`endpoint-a.${region.name}`, `endpoint-b.${region.name}`),
    Type: fc.constant('A'),
    TTL: fc.constant(60),
    ResourceRecords: values.map((vs) => vs.map((Value) => ({ Value }))),
  }),
  // What routes nothing by itself: an alias, an ownership marker, another type.
  fc.constant<ResourceRecordSet>({ Name: region.name, Type: 'A', AliasTarget: ALIAS }),
  fc.constant<ResourceRecordSet>({
    Name: region.name,
    Type: 'TXT',
    TTL: 60,
    ResourceRecords: [{ Value: '192.0.2.1' }],
  }),
  fc.constant<ResourceRecordSet>({
    Name: region.name,
    Type: 'AAAA',
    TTL: 60,
    ResourceRecords: [{ Value: '192.0.2.2' }],
  }),
);

const latency: fc.Arbitrary<'none' | 'alias' | 'collapsed'> = fc.constantFrom(
  'none',
  'alias',
  'collapsed',
);

const drawnMember = fc.record({
  address: fc.option(address, { nil: undefined }),
  capacity: fc.oneof(fc.constantFrom(0, 1, 2, 4), fc.double({ min: 0, max: 8, noNaN: true })),
  share: fc.constantFrom(0, 0.25, 1),
  routed: fc.boolean(),
});

const world = fc.record({
  owned: fc.array(record, { maxLength: 6 }),
  latency,
  latencyOwned: fc.boolean(),
  collapsedValues: values,
  members: fc.array(drawnMember, { maxLength: 8 }),
  planned: fc.boolean(),
});

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

function unitOf(w: World): UnitCurrent {
  const latencyRecord: ResourceRecordSet | undefined =
    w.latency === 'none'
      ? undefined
      : w.latency === 'alias'
        ? { Name: service.recordName, Type: 'A', SetIdentifier: region.region, AliasTarget: ALIAS }
        : {
            Name: service.recordName,
            Type: 'A',
            TTL: 60,
            ResourceRecords: w.collapsedValues.map((Value) => ({ Value })),
          };
  const owned =
    latencyRecord !== undefined && w.latencyOwned ? [latencyRecord, ...w.owned] : w.owned;
  return { service, region, owned, latency: latencyRecord, foreign: [], conflicts: [] };
}

function membersOf(w: World): Member[] {
  return w.members.map((d, n) => ({
    instance: instance({ n: n + 1 }),
    address: d.address,
    capacity: { value: d.capacity, origin: 'vcpu' },
    health: { status: 'healthy', reasons: [] },
    ready: true,
  }));
}

function renderedOf(w: World, members: readonly Member[]): RenderedRegion {
  const routes: RouteRow[] = [];
  members.forEach((member, n) => {
    const d = w.members[n];
    if (d?.routed === true) routes.push({ member, weight: 1, group: undefined, share: d.share });
  });
  const latency: ResourceRecordSet | undefined = w.planned
    ? { Name: service.recordName, Type: 'A', AliasTarget: ALIAS }
    : undefined;
  return { records: [], latency, routes, groups: [], shards: 0, collapsed: false, warnings: [] };
}

describe('RegionAddresses against the sets it replaced', () => {
  it('routes, finds members and measures the removed share exactly as they did', () => {
    fc.assert(
      fc.property(world, fc.boolean(), (w, layoutFirst) => {
        const unit = unitOf(w);
        const members = membersOf(w);
        const rendered = renderedOf(w, members);
        const addresses = routedAddresses(unit);
        const now = referenceRoutedAddresses(unit);
        const byAddress = referenceMembersByAddress(members);
        const probes = [...ADDRESSES, '198.51.100.1'];
        // Asked before the members are indexed (assessment) and after (the layout, the share).
        for (const a of probes) expect(addresses.has(a)).toBe(now.has(a));
        const share = () => capacityRemovedShare(addresses, members, rendered);
        const expected = referenceCapacityRemovedShare(
          now,
          referencePlannedAddresses(rendered),
          members,
          byAddress,
        );
        if (!layoutFirst) expect(Object.is(share(), expected)).toBe(true);
        for (const a of probes)
          expect(memberAtAddress(addresses, members, a)).toBe(byAddress.get(a));
        for (const a of probes) expect(addresses.has(a)).toBe(now.has(a));
        expect(Object.is(share(), expected)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('routes only the values of records of the service type below an alias latency record, weight 0 not', () => {
    const at = (Name: string, Type: string, Value: string, extra: Partial<ResourceRecordSet>) => ({
      Name,
      Type,
      TTL: 60,
      ResourceRecords: [{ Value }],
      ...extra,
    });
    const owned: ResourceRecordSet[] = [
      at(region.name, 'A', '192.0.2.1', { SetIdentifier: 'o/i-1', Weight: 1 }),
      at(region.name, 'A', '192.0.2.2', { SetIdentifier: 'o/i-2', Weight: 0 }),
      at(region.name, 'AAAA', '2001:db8::1', { SetIdentifier: 'o/i-3', Weight: 1 }),
      at(`endpoint-a.${region.name}`, 'TXT', '"192.0.2.3"', {}),
      at(`endpoint-b.${region.name}`, 'A', '192.0.2.4', {}),
    ];
    const latency = { Name: service.recordName, Type: 'A', SetIdentifier: 'r', AliasTarget: ALIAS };
    const unit: UnitCurrent = { service, region, owned, latency, foreign: [], conflicts: [] };
    const addresses = routedAddresses(unit);
    const routed = ['192.0.2.1', '192.0.2.2', '2001:db8::1', '"192.0.2.3"', '192.0.2.4'].filter(
      (a) => addresses.has(a),
    );
    expect(routed).toEqual(['192.0.2.1', '192.0.2.4']);
    // A collapsed latency record answers with its own values, whatever else is owned.
    const collapsed = at(service.recordName, 'A', '192.0.2.9', {});
    expect(routedAddresses({ ...unit, latency: collapsed }).routed).toBe(1);
    expect(routedAddresses({ ...unit, latency: undefined }).routed).toBe(0);
  });

  it('counts an address nobody holds any more at the average capacity of the addresses members hold', () => {
    const w: World = {
      owned: [
        {
          Name: `endpoint-a.${region.name}`,
          Type: 'A',
          TTL: 60,
          ResourceRecords: [{ Value: '192.0.2.1' }, { Value: '192.0.2.9' }],
        },
      ],
      latency: 'alias',
      latencyOwned: false,
      collapsedValues: ['192.0.2.1'],
      // 192.0.2.1 twice: its last member (capacity 4) counts; 192.0.2.2 (capacity 2) is not routed now.
      members: [
        { address: '192.0.2.1', capacity: 8, share: 1, routed: true },
        { address: '192.0.2.1', capacity: 4, share: 1, routed: true },
        { address: '192.0.2.2', capacity: 2, share: 1, routed: true },
      ],
      planned: true,
    };
    const unit = unitOf(w);
    const members = membersOf(w);
    const addresses = routedAddresses(unit);
    expect(memberAtAddress(addresses, members, '192.0.2.1')).toBe(1);
    // Routed now: 192.0.2.1 (4, kept) and 192.0.2.9 (gone: (4 + 2) / 2 = 3, removed): 3 of 7.
    expect(capacityRemovedShare(addresses, members, renderedOf(w, members))).toBe(3 / 7);
  });
});
