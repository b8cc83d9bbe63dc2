import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportionWeights } from '../../../shared/domain/layout/weights.js';
import { referenceApportionWeights } from './weights-reference.js';

/** Capacities of every kind: equal, fractional (ramping), unrelated, tiny, huge, zero, not numbers. */
const capacity = fc.oneof(
  fc.constantFrom(0, 1, 2, 4, 8, 0.25, 1 / 3, 2.5, -1, Number.NaN, Infinity, 1e308, 5e-324),
  fc.integer({ min: 1, max: 1_000_000 }),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
);

describe('apportionWeights agrees with the pre-issue-13 apportionWeights', () => {
  it('gives the same weights for any capacities', () => {
    fc.assert(
      fc.property(fc.array(capacity, { maxLength: 120 }), (caps) => {
        expect(apportionWeights(caps)).toEqual(referenceApportionWeights(caps));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same weights for sets of few distinct capacities, where scales tie', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(1, 2, 3, 5, 7, 0.1, 0.5), { minLength: 1, maxLength: 100 }),
        (caps) => {
          expect(apportionWeights(caps)).toEqual(referenceApportionWeights(caps));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
