import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../shared/domain/fleet/fleet.js';
import { plan } from '../../../shared/domain/plan/planner.js';
import type { ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import type { ServiceSpec } from '../../../shared/domain/spec.js';
import {
  instance,
  observation,
  OWNER,
  regionSpec,
  serviceSpec,
  spec,
} from '../../support/builders.js';
import { applyPlan, zoneWith } from '../../support/zone.js';

const EU = 'eu-west-1';
const REGIONAL = `${EU}.api.example.com.`;

function planFor(
  service: ServiceSpec,
  fleet: readonly Instance[],
  records: readonly ResourceRecordSet[] = [],
) {
  return plan({
    spec: spec([service]),
    records,
    regions: new Map([[EU, observation(EU, fleet)]]),
  });
}

function fleetOf(count: number, withoutIpv6: readonly number[] = []): Instance[] {
  return Array.from({ length: count }, (_, i) =>
    instance({
      n: 300 + i,
      zone: i % 2 === 0 ? 'eu-west-1a' : 'eu-west-1b',
      instanceType: i % 3 === 0 ? 'm5.xlarge' : 'm5.large',
      ...(withoutIpv6.includes(i) && { ipv6: undefined }),
    }),
  );
}

const records = (zone: ReturnType<typeof zoneWith>, type: string) =>
  zone.records().filter((r) => r.Type === type);

/**
 * "The same weights and groups": every AAAA record has an A record of the same
 * name and SetIdentifier with the same weight, region and alias target, whose
 * values are the IPv4 addresses of exactly the members whose IPv6 addresses
 * the AAAA record holds.
 */
function expectMirror(zone: ReturnType<typeof zoneWith>, fleet: readonly Instance[]) {
  const v4 = new Map(fleet.map((i) => [i.ipv6 ?? '', i.publicIp ?? '']));
  for (const aaaa of records(zone, 'AAAA')) {
    const a = zone.get(aaaa.Name, 'A', aaaa.SetIdentifier);
    expect(a, `${aaaa.Name} ${aaaa.SetIdentifier ?? ''}`).toBeDefined();
    expect(aaaa.Weight).toBe(a?.Weight);
    expect(aaaa.Region).toBe(a?.Region);
    expect(aaaa.AliasTarget).toEqual(a?.AliasTarget);
    const held = (aaaa.ResourceRecords ?? []).map((r) => v4.get(r.Value));
    const withV6 = (a?.ResourceRecords ?? [])
      .map((r) => r.Value)
      .filter((ip) => fleet.some((i) => i.publicIp === ip && i.ipv6 !== undefined));
    expect(held.sort()).toEqual(withV6.sort());
  }
}

describe('dual stack', () => {
  const weighted = serviceSpec({ dualStack: true, regions: [regionSpec(EU)] });
  const grouped = serviceSpec({
    dualStack: true,
    regions: [regionSpec(EU, { mode: 'grouped', groupSize: 4 })],
  });

  it('writes the AAAA tree with the weights of the A tree, leaving out an instance without IPv6', () => {
    const fleet = fleetOf(3, [1]);
    const result = planFor(weighted, fleet);
    const zone = applyPlan(zoneWith(), result);
    const a = records(zone, 'A').filter((r) => r.Name === REGIONAL);
    const aaaa = records(zone, 'AAAA').filter((r) => r.Name === REGIONAL);
    expect(a.map((r) => r.SetIdentifier)).toHaveLength(3);
    expect(aaaa.map((r) => [r.SetIdentifier, r.Weight, r.ResourceRecords?.[0]?.Value])).toEqual(
      [fleet[0], fleet[2]].map((i) => [
        `${OWNER}/${i?.id ?? ''}`,
        zone.get(REGIONAL, 'A', `${OWNER}/${i?.id ?? ''}`)?.Weight,
        i?.ipv6,
      ]),
    );
    expect(zone.get('api.example.com.', 'AAAA', `${OWNER}/${EU}`)?.AliasTarget?.DNSName).toBe(
      REGIONAL,
    );
    expectMirror(zone, fleet);
  });

  it('says which instances are in the A records only', () => {
    const fleet = fleetOf(3, [1]);
    const region = planFor(weighted, fleet).services[0]?.regions[0];
    expect(region?.status).toBe('changed');
    expect(region?.reasons).toEqual([
      `1 instance(s) without an IPv6 address are in the A records only: ${fleet[1]?.id ?? ''}`,
    ]);
  });

  it('mirrors the groups: each AAAA group holds the IPv6 addresses of its A group, one marker per name', () => {
    const fleet = fleetOf(8, [0, 5]);
    const zone = applyPlan(zoneWith(), planFor(grouped, fleet));
    expect(records(zone, 'AAAA').filter((r) => r.Name.startsWith('endpoint-'))).toHaveLength(2);
    expect(records(zone, 'TXT')).toHaveLength(2);
    expect(records(zone, 'AAAA').filter((r) => r.Name === REGIONAL)).toHaveLength(2);
    expectMirror(zone, fleet);
  });

  it('leaves out a group none of whose members has IPv6, and its alias', () => {
    const fleet = fleetOf(8);
    const first = applyPlan(zoneWith(), planFor(grouped, fleet));
    const groupA = first.get(`endpoint-a.${REGIONAL}`, 'A')?.ResourceRecords?.map((r) => r.Value);
    const v4only = fleet.map((i) =>
      groupA?.includes(i.publicIp ?? '') ? { ...i, ipv6: undefined } : i,
    );
    const zone = applyPlan(first, planFor(grouped, v4only, first.records()));
    expect(zone.get(`endpoint-a.${REGIONAL}`, 'AAAA')).toBeUndefined();
    expect(zone.get(REGIONAL, 'AAAA', `${OWNER}/endpoint-a`)).toBeUndefined();
    expect(zone.get(`endpoint-b.${REGIONAL}`, 'AAAA')).toBeDefined();
    expect(zone.get(`endpoint-a.${REGIONAL}`, 'A')).toBeDefined();
    expectMirror(zone, v4only);
  });

  it('writes no AAAA record at all when no instance has IPv6', () => {
    const fleet = fleetOf(3, [0, 1, 2]);
    const zone = applyPlan(zoneWith(), planFor(weighted, fleet));
    expect(records(zone, 'AAAA')).toEqual([]);
    expect(records(zone, 'A').length).toBeGreaterThan(0);
  });

  it('changes nothing when planned again after applying', () => {
    for (const service of [weighted, grouped]) {
      const fleet = fleetOf(8, [2]);
      const zone = applyPlan(zoneWith(), planFor(service, fleet));
      expect(planFor(service, fleet, zone.records()).changeBatches).toEqual([]);
    }
  });

  it('measures removed capacity on the A tree, which the AAAA tree mirrors', () => {
    const fleet = fleetOf(4);
    const zone = applyPlan(zoneWith(), planFor(weighted, fleet));
    const next = planFor(weighted, fleet.slice(0, 3), zone.records()).services[0]?.regions[0];
    // The gone instance counts at the average of those left, (4 + 2 + 2) / 3, of 8 + 8/3;
    // its IPv6 address, and those of the instances kept, count nothing.
    expect(next?.capacityRemoved).toBeCloseTo(0.25);
  });

  it('is never on by default: a service of type A writes A records only', () => {
    const zone = applyPlan(
      zoneWith(),
      planFor(serviceSpec({ regions: [regionSpec(EU)] }), fleetOf(3)),
    );
    expect(records(zone, 'AAAA')).toEqual([]);
  });
});
