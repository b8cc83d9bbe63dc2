import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binLabel,
  binName,
  depthOfName,
  groupCount,
  MAX_GROUPS,
  MAX_CHILDREN,
  parseBinName,
  shardCount,
  type BinKind,
} from '../../../shared/domain/layout/layout.js';

const REGIONAL = 'us-east-2.api.example.com.';
const LATENCY = new Set(['api.example.com.']);
const kind = fc.constantFrom<BinKind>('endpoint', 'shard');

describe('binLabel', () => {
  it.each([
    { index: 0, label: 'a' },
    { index: 1, label: 'b' },
    { index: 25, label: 'z' },
    { index: 26, label: 'aa' },
    { index: 27, label: 'ab' },
    { index: 51, label: 'az' },
    { index: 52, label: 'ba' },
    { index: 701, label: 'zz' },
    { index: 702, label: 'aaa' },
    { index: 18277, label: 'zzz' },
    { index: 18278, label: 'aaaa' },
  ])('labels bin $index $label', ({ index, label }) => {
    expect(binLabel(index)).toBe(label);
  });

  it('gives distinct indexes distinct labels of lower-case letters', () => {
    const labels = Array.from({ length: 2000 }, (_, i) => binLabel(i));
    expect(new Set(labels).size).toBe(labels.length);
    for (const label of labels) expect(label).toMatch(/^[a-z]+$/);
  });
});

describe('binName', () => {
  it.each<{ kind: BinKind; index: number; name: string }>([
    { kind: 'endpoint', index: 0, name: `endpoint-a.${REGIONAL}` },
    { kind: 'shard', index: 2, name: `shard-c.${REGIONAL}` },
    { kind: 'endpoint', index: 26, name: `endpoint-aa.${REGIONAL}` },
  ])('names $kind bin $index $name', ({ kind: k, index, name }) => {
    expect(binName(k, REGIONAL, index)).toBe(name);
  });
});

describe('parseBinName', () => {
  it('reads the kind and index of a bin name', () => {
    expect(parseBinName(`endpoint-ab.${REGIONAL}`, REGIONAL)).toEqual({
      kind: 'endpoint',
      index: 27,
    });
    expect(parseBinName(`shard-a.${REGIONAL}`, REGIONAL)).toEqual({ kind: 'shard', index: 0 });
  });

  it('round-trips with binName for indexes 0..5000', () => {
    fc.assert(
      fc.property(kind, fc.integer({ min: 0, max: 5000 }), (k, index) => {
        expect(parseBinName(binName(k, REGIONAL, index), REGIONAL)).toEqual({ kind: k, index });
      }),
    );
  });

  it.each([
    { name: REGIONAL, why: 'the regional name itself' },
    { name: `x.endpoint-a.${REGIONAL}`, why: 'a name below a bin' },
    { name: `endpoint-a.shard-b.${REGIONAL}`, why: 'a bin of a shard' },
    { name: 'endpoint-a.eu-west-1.api.example.com.', why: 'a bin of another regional name' },
    {
      name: 'endpoint-a.xus-east-2.api.example.com.',
      why: 'a bin of a name ending like the regional name',
    },
    { name: 'endpoint-a.api.example.com.', why: 'a bin of the parent' },
    { name: `group-a.${REGIONAL}`, why: 'another kind' },
    { name: `endpoint-.${REGIONAL}`, why: 'an empty label' },
    { name: `endpoint-a1.${REGIONAL}`, why: 'a label with a digit' },
    { name: `endpoint-A.${REGIONAL}`, why: 'an upper-case label' },
    { name: `endpointa.${REGIONAL}`, why: 'a missing hyphen' },
    { name: `my-endpoint-a.${REGIONAL}`, why: 'a prefix before the kind' },
    { name: `i-0123.${REGIONAL}`, why: 'an instance name' },
  ])('rejects $why: $name', ({ name }) => {
    expect(parseBinName(name, REGIONAL)).toBeUndefined();
  });
});

