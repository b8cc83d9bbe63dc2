/** The one-pass name and IPv4 checks against the reference ones they replaced: same answers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIPv4Address } from '../../../../shared/domain/dns/zone/index.js';
import { nameProblems } from '../../../../shared/domain/dns/zone/name-rules.js';
import { referenceIsIPv4Address, referenceNameProblems } from './reference-checks.js';

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
});
