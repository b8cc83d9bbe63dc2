/** The one-pass name, IPv4 and TXT checks against the reference ones they replaced: same answers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIPv4Address } from '../../../../shared/domain/dns/zone/index.js';
import { nameProblems } from '../../../../shared/domain/dns/zone/name-rules.js';
import { rdataProblems } from '../../../../shared/domain/dns/zone/rdata.js';
import {
  referenceIsIPv4Address,
  referenceNameProblems,
  referenceTxtTooLong,
} from './reference-checks.js';

const octet = fc.oneof(
  fc.integer({ min: 0, max: 300 }).map(String),
  fc.stringMatching(/^[0-9]{0,4}$/),
  fc.constantFrom('', 'a', ' 1', '1 ', '-1', '+1', '٣', '0x1'),
);
const address = fc.oneof(
  fc.array(octet, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('1.2.3.4', '255.255.255.255', '256.1.1.1', '1.2.3.4.', '.1.2.3', '1..2.3'),
);

const label = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{0,70}$/),
  fc.constantFrom('', '\\056', '\\\\', 'é', '😀', 'a\\0', '\\12'),
  fc.string({ maxLength: 8 }),
);
const name = fc.oneof(
  fc.array(label, { minLength: 0, maxLength: 8 }).map((labels) => `${labels.join('.')}.`),
  fc
    .array(fc.stringMatching(/^[a-z]{1,63}$/), { minLength: 1, maxLength: 9 })
    .map((l) => `${l.join('.')}.`),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', '.', '..', 'a', 'a.', '.a.'),
);

describe('fast checks', () => {
  it('isIPv4Address answers as the regular expression did', () => {
    fc.assert(
      fc.property(address, (value) => {
        expect(isIPv4Address(value)).toBe(referenceIsIPv4Address(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('nameProblems gives the same messages, in the same order, as the label-by-label check', () => {
    fc.assert(
      fc.property(name, (value) => {
        expect(nameProblems(value)).toEqual(referenceNameProblems(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('the TXT rule refuses exactly the values whose character-strings are too long', () => {
    // Around the fast path's bound (85 characters), in characters of one to four octets.
    const piece = fc.constantFrom('a', ' ', '"', '\\', '\\065', 'é', '€', '😀', '\ud800');
    const text = fc.array(piece, { minLength: 0, maxLength: 130 }).map((pieces) => pieces.join(''));
    const repeated = fc
      .record({
        char: fc.constantFrom('a', 'é', '€', '😀'),
        count: fc.integer({ min: 40, max: 130 }),
      })
      .map(({ char, count }) => char.repeat(count));
    const value = fc.oneof(
      repeated,
      text,
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 120 }),
    );
    fc.assert(
      fc.property(value, (v) => {
        const refused = rdataProblems({ Name: 'a.', Type: 'TXT', ResourceRecords: [{ Value: v }] });
        expect(refused.length > 0).toBe(referenceTxtTooLong(v));
      }),
      { numRuns: 3000 },
    );
  });
});