describe('groupCount', () => {
  it.each([
    { n: 0, size: 4, current: 0, groups: 0 },
    { n: 0, size: 4, current: 3, groups: 0 },
    { n: 1, size: 4, current: 0, groups: 1 },
    { n: 4, size: 4, current: 0, groups: 1 },
    { n: 5, size: 4, current: 0, groups: 2 },
    { n: 8, size: 4, current: 0, groups: 2 },
    { n: 9, size: 4, current: 0, groups: 3 },
    { n: 100, size: 8, current: 0, groups: 13 },
  ])(
    'makes $groups groups of at most $size for $n fresh addresses',
    ({ n, size, current, groups }) => {
      expect(groupCount(n, size, current)).toBe(groups);
    },
  );

  it.each([
    { n: 9, size: 4, current: 2, groups: 2, why: 'groups of 5 and 4 stay within one of 4' },
    { n: 10, size: 4, current: 2, groups: 2, why: 'groups of 5 stay within one of 4' },
    { n: 6, size: 4, current: 2, groups: 2, why: 'groups of 3 stay within one of 4' },
    { n: 12, size: 4, current: 4, groups: 4, why: 'groups of 3 stay within one of 4' },
    { n: 15, size: 4, current: 3, groups: 3, why: 'groups of 5 stay within one of 4' },
    { n: 11, size: 4, current: 2, groups: 3, why: 'a group of 6 is too big' },
    { n: 7, size: 4, current: 3, groups: 2, why: 'a group of 2 is too small' },
    { n: 16, size: 4, current: 3, groups: 4, why: 'a group of 6 is too big' },
    {
      n: 3,
      size: 1,
      current: 5,
      groups: 3,
      why: 'more groups than addresses would leave one empty',
    },
    { n: 2, size: 1, current: 1, groups: 1, why: 'a group of 2 stays within one of 1' },
  ])(
    'gives $groups for $n addresses in $current groups of target $size ($why)',
    ({ n, size, current, groups }) => {
      expect(groupCount(n, size, current)).toBe(groups);
    },
  );

  const counts = fc.record({
    n: fc.integer({ min: 0, max: 500 }),
    size: fc.integer({ min: 1, max: 20 }),
    current: fc.integer({ min: 0, max: 60 }),
  });

  it('keeps the current count whenever every group stays within one of the target size', () => {
    fc.assert(
      fc.property(counts, ({ n, size, current }) => {
        fc.pre(n > 0 && current > 0);
        const smallest = Math.floor(n / current);
        const largest = Math.ceil(n / current);
        fc.pre(smallest >= Math.max(1, size - 1) && largest <= size + 1);
        expect(groupCount(n, size, current)).toBe(current);
      }),
    );
  });

  it('otherwise starts afresh with ceil(n / size) groups (at most 100), and never leaves a group empty or oversized below that cap', () => {
    fc.assert(
      fc.property(counts, ({ n, size, current }) => {
        fc.pre(n > 0);
        const groups = groupCount(n, size, current);
        if (groups !== current) expect(groups).toBe(Math.min(MAX_GROUPS, Math.ceil(n / size)));
        expect(Math.floor(n / groups)).toBeGreaterThanOrEqual(1);
        if (groups < MAX_GROUPS) expect(Math.ceil(n / groups)).toBeLessThanOrEqual(size + 1);
      }),
    );
  });

  it.each([
    { n: 401, size: 4, current: 0 },
    { n: 1000, size: 4, current: 100 },
    { n: 1000, size: 4, current: 250 },
    { n: 10_000, size: 2, current: 0 },
  ])(
    'never makes more than 100 groups ($n addresses, size $size, now $current): the groups grow instead',
    ({ n, size, current }) => {
      expect(groupCount(n, size, current)).toBe(MAX_GROUPS);
    },
  );

  it('is stable: asking again with its own answer gives the same answer', () => {
    fc.assert(
      fc.property(counts, ({ n, size, current }) => {
        const groups = groupCount(n, size, current);
        expect(groupCount(n, size, groups)).toBe(groups);
      }),
    );
  });

  it('does not reshuffle when one address joins or leaves a fleet of full groups', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 20 }),
        fc.integer({ min: 1, max: 30 }),
        (size, groups) => {
          const n = size * groups;
          expect(groupCount(n + 1, size, groups)).toBe(groups);
          expect(groupCount(n - 1, size, groups)).toBe(groups);
        },
      ),
    );
  });
});

