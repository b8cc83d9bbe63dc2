import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareChanges, diffRecords } from '../../../shared/domain/plan/diff.js';
import { sameRecord } from '../../../shared/domain/dns/record-equality.js';
import {
  recordKey,
  type Change,
  type ResourceRecordSet,
} from '../../../shared/domain/dns/records.js';

const REGIONAL = 'us-east-2.api.example.com.';

function weighted(
  id: string,
  weight: number,
  values: string[] = ['198.51.100.1'],
): ResourceRecordSet {
  return {
    Name: REGIONAL,
    Type: 'A',
    SetIdentifier: `api-prod/${id}`,
    Weight: weight,
    TTL: 60,
    ResourceRecords: values.map((Value) => ({ Value })),
  };
}

function simple(name: string, type = 'A', values: string[] = ['198.51.100.1']): ResourceRecordSet {
  return { Name: name, Type: type, TTL: 60, ResourceRecords: values.map((Value) => ({ Value })) };
}

function summary(changes: readonly Change[]): string[] {
  return changes.map((c) => `${c.Action} ${recordKey(c.ResourceRecordSet)}`);
}

describe('diffRecords', () => {
  describe('decision table', () => {
    it('deletes a record that is current but not desired, repeating it exactly', () => {
      const current = weighted('i-1', 10);
      const changes = diffRecords([current], []);
      expect(changes).toHaveLength(1);
      expect(changes[0]?.Action).toBe('DELETE');
      expect(changes[0]?.ResourceRecordSet).toBe(current);
    });

    it('creates a record that is desired but not current', () => {
      const desired = weighted('i-1', 10);
      const changes = diffRecords([], [desired]);
      expect(changes).toEqual([{ Action: 'CREATE', ResourceRecordSet: desired }]);
      expect(changes[0]?.ResourceRecordSet).toBe(desired);
    });

    it('changes nothing for a record that is current and desired with the same content', () => {
      expect(diffRecords([weighted('i-1', 10)], [weighted('i-1', 10)])).toEqual([]);
    });

    it('deletes the current record exactly and creates the desired one when the content differs', () => {
      const current = weighted('i-1', 10);
      const desired = weighted('i-1', 20);
      const changes = diffRecords([current], [desired]);
      expect(changes.map((c) => c.Action)).toEqual(['DELETE', 'CREATE']);
      expect(changes[0]?.ResourceRecordSet).toBe(current);
      expect(changes[1]?.ResourceRecordSet).toBe(desired);
    });
  });

  it('never modifies by UPSERT', () => {
    const changes = diffRecords(
      [weighted('i-1', 10), weighted('i-2', 10), simple(`endpoint-a.${REGIONAL}`)],
      [
        weighted('i-1', 30),
        weighted('i-3', 10),
        simple(`endpoint-a.${REGIONAL}`, 'A', ['198.51.100.9']),
      ],
    );
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.Action !== 'UPSERT')).toBe(true);
  });

  it('deletes the current record with the fields it does not manage, such as a health check', () => {
    const current = { ...weighted('i-1', 10), HealthCheckId: 'hc-123' };
    const changes = diffRecords([current], [weighted('i-1', 10)]);
    expect(changes.map((c) => c.Action)).toEqual(['DELETE', 'CREATE']);
    expect(changes[0]?.ResourceRecordSet).toEqual(current);
  });

  it('changes nothing for equal records whose values come in another order', () => {
    const current = weighted('i-1', 10, ['198.51.100.1', '198.51.100.2', '198.51.100.3']);
    const desired = weighted('i-1', 10, ['198.51.100.3', '198.51.100.1', '198.51.100.2']);
    expect(diffRecords([current], [desired])).toEqual([]);
  });

  it('changes nothing for an alias whose target is spelled differently but names the same record', () => {
    const alias = (dnsName: string): ResourceRecordSet => ({
      Name: 'api.example.com.',
      Type: 'A',
      SetIdentifier: 'api-prod/us-east-2',
      Region: 'us-east-2',
      AliasTarget: { HostedZoneId: 'Z0EXAMPLE12345', DNSName: dnsName, EvaluateTargetHealth: true },
    });
    expect(diffRecords([alias('US-EAST-2.api.example.com')], [alias(REGIONAL)])).toEqual([]);
  });

  it('treats records with different set identifiers as different records', () => {
    const changes = diffRecords([weighted('i-1', 10)], [weighted('i-2', 10)]);
    expect(summary(changes)).toEqual([
      `DELETE ${REGIONAL}|A|api-prod/i-1`,
      `CREATE ${REGIONAL}|A|api-prod/i-2`,
    ]);
  });

  it('treats an A and an AAAA record at one name as different records', () => {
    const changes = diffRecords(
      [simple(REGIONAL, 'A')],
      [simple(REGIONAL, 'AAAA', ['2001:db8::1'])],
    );
    expect(summary(changes)).toEqual([`DELETE ${REGIONAL}|A|`, `CREATE ${REGIONAL}|AAAA|`]);
  });

  it('lists changes in zone order: name by reversed labels, then type, then set identifier', () => {
    const desired = [
      simple('api0.example.com.'),
      weighted('i-2', 1),
      simple(REGIONAL, 'TXT', ['"x"']),
      simple(`endpoint-a.${REGIONAL}`),
      simple('api.example.com.', 'AAAA', ['2001:db8::1']),
      weighted('i-1', 1),
      simple('api.example.com.'),
    ];
    expect(summary(diffRecords([], desired))).toEqual([
      'CREATE api.example.com.|A|',
      'CREATE api.example.com.|AAAA|',
      `CREATE ${REGIONAL}|A|api-prod/i-1`,
      `CREATE ${REGIONAL}|A|api-prod/i-2`,
      `CREATE ${REGIONAL}|TXT|`,
      `CREATE endpoint-a.${REGIONAL}|A|`,
      'CREATE api0.example.com.|A|',
    ]);
  });

  it('puts each DELETE right before the CREATE of the same record, among other changes', () => {
    const current = [weighted('i-1', 10), weighted('i-2', 10), weighted('i-3', 10)];
    const desired = [
      weighted('i-1', 11),
      weighted('i-2', 10),
      weighted('i-3', 12),
      weighted('i-0', 5),
    ];
    expect(summary(diffRecords(current, desired))).toEqual([
      `CREATE ${REGIONAL}|A|api-prod/i-0`,
      `DELETE ${REGIONAL}|A|api-prod/i-1`,
      `CREATE ${REGIONAL}|A|api-prod/i-1`,
      `DELETE ${REGIONAL}|A|api-prod/i-3`,
      `CREATE ${REGIONAL}|A|api-prod/i-3`,
    ]);
  });

  const names = [
    'api.example.com.',
    REGIONAL,
    `endpoint-a.${REGIONAL}`,
    `shard-b.${REGIONAL}`,
    'api0.example.com.',
  ];
  const record: fc.Arbitrary<ResourceRecordSet> = fc
    .record({
      name: fc.constantFrom(...names),
      type: fc.constantFrom('A', 'AAAA', 'TXT'),
      id: fc.option(fc.constantFrom('api-prod/a', 'api-prod/b', 'api-prod/c'), { nil: undefined }),
      weight: fc.integer({ min: 0, max: 3 }),
      values: fc.uniqueArray(fc.constantFrom('v1', 'v2', 'v3'), { minLength: 1, maxLength: 3 }),
    })
    .map(({ name, type, id, weight, values }) => ({
      Name: name,
      Type: type,
      TTL: 60,
      ...(id === undefined ? {} : { SetIdentifier: id, Weight: weight }),
      ResourceRecords: values.map((Value) => ({ Value })),
    }));
  const zone = fc.uniqueArray(record, { selector: recordKey, maxLength: 25 });

  it('turns current into desired when applied naively, in order: delete by key, then create', () => {
    fc.assert(
      fc.property(zone, zone, (current, desired) => {
        const state = new Map(current.map((r) => [recordKey(r), r]));
        for (const change of diffRecords(current, desired)) {
          const key = recordKey(change.ResourceRecordSet);
          if (change.Action === 'DELETE') {
            expect(state.get(key)).toBe(change.ResourceRecordSet);
            state.delete(key);
          } else {
            expect(change.Action).toBe('CREATE');
            expect(state.has(key)).toBe(false);
            state.set(key, change.ResourceRecordSet);
          }
        }
        expect([...state.keys()].sort()).toEqual(desired.map(recordKey).sort());
        const byKey = new Map(current.map((r) => [recordKey(r), r]));
        for (const wanted of desired) {
          const held = state.get(recordKey(wanted));
          // A record left alone stays as read, with the desired content; any other is the desired object.
          if (held !== wanted) {
            expect(held).toBe(byKey.get(recordKey(wanted)));
            expect(held !== undefined && sameRecord(held, wanted)).toBe(true);
          }
        }
      }),
    );
  });

  it('gives changes already sorted by compareChanges, each record touched at most once per action', () => {
    fc.assert(
      fc.property(zone, zone, (current, desired) => {
        const changes = diffRecords(current, desired);
        for (let i = 1; i < changes.length; i++) {
          const [previous, next] = [changes[i - 1], changes[i]];
          if (previous !== undefined && next !== undefined) {
            expect(compareChanges(previous, next)).toBeLessThan(0);
          }
        }
      }),
    );
  });

  it('gives no changes from a zone to itself', () => {
    fc.assert(
      fc.property(zone, (records) => {
        expect(
          diffRecords(
            records,
            records.map((r) => ({ ...r })),
          ),
        ).toEqual([]);
      }),
    );
  });
});

