import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasTarget } from '../../../shared/domain/dns/records.js';
import {
  fanOut,
  weightedSet,
  type FanOutContext,
  type WeightedChild,
} from '../../../shared/domain/layout/fan-out.js';
import { referenceFanOut, referenceWeightedSet, type ReferenceChild } from './fan-out-reference.js';

/** The shape of every set drawn here. */
const SHAPE = { type: 'A', ttl: 60 };

/** The children as the reference takes them: each with its record's body, made with the child. */
function asReference(children: readonly WeightedChild[]): ReferenceChild[] {
  return children.map(({ key, capacity, value, alias }) => ({
    key,
    capacity,
    body:
      alias !== undefined
        ? { Type: SHAPE.type, AliasTarget: alias }
        : { Type: SHAPE.type, TTL: SHAPE.ttl, ResourceRecords: [{ Value: value }] },
  }));
}

/** Capacities as renderWeighted makes them: whole, fractional (ramping), zero (not serving). */
const capacityArb = fc.constantFrom(0, 0.1, 0.25, 1 / 3, 1, 2, 4, 8, 16, 2.5);

function childrenArb(maxLength: number, minLength = 0) {
  return fc
    .uniqueArray(
      fc.record({
        key: fc.string({ minLength: 1, maxLength: 5 }),
        capacity: capacityArb,
        alias: fc.boolean(),
      }),
      { selector: (c) => c.key, minLength, maxLength },
    )
    .map((items) =>
      items.map(({ key, capacity, alias }): WeightedChild =>
        alias
          ? {
              key,
              capacity,
              value: undefined,
              alias: aliasTarget('Z1', `g-${key}.example.com.`, true),
            }
          : { key, capacity, value: `192.0.2.${key.length}`, alias: undefined },
      ),
    );
}

/**
 * Previous shards for some keys (some out of range, as after a shrink), and
 * a previous count; the reference found them by child key, fanOut by set identifier.
 */
function contextArb(children: readonly WeightedChild[]) {
  return fc
    .record({
      bins: fc.array(fc.option(fc.integer({ min: -1, max: 8 })), {
        minLength: children.length,
        maxLength: children.length,
      }),
      previousShards: fc.integer({ min: 0, max: 8 }),
    })
    .map(({ bins, previousShards }) => {
      const byKey = new Map(
        children.flatMap((c, i) => {
          const b = bins[i];
          return b === null || b === undefined ? [] : [[c.key, b] as const];
        }),
      );
      const context: FanOutContext = {
        zoneId: 'Z1',
        ownerId: 'owner',
        previousShards,
        previousShardOf: new Map([...byKey].map(([key, b]) => [`owner/${key}`, b])),
      };
      return { context, reference: { ...context, previousShardOf: byKey } };
    });
}

function agree(maxLength: number, runs: number, minLength = 0): void {
  fc.assert(
    fc.property(
      childrenArb(maxLength, minLength).chain((children) =>
        fc.tuple(fc.constant(children), contextArb(children)),
      ),
      ([children, { context, reference }]) => {
        const fast = fanOut('r.example.com.', SHAPE, children, context);
        const slow = referenceFanOut('r.example.com.', 'A', asReference(children), reference);
        if (slow === undefined || fast === undefined) {
          expect(fast).toBe(slow);
          return;
        }
        // JSON text, not toEqual: the key order of every record must match too.
        expect(JSON.stringify(fast.records)).toBe(JSON.stringify(slow.records));
        expect(fast.shards).toBe(slow.shards);
        expect(fast.shares).toEqual(children.map((c) => slow.shares.get(c.key)));
        expect(fast.weights).toEqual(children.map((c) => slow.weights.get(c.key)));
      },
    ),
    { numRuns: runs },
  );
}

describe('fanOut agrees with the pre-issue-13 fan-out', () => {
  it('in one weighted set', () => {
    agree(100, 150);
  });

  // More than 100 children always shard: drawn sizes lean small, so the sharded runs ask for them.
  it('in a few shards, with shards kept from before', () => {
    agree(260, 60, 101);
  });

  it('in many shards, with shards kept from before', () => {
    agree(900, 15, 400);
  });
});

describe('weightedSet agrees with the pre-issue-13 weightedSet', () => {
  it('gives the same records, shares and weights by key', () => {
    fc.assert(
      fc.property(childrenArb(100), (children) => {
        const fast = weightedSet('r.example.com.', SHAPE, children, 'owner');
        const slow = referenceWeightedSet('r.example.com.', asReference(children), 'owner');
        expect(JSON.stringify(fast.records)).toBe(JSON.stringify(slow.records));
        expect([...fast.shares]).toEqual([...slow.shares]);
        expect([...fast.weights]).toEqual([...slow.weights]);
        expect(fast.shards).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
