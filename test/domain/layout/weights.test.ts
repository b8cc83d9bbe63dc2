import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportionWeights, MAX_WEIGHT, sharesOf } from '../../../shared/domain/layout/weights.js';
import { shareError } from './weights-reference.js';

const capacities = fc.array(
  fc.oneof(fc.constantFrom(1, 2, 4, 8, 16, 32, 96), fc.integer({ min: 1, max: 1_000_000 })),
  {
    minLength: 1,
    maxLength: 120,
  },
);

function plainRounding(caps: readonly number[]): number[] {
  const largest = Math.max(...caps);
  return caps.map((c) => Math.max(1, Math.round((MAX_WEIGHT * c) / largest)));
}

describe('apportionWeights', () => {
  it.each([
    { caps: [1, 1, 1], weights: [255, 255, 255] },
    { caps: [2, 2, 1], weights: [254, 254, 127] },
    { caps: [4, 2, 2, 1], weights: [252, 126, 126, 63] },
    { caps: [3, 1], weights: [255, 85] },
    { caps: [16], weights: [255] },
    { caps: [0, 3], weights: [0, 255] },
    { caps: [0, 0], weights: [0, 0] },
    { caps: [], weights: [] },
  ])('gives $weights for capacities $caps', ({ caps, weights }) => {
    expect(apportionWeights(caps)).toEqual(weights);
  });

  it('keeps an instance with a tiny capacity in rotation at weight 1', () => {
    const weights = apportionWeights([1000, 1]);
    expect(weights).toEqual([255, 1]);
  });

  it('gives every instance with capacity a weight of 1..255 and every instance without one 0', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 64 }), { maxLength: 60 }), (caps) => {
        const weights = apportionWeights(caps);
        caps.forEach((c, i) => {
          if (c === 0) expect(weights[i]).toBe(0);
          else expect(weights[i]).toBeGreaterThanOrEqual(1);
          expect(weights[i]).toBeLessThanOrEqual(MAX_WEIGHT);
          expect(Number.isInteger(weights[i])).toBe(true);
        });
      }),
    );
  });

  it('gives equal capacities equal weights', () => {
    fc.assert(
      fc.property(capacities, (caps) => {
        const weights = apportionWeights(caps);
        caps.forEach((c, i) => {
          caps.forEach((d, j) => {
            if (c === d) expect(weights[i]).toBe(weights[j]);
          });
        });
      }),
    );
  });

  it('keeps every share within (δ_i + t_i·Σδ) / W of its capacity share (δ = 1/2 rounded, 1 raised to 1)', () => {
    fc.assert(
      fc.property(capacities, (caps) => {
        const weights = apportionWeights(caps);
        const total = weights.reduce((a, b) => a + b, 0);
        const capacity = caps.reduce((a, b) => a + b, 0);
        const largest = Math.max(...weights);
        // How far each weight may be from its exact value at the chosen scale.
        const delta = weights.map((w) => (w === 1 && largest > 2 ? 1 : 0.5));
        const sumDelta = delta.reduce((a, b) => a + b, 0);
        const shares = sharesOf(weights);
        caps.forEach((c, i) => {
          const target = c / capacity;
          const bound = ((delta[i] ?? 0) + target * sumDelta) / total;
          expect(Math.abs((shares[i] ?? 0) - target)).toBeLessThanOrEqual(bound + 1e-12);
        });
      }),
    );
  });

  it('keeps every share within (1 + n·t_i) / 2W when no instance is raised to the minimum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 64, max: 128 }), { minLength: 1, maxLength: 120 }),
        (caps) => {
          const weights = apportionWeights(caps);
          const total = weights.reduce((a, b) => a + b, 0);
          const capacity = caps.reduce((a, b) => a + b, 0);
          const shares = sharesOf(weights);
          caps.forEach((c, i) => {
            const target = c / capacity;
            const bound = (1 + caps.length * target) / (2 * total);
            expect(Math.abs((shares[i] ?? 0) - target)).toBeLessThanOrEqual(bound + 1e-12);
          });
        },
      ),
    );
  });

  it('is never further from the capacity shares than plain rounding at 255', () => {
    fc.assert(
      fc.property(capacities, (caps) => {
        expect(shareError(apportionWeights(caps), caps)).toBeLessThanOrEqual(
          shareError(plainRounding(caps), caps) + 1e-12,
        );
      }),
    );
  });

  it('is exact when capacities are small whole-number ratios', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(1, 2), { minLength: 1, maxLength: 50 }), (caps) => {
        expect(shareError(apportionWeights(caps), caps)).toBeLessThan(1e-12);
      }),
    );
  });

  it('measures the typical error: below 0.1 percentage points for fleets of mixed vCPU sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(2, 4, 8, 16, 48, 96), { minLength: 2, maxLength: 100 }),
        (caps) => {
          expect(shareError(apportionWeights(caps), caps)).toBeLessThan(0.001);
        },
      ),
    );
  });
  it.each([
    { caps: [1e308, 1e308], weights: [255, 255] },
    { caps: [1e308, 5e307], weights: [254, 127] },
    { caps: [Number.MAX_VALUE, 1], weights: [255, 1] },
  ])('stays finite and proportional for huge capacities $caps', ({ caps, weights }) => {
    expect(apportionWeights(caps)).toEqual(weights);
    expect(Number.isFinite(shareError(weights, caps))).toBe(true);
  });

  it('gives the same weights whatever the unit the capacities are counted in', () => {
    fc.assert(
      fc.property(capacities, fc.constantFrom(1e-300, 1e-9, 1e9, 1e300), (caps, scale) => {
        expect(apportionWeights(caps.map((c) => c * scale))).toEqual(apportionWeights(caps));
      }),
    );
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, -4])(
    'gives weight 0 to a capacity of %s rather than a weight Route 53 refuses',
    (bad) => {
      expect(apportionWeights([bad, 2, 1])).toEqual([0, 254, 127]);
    },
  );
});

describe('sharesOf', () => {
  it('divides each weight by the total', () => {
    expect(sharesOf([1, 3])).toEqual([0.25, 0.75]);
  });

  it('gives all zeros when every weight is zero', () => {
    expect(sharesOf([0, 0])).toEqual([0, 0]);
  });
});
