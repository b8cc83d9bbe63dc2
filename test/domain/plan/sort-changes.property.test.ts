/** The field-by-field change sort against the whole-key one it replaced: the very same order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/domain/dns/records.js';
import { sortChanges } from '../../../shared/domain/plan/sort-changes.js';
import { referenceSortChanges } from './reference-sort.js';

const name = fc.constantFrom(
  'example.com.',
  'api.example.com.',
  'api-eu.example.com.',
  'a.api.example.com.',
  'api.example.co.',
  'x\u0000.example.com.',
  'x.example.com.',
  // Keys where one name's key is a prefix of another's and a NUL follows: field order alone would differ.
  '\u0000.example.com.',
  '\u0000a.example.com.',
);
const change = fc.record({
  Action: fc.constantFrom('CREATE' as const, 'DELETE' as const, 'UPSERT' as const),
  ResourceRecordSet: fc.record(
    {
      Name: name,
      Type: fc.constantFrom('A', 'AAAA', 'CNAME', 'A\u0000', 'A\u0000A'),
      SetIdentifier: fc.constantFrom('a', 'ab', 'a-b', 'b', '', 'a\u0000', 'a\u0000b'),
    },
    { requiredKeys: ['Name', 'Type'] },
  ),
}) satisfies fc.Arbitrary<Change>;

describe('sortChanges', () => {
  it('orders as the whole-key sort, by rank and zone order, ties kept in input order', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), fc.boolean(), (changes, ranked) => {
        const rank = ranked ? (c: Change) => c.ResourceRecordSet.Name.length % 3 : undefined;
        const got = sortChanges(changes, rank);
        const want = referenceSortChanges(changes, rank);
        expect(got.length).toBe(want.length);
        got.forEach((c, i) => {
          expect(c).toBe(want[i]);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('orders without NUL characters as the whole-key sort too', () => {
    const plain = change.filter((c) => !JSON.stringify(c).includes('\\u0000'));
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 40 }), (changes) => {
        const got = sortChanges(changes);
        referenceSortChanges(changes).forEach((c, i) => {
          expect(got[i]).toBe(c);
        });
      }),
      { numRuns: 1000 },
    );
  });
});
