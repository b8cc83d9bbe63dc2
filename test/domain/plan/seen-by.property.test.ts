import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change, ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import { recordsSeenBy } from '../../../shared/domain/plan/preflight.js';
import { referenceSeenBy } from './seen-by-reference.js';

// Few names, some spelt unnormalised, so that chains, cycles and shared targets are common.
const name = fc.constantFrom(
  'a.example.com.',
  'b.example.com.',
  'c.example.com.',
  'd.example.com.',
  'e.example.com.',
  'f.example.com.',
  'B.example.com',
  'c.example.com',
);
const record: fc.Arbitrary<ResourceRecordSet> = fc.oneof(
  name.map((Name) => ({ Name, Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }] })),
  fc.tuple(name, name, fc.constantFrom('x', 'y')).map(([Name, DNSName, SetIdentifier]) => ({
    Name,
    Type: 'A',
    SetIdentifier,
    Weight: 1,
    AliasTarget: { HostedZoneId: 'Z1', DNSName, EvaluateTargetHealth: true },
  })),
);
const change: fc.Arbitrary<Change> = fc.record({
  Action: fc.constantFrom('CREATE' as const, 'DELETE' as const),
  ResourceRecordSet: record,
});

describe('recordsSeenBy', () => {
  it('returns what the reference returns, in its order', () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 12 }),
        fc.array(fc.array(change, { minLength: 1, maxLength: 6 }), { maxLength: 3 }),
        (records, batches) => {
          const changeBatches = batches.map((Changes) => ({ Changes }));
          const seen = recordsSeenBy(records, changeBatches);
          const expected = referenceSeenBy(records, changeBatches);
          // The same record objects, not only equal ones: a record twice would load twice.
          expect(seen.length).toBe(expected.length);
          seen.forEach((r, i) => {
            expect(r).toBe(expected[i]);
          });
        },
      ),
      { numRuns: 3000 },
    );
  });
});
