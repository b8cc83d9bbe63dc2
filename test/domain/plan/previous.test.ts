import { describe, expect, it } from 'vitest';
import { previousLayout } from '../../../shared/domain/plan/previous.js';
import type { UnitCurrent } from '../../../shared/domain/plan/current.js';
import type { Member } from '../../../shared/domain/fleet/members.js';
import { routedAddresses } from '../../../shared/domain/plan/safety.js';
import type { ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import { instance, OWNER, regionSpec, serviceSpec } from '../../support/builders.js';

const region = regionSpec('us-east-2', { mode: 'grouped' });
const service = serviceSpec({ regions: [region] });

function unit(owned: ResourceRecordSet[]): UnitCurrent {
  return { service, region, owned, latency: undefined, foreign: [], conflicts: [] };
}

function member(address: string): Member {
  return {
    instance: instance(),
    address,
    capacity: { value: 1, origin: 'equal' },
    health: { status: 'healthy', reasons: [] },
    ready: true,
  };
}

const MEMBERS = [member('192.0.2.1'), member('192.0.2.2'), member('192.0.2.3')];

describe('previousLayout', () => {
  it('does not index the members by address when the region has no group record (an empty zone)', () => {
    const current = unit([]);
    const addresses = routedAddresses(current);
    const layout = previousLayout(current, MEMBERS, addresses, OWNER);
    expect(addresses.indexed).toBeUndefined();
    expect(layout).toEqual({
      groupAt: Int32Array.of(-1, -1, -1),
      groups: 0,
      shardOf: new Map(),
      shards: 0,
    });
  });

  it("reads each group record's addresses as the members' previous group", () => {
    const group = (label: string, values: string[]): ResourceRecordSet => ({
      Name: `endpoint-${label}.${region.name}`,
      Type: 'A',
      TTL: 60,
      ResourceRecords: values.map((Value) => ({ Value })),
    });
    const current = unit([group('a', ['192.0.2.2']), group('b', ['192.0.2.1', '192.0.2.9'])]);
    const addresses = routedAddresses(current);
    const layout = previousLayout(current, MEMBERS, addresses, OWNER);
    expect(addresses.indexed?.members).toBe(MEMBERS);
    expect(layout.groups).toBe(2);
    expect(layout.groupAt).toEqual(Int32Array.of(1, 0, -1));
  });
});
