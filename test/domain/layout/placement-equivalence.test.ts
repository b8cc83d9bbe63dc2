import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { place, type Placeable } from '../../../shared/domain/layout/placement.js';
import { referencePlace } from './placement-reference.js';

/** Fleets as placement sees them: ids in any order, few zones, capacities that do not add up exactly. */
function fleet(maxLength: number) {
  return fc
    .uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 6 }),
        zone: fc.constantFrom('', 'a', 'b', 'c', 'd'),
        capacity: fc.constantFrom(0, 0.1, 0.2, 0.3, 1, 2, 4, 8, 1 / 3),
      }),
      { selector: (i) => i.id, maxLength },
    )
    .map((items): Placeable[] => items);
}

/** Previous bins for some of the ids, some of them out of range as after a shrink. */
function withPrevious(items: readonly Placeable[]) {
  return fc
    .array(fc.option(fc.integer({ min: -1, max: 14 })), {
      minLength: items.length,
      maxLength: items.length,
    })
    .map(
      (bins) =>
        new Map(
          items.flatMap((item, i) => {
            const b = bins[i];
            return b === null || b === undefined ? [] : [[item.id, b] as const];
          }),
        ),
    );
}

function agree(maxLength: number, runs: number, maxBins = 12): void {
  fc.assert(
    fc.property(
      fleet(maxLength).chain((items) =>
        fc.tuple(
          fc.constant(items),
          withPrevious(items),
          fc.integer({ min: 0, max: maxBins }),
          fc.boolean(),
        ),
      ),
      ([items, previous, bins, spreadZones]) => {
        const options = { bins, previous, spreadZones };
        const expected = referencePlace(items, options);
        expect(place(items, options)).toEqual(expected);
        // Previous bins asked of each item place exactly as the same bins by id.
        const asked = { ...options, previous: (item: Placeable) => previous.get(item.id) };
        expect(place(items, asked)).toEqual(expected);
        // Items handed already in id order (as the members come) place the same.
        const inOrder = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        expect(place(inOrder, options)).toEqual(expected);
      },
    ),
    { numRuns: runs },
  );
}

/** Fleets of the given capacities over three zones, no previous bins: placed as the reference does. */
function agreeOnCapacities(capacities: fc.Arbitrary<number[]>, runs: number): void {
  fc.assert(
    fc.property(
      capacities,
      fc.integer({ min: 2, max: 12 }),
      fc.boolean(),
      (values, bins, spreadZones) => {
        const items: Placeable[] = values.map((capacity, i) => ({
          id: `i-${i.toString().padStart(4, '0')}`,
          zone: 'abc'[i % 3] ?? 'a',
          capacity,
        }));
        const options = { bins, previous: new Map<string, number>(), spreadZones };
        expect(place(items, options)).toEqual(referencePlace(items, options));
      },
    ),
    { numRuns: runs },
  );
}

describe('place against the pre-issue-13 reference', () => {
  it('places every small generated fleet exactly as the reference does', () => {
    agree(40, 2000);
  });

  it('places every larger generated fleet exactly as the reference does', () => {
    agree(400, 200);
  });

  it('places larger fleets into many bins (the chooser heaps) exactly as the reference does', () => {
    agree(600, 100, 80);
  });

  it('places items of capacity below 0 (a bin then shrinks) as the reference does', () => {
    // The heaps assume capacities only grow: such a fleet takes the scan.
    agreeOnCapacities(
      fc.array(fc.constantFrom(-5, -1, 0, 1, 2, 3), { minLength: 20, maxLength: 120 }),
      300,
    );
  });

  it('places fleets of many distinct or infinite capacities (sorted whole) as the reference does', () => {
    // Beyond 64 distinct capacities, or with one not finite, the pool is sorted by a comparator.
    agreeOnCapacities(
      fc.array(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(Infinity)), {
        minLength: 70,
        maxLength: 160,
      }),
      100,
    );
  });

  it('places a fleet lopsided over zones, with stale previous bins, as the reference does', () => {
    // Most items in one zone and every bin once held one zone only: zone repair has work to do.
    const items: Placeable[] = Array.from({ length: 300 }, (_, i) => ({
      id: `i-${((i * 7919) % 1000).toString().padStart(4, '0')}`,
      zone: i % 10 === 0 ? 'b' : i % 17 === 0 ? 'c' : 'a',
      capacity: 1 + (i % 3),
    }));
    const previous = new Map(items.map((item, i) => [item.id, i % 12] as const));
    const inOrder = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const bins of [3, 7, 12, 20]) {
      const options = { bins, previous, spreadZones: true };
      expect(place(items, options)).toEqual(referencePlace(items, options));
      expect(place(inOrder, options)).toEqual(referencePlace(items, options));
    }
  });
});