describe('compareChanges', () => {
  const del = (r: ResourceRecordSet): Change => ({ Action: 'DELETE', ResourceRecordSet: r });
  const create = (r: ResourceRecordSet): Change => ({ Action: 'CREATE', ResourceRecordSet: r });

  it('puts the DELETE of a record before its CREATE', () => {
    const a = weighted('i-1', 10);
    const b = weighted('i-1', 20);
    expect(compareChanges(del(a), create(b))).toBeLessThan(0);
    expect(compareChanges(create(b), del(a))).toBeGreaterThan(0);
  });

  it('gives 0 for the same action on the same record', () => {
    expect(compareChanges(create(weighted('i-1', 1)), create(weighted('i-1', 2)))).toBe(0);
  });

  it('orders by name before action: a CREATE at a name sorts before a DELETE below it', () => {
    const parent = create(simple('api.example.com.'));
    const child = del(simple(REGIONAL));
    expect(compareChanges(parent, child)).toBeLessThan(0);
    expect(compareChanges(child, parent)).toBeGreaterThan(0);
  });

  it('orders by type, then set identifier, with no set identifier first', () => {
    expect(
      compareChanges(create(simple(REGIONAL, 'A')), del(simple(REGIONAL, 'AAAA'))),
    ).toBeLessThan(0);
    expect(compareChanges(create(simple(REGIONAL, 'A')), del(weighted('a', 1)))).toBeLessThan(0);
    expect(compareChanges(create(weighted('a', 1)), del(weighted('b', 1)))).toBeLessThan(0);
  });
});