describe('shardCount', () => {
  it('allows 100 weighted children per name', () => {
    expect(MAX_CHILDREN).toBe(100);
  });

  it.each([
    { n: 0, current: 0, shards: 0 },
    { n: 1, current: 0, shards: 0 },
    { n: 100, current: 0, shards: 0 },
    { n: 101, current: 0, shards: 2 },
    { n: 200, current: 0, shards: 2 },
    { n: 201, current: 0, shards: 3 },
    { n: 1000, current: 0, shards: 10 },
    { n: 101, current: 1, shards: 2 },
  ])('gives $shards shards for $n children when $current exist', ({ n, current, shards }) => {
    expect(shardCount(n, current)).toBe(shards);
  });

  it.each([
    { n: 100, current: 2, shards: 2 },
    { n: 95, current: 2, shards: 2 },
    { n: 91, current: 2, shards: 2 },
    { n: 90, current: 2, shards: 0 },
    { n: 89, current: 2, shards: 0 },
    { n: 95, current: 5, shards: 0 },
    { n: 50, current: 3, shards: 0 },
    { n: 0, current: 2, shards: 0 },
  ])(
    'keeps two shards while more than 90 children remain: $n children in $current shards → $shards',
    ({ n, current, shards }) => {
      expect(shardCount(n, current)).toBe(shards);
    },
  );

  it.each([
    { n: 150, current: 2, shards: 2, why: 'exactly the needed count' },
    { n: 150, current: 3, shards: 3, why: 'one more than needed' },
    { n: 150, current: 4, shards: 2, why: 'two more than needed' },
    { n: 250, current: 2, shards: 3, why: 'fewer than needed' },
    { n: 301, current: 3, shards: 4, why: 'fewer than needed by one' },
  ])('gives $shards for $n children in $current shards ($why)', ({ n, current, shards }) => {
    expect(shardCount(n, current)).toBe(shards);
  });

  const counts = fc.record({
    n: fc.integer({ min: 0, max: 2000 }),
    current: fc.integer({ min: 0, max: 25 }),
  });

  it('never puts more than 100 children under one name, and never makes a single shard', () => {
    fc.assert(
      fc.property(counts, ({ n, current }) => {
        const shards = shardCount(n, current);
        expect(shards).not.toBe(1);
        if (shards === 0) expect(n).toBeLessThanOrEqual(MAX_CHILDREN);
        else expect(Math.ceil(n / shards)).toBeLessThanOrEqual(MAX_CHILDREN);
      }),
    );
  });

  it('never shards fewer than 90 children', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 89 }),
        fc.integer({ min: 0, max: 25 }),
        (n, current) => {
          expect(shardCount(n, current)).toBe(0);
        },
      ),
    );
  });

  it('is stable: asking again with its own answer gives the same answer', () => {
    fc.assert(
      fc.property(counts, ({ n, current }) => {
        const shards = shardCount(n, current);
        expect(shardCount(n, shards)).toBe(shards);
      }),
    );
  });
});

describe('depthOfName', () => {
  it.each([
    { name: 'api.example.com.', depth: 0, what: 'a latency name' },
    { name: REGIONAL, depth: 1, what: 'a regional name' },
    { name: `shard-a.${REGIONAL}`, depth: 2, what: 'a shard' },
    { name: `shard-zz.${REGIONAL}`, depth: 2, what: 'a shard with a long label' },
    { name: `endpoint-b.${REGIONAL}`, depth: 3, what: 'a multi-value group' },
    { name: `endpoint-a.shard-b.${REGIONAL}`, depth: 3, what: 'a group below a shard' },
    { name: `shard-1.${REGIONAL}`, depth: 1, what: 'a name that only looks like a shard' },
    { name: `my-endpoint-a.${REGIONAL}`, depth: 1, what: 'a name that only contains a bin label' },
  ])('puts $what at depth $depth', ({ name, depth }) => {
    expect(depthOfName(name, LATENCY)).toBe(depth);
  });

  it('says depth 0 for a latency name even when it looks like a bin', () => {
    expect(depthOfName(`endpoint-a.${REGIONAL}`, new Set([`endpoint-a.${REGIONAL}`]))).toBe(0);
  });

  it('puts every bin deeper than the regional name it belongs to', () => {
    fc.assert(
      fc.property(kind, fc.nat({ max: 5000 }), (k, index) => {
        const depth = depthOfName(binName(k, REGIONAL, index), LATENCY);
        expect(depth).toBe(k === 'shard' ? 2 : 3);
        expect(depth).toBeGreaterThan(depthOfName(REGIONAL, LATENCY));
      }),
    );
  });
});
