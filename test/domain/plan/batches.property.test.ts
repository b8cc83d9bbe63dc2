/** The one-pass compile against the unit-by-unit one it replaced: the very same batches, in the same order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change, ChangeBatch } from '../../../shared/domain/dns/records.js';
import { compileBatches, type BatchLimits } from '../../../shared/domain/plan/batches.js';
import { referenceCompileBatches } from './reference-batches.js';

/** Few names, so that units hold several changes and joins meet present and absent names. */
const NAMES = [
  'api.example.com.',
  'eu.api.example.com.',
  'eu-west.api.example.com.',
  'shard-a.eu.api.example.com.',
  'shard-b.eu.api.example.com.',
  'endpoint-a.shard-a.eu.api.example.com.',
  'us.api.example.com.',
  'x\u0000.api.example.com.',
  '\u0000.api.example.com.',
];
const name = fc.constantFrom(...NAMES);

const change = fc.record({
  Action: fc.constantFrom('CREATE' as const, 'DELETE' as const, 'UPSERT' as const),
  ResourceRecordSet: fc.record(
    {
      Name: name,
      Type: fc.constantFrom('A', 'AAAA', 'TXT'),
      SetIdentifier: fc.constantFrom('a', 'ab', 'a-b', 'b', '', 'a\u0000', 'a\u0000b'),
      TTL: fc.constant(60),
      ResourceRecords: fc.array(
        fc.record({ Value: fc.string({ unit: fc.constantFrom('1', '.'), maxLength: 9 }) }),
        { maxLength: 4 },
      ),
      AliasTarget: fc.constant({
        HostedZoneId: 'Z1',
        DNSName: 'target.example.com.',
        EvaluateTargetHealth: false,
      }),
    },
    { requiredKeys: ['Name', 'Type'] },
  ),
}) satisfies fc.Arbitrary<Change>;

const depths = fc.array(fc.integer({ min: 0, max: 4 }), {
  minLength: NAMES.length,
  maxLength: NAMES.length,
});
const joins = fc.array(fc.array(name, { maxLength: 4 }), { maxLength: 3 });
const limits = fc.record({
  maxRecords: fc.integer({ min: 1, max: 12 }),
  maxCharacters: fc.integer({ min: 1, max: 60 }),
}) satisfies fc.Arbitrary<BatchLimits>;

/** The batches, or the message when compiling throws. */
function outcome(compile: () => ChangeBatch[]): ChangeBatch[] | string {
  try {
    return compile();
  } catch (error) {
    return (error as Error).message;
  }
}

function expectSame(got: ChangeBatch[] | string, want: ChangeBatch[] | string): void {
  expect(got).toEqual(want);
  if (typeof got === 'string' || typeof want === 'string') return;
  got.forEach((batch, i) => {
    batch.Changes.forEach((c, j) => {
      expect(c).toBe(want[i]?.Changes[j]);
    });
  });
}

describe('compileBatches', () => {
  it('gives the batches of the unit-by-unit compile, under any limits, joins and depths', () => {
    fc.assert(
      fc.property(
        fc.array(change, { maxLength: 40 }),
        depths,
        joins,
        limits,
        (changes, depthList, joined, limit) => {
          const depthOf = (n: string) => depthList[NAMES.indexOf(n)] ?? 0;
          const got = outcome(() => compileBatches(changes, depthOf, joined, 'plan', limit));
          const want = outcome(() =>
            referenceCompileBatches(changes, depthOf, joined, 'plan', limit),
          );
          expectSame(got, want);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('gives the batches of the unit-by-unit compile under Route 53 limits, long comments cut alike', () => {
    fc.assert(
      fc.property(
        fc.array(change, { maxLength: 60 }),
        depths,
        joins,
        fc.string({ maxLength: 300 }),
        (changes, depthList, joined, comment) => {
          const depthOf = (n: string) => depthList[NAMES.indexOf(n)] ?? 0;
          expectSame(
            outcome(() => compileBatches(changes, depthOf, joined, comment)),
            outcome(() => referenceCompileBatches(changes, depthOf, joined, comment)),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('packs A records by their real lengths where the 15-character bound would split', () => {
    // Five names of one 7-character address each: 35 characters, 75 by the bound.
    const a = (n: number): Change => ({
      Action: 'CREATE',
      ResourceRecordSet: {
        Name: `n${n}.api.example.com.`,
        Type: 'A',
        TTL: 60,
        ResourceRecords: [{ Value: `1.1.1.${n}` }],
      },
    });
    const limits = { maxRecords: 10, maxCharacters: 40 };
    const batches = compileBatches([1, 2, 3, 4, 5].map(a), () => 0, [], 'plan', limits);
    expect(batches.map((b) => b.Changes.length)).toEqual([5]);
    // One more address passes 40 exactly: the sixth starts a batch.
    const six = compileBatches([1, 2, 3, 4, 5, 6].map(a), () => 0, [], 'plan', limits);
    expect(six.map((b) => b.Changes.length)).toEqual([5, 1]);
    // A unit alone is judged exactly too: 2 addresses of 7 within a limit of 20 (30 by the bound).
    const pair: Change = {
      Action: 'CREATE',
      ResourceRecordSet: {
        Name: 'pair.api.example.com.',
        Type: 'A',
        TTL: 60,
        ResourceRecords: [{ Value: '1.1.1.1' }, { Value: '2.2.2.2' }],
      },
    };
    expect(
      compileBatches([pair], () => 0, [], 'plan', { maxRecords: 10, maxCharacters: 20 }),
    ).toHaveLength(1);
  });

  it('refuses a unit that alone exceeds a batch, naming where', () => {
    const big: Change = {
      Action: 'CREATE',
      ResourceRecordSet: {
        Name: 'api.example.com.',
        Type: 'TXT',
        ResourceRecords: [{ Value: 'x'.repeat(40) }],
      },
    };
    expect(() =>
      compileBatches([big], () => 0, [], 'plan', { maxRecords: 10, maxCharacters: 20 }),
    ).toThrow('the changes at api.example.com. alone exceed one change batch');
  });
});
