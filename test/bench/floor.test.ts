import { describe, expect, it } from 'vitest';
import { changeSetDifference, floorChanges, layoutOf } from '../../bench/floor.js';
import { SHAPES, shapeFleet } from '../../bench/shapes.js';
import { createHostedZone } from '../../shared/domain/dns/zone/index.js';
import type { ChangeBatch, ResourceRecordSet } from '../../shared/domain/dns/records.js';
import { plan } from '../../shared/domain/plan/planner.js';

function zoneAfter(
  zoneId: string,
  ...plans: readonly (readonly ChangeBatch[])[]
): ResourceRecordSet[] {
  const zone = createHostedZone({ zoneId });
  for (const batches of plans)
    for (const batch of batches) expect(zone.apply(batch)).toBeUndefined();
  return zone.records();
}

const changesOf = (batches: readonly ChangeBatch[]) => batches.flatMap((b) => b.Changes);

describe('the bench floor', () => {
  // Small sizes that still shard (more than 100 weighted records per region) and group.
  it.each(SHAPES.map((s) => [s.name, s] as const))(
    'emits exactly the planner changes for the %s shape, from an empty zone and steady',
    (_, shape) => {
      const total = shape.name === 'many' ? 2000 : 1200;
      const { spec } = shape;
      const before = shapeFleet(shape, total, 0);
      const after = shapeFleet(shape, total, 1);
      const first = plan({ spec, records: [], regions: before });
      const current = zoneAfter(spec.hostedZoneId, first.changeBatches);
      const second = plan({ spec, records: current, regions: after });
      expect(changesOf(first.changeBatches).length).toBeGreaterThan(100);
      expect(changesOf(second.changeBatches).length).toBeGreaterThan(0);
      const desired = zoneAfter(spec.hostedZoneId, first.changeBatches, second.changeBatches);
      expect(
        changeSetDifference(
          changesOf(first.changeBatches),
          floorChanges(before, [], layoutOf(current, before)),
        ),
      ).toBeUndefined();
      expect(
        changeSetDifference(
          changesOf(second.changeBatches),
          floorChanges(after, current, layoutOf(desired, after)),
        ),
      ).toBeUndefined();
    },
  );

  it('names the changes that differ', () => {
    const record = {
      Name: 'a.example.com.',
      Type: 'A',
      TTL: 60,
      ResourceRecords: [{ Value: '10.0.0.1' }],
    };
    expect(changeSetDifference([{ Action: 'CREATE', ResourceRecordSet: record }], [])).toMatch(
      /^1 changes differ, e.g. planner only: CREATE/,
    );
  });
});
