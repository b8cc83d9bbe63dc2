import { describe, expect, it } from 'vitest';
import { previousLayout } from '../../../shared/domain/plan/previous.js';
import type { UnitCurrent } from '../../../shared/domain/plan/current.js';
import type { ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import { OWNER, regionSpec, serviceSpec } from '../../support/builders.js';

const region = regionSpec('us-east-2', { mode: 'grouped' });
const service = serviceSpec({ regions: [region] });

function unit(owned: ResourceRecordSet[]): UnitCurrent {
  return { service, region, owned, latency: undefined, foreign: [], conflicts: [] };
}

describe('previousLayout', () => {
  it('does not index the members by address when the region has no group record (an empty zone)', () => {
    let asked = 0;
    const byAddress = () => {
      asked++;
      return new Map<string, number>();
    };
    const layout = previousLayout(unit([]), 3, byAddress, OWNER);
    expect(asked).toBe(0);
    expect(layout).toEqual({
      groupAt: Int32Array.of(-1, -1, -1),
      groups: 0,
      shardOf: new Map(),
      shards: 0,
    });
  });

  it("reads each group record's addresses as the members' previous group, indexing them once", () => {
    let asked = 0;
    const byAddress = () => {
      asked++;
      return new Map([
        ['192.0.2.1', 0],
        ['192.0.2.2', 1],
      ]);
    };
    const group = (label: string, values: string[]): ResourceRecordSet => ({
      Name: `endpoint-${label}.${region.name}`,
      Type: 'A',
      TTL: 60,
      ResourceRecords: values.map((Value) => ({ Value })),
    });
    const layout = previousLayout(
      unit([group('a', ['192.0.2.2']), group('b', ['192.0.2.1', '192.0.2.9'])]),
      3,
      byAddress,
      OWNER,
    );
    expect(asked).toBe(1);
    expect(layout.groups).toBe(2);
    expect(layout.groupAt).toEqual(Int32Array.of(1, 0, -1));
  });
});
