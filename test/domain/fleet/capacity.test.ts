import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  capacityOf,
  MAX_CAPACITY,
  parseCapacityTag,
} from '../../../shared/domain/fleet/capacity.js';
import type { InstanceTypeInfo } from '../../../shared/domain/fleet/fleet.js';
import type { ServiceSpec } from '../../../shared/domain/spec.js';
import { instance, TYPES } from '../../support/builders.js';

const TAG = 'rebalancer:capacity';

function source(
  kind: ServiceSpec['capacity']['source'],
  overrideTag = TAG,
  maxOverrideRatio = 4,
): ServiceSpec['capacity'] {
  return { source: kind, overrideTag, maxOverrideRatio };
}

describe('parseCapacityTag', () => {
  it.each([
    { value: '4', parsed: 4 },
    { value: '1', parsed: 1 },
    { value: '0.5', parsed: 0.5 },
    { value: '12.25', parsed: 12.25 },
    { value: ' 4 ', parsed: 4 },
    { value: '1e2', parsed: 100 },
    { value: '1000000000', parsed: MAX_CAPACITY },
  ])('reads $value as $parsed', ({ value, parsed }) => {
    expect(parseCapacityTag(value)).toBe(parsed);
  });

  it.each([
    { value: '0', why: 'zero' },
    { value: '-0', why: 'negative zero' },
    { value: '-1', why: 'negative' },
    { value: 'abc', why: 'not a number' },
    { value: '4 vcpu', why: 'a number followed by text' },
    { value: '', why: 'empty' },
    { value: '   ', why: 'blank' },
    { value: 'Infinity', why: 'infinite' },
    { value: '-Infinity', why: 'negative infinite' },
    { value: 'NaN', why: 'NaN' },
    { value: '1e308', why: 'finite but no capacity (above 1e9)' },
    { value: '1000000001', why: 'just above 1e9' },
  ])('rejects $value ($why)', ({ value }) => {
    expect(parseCapacityTag(value)).toBeUndefined();
  });

  it('gives undefined for a missing tag', () => {
    expect(parseCapacityTag(undefined)).toBeUndefined();
  });
});

describe('capacityOf', () => {
  it('counts vCPUs from the instance type', () => {
    const result = capacityOf(instance({ instanceType: 'm5.xlarge' }), source('vcpu'), TYPES);
    expect(result).toEqual({ ok: true, capacity: { value: 4, origin: 'vcpu' } });
  });

  it('counts memory in MiB from the instance type', () => {
    const result = capacityOf(instance({ instanceType: 'm5.xlarge' }), source('memory'), TYPES);
    expect(result).toEqual({ ok: true, capacity: { value: 16384, origin: 'memory' } });
  });

  it('gives every instance 1 with the equal source, even of an unknown type without type data', () => {
    const result = capacityOf(instance({ instanceType: 'x9.mystery' }), source('equal'), undefined);
    expect(result).toEqual({ ok: true, capacity: { value: 1, origin: 'equal' } });
  });

  it.each([
    { kind: 'vcpu', value: '12' },
    { kind: 'memory', value: '40000' },
    { kind: 'equal', value: '3' },
  ] as const)('lets a numeric override tag win over the $kind source', ({ kind, value }) => {
    const tagged = instance({ instanceType: 'm5.xlarge', tags: { [TAG]: value } });
    expect(capacityOf(tagged, source(kind), TYPES)).toEqual({
      ok: true,
      capacity: { value: Number(value), origin: 'override' },
    });
  });

  it('cannot bound an override on an instance type it does not know, so reports the type', () => {
    // Intended change: the override used to win unbounded here.
    const tagged = instance({ id: 'i-0abc', instanceType: 'x9.mystery', tags: { [TAG]: '3' } });
    expect(capacityOf(tagged, source('vcpu'), undefined)).toEqual({
      ok: false,
      problem: 'instance type x9.mystery of i-0abc is unknown (no describe-instance-types data)',
    });
  });

  it.each(['abc', '0', '-2', '', 'Infinity', 'NaN', '1e308'])(
    'ignores an override tag of %j with a warning naming the instance and the tag, and uses the source',
    (value) => {
      const tagged = instance({
        id: 'i-0abc',
        instanceType: 'm5.2xlarge',
        tags: { [TAG]: value },
      });
      expect(capacityOf(tagged, source('vcpu'), TYPES)).toEqual({
        ok: true,
        capacity: { value: 8, origin: 'vcpu' },
        ignored: `i-0abc: ignoring ${TAG}=${value} (not a number above 0 and at most 1000000000)`,
      });
    },
  );

  it('ignores the tag when no override tag is configured', () => {
    const tagged = instance({ instanceType: 'm5.2xlarge', tags: { [TAG]: '12' } });
    expect(
      capacityOf(tagged, { source: 'vcpu', overrideTag: undefined, maxOverrideRatio: 4 }, TYPES),
    ).toEqual({ ok: true, capacity: { value: 8, origin: 'vcpu' } });
  });

  it('reads the configured override tag, not another one', () => {
    const tagged = instance({ instanceType: 'm5.2xlarge', tags: { [TAG]: '12', weight: '5' } });
    expect(capacityOf(tagged, source('vcpu', 'weight'), TYPES)).toEqual({
      ok: true,
      capacity: { value: 5, origin: 'override' },
    });
  });
  it('reports an unknown instance type, naming the type and the instance', () => {
    const unknown = instance({ id: 'i-0abc', instanceType: 'x9.mystery' });
    const result = capacityOf(unknown, source('vcpu'), TYPES);
    expect(result.ok).toBe(false);
    expect(result).toEqual({
      ok: false,
      problem: 'instance type x9.mystery of i-0abc is unknown (no describe-instance-types data)',
    });
  });

  it('reports every type as unknown when no type data was read', () => {
    const result = capacityOf(instance({ instanceType: 'm5.large' }), source('memory'), undefined);
    expect(result.ok).toBe(false);
  });

  it.each<{ kind: 'vcpu' | 'memory'; info: InstanceTypeInfo }>([
    { kind: 'vcpu', info: { vcpus: 0, memoryMiB: 1024 } },
    { kind: 'memory', info: { vcpus: 2, memoryMiB: 0 } },
    { kind: 'vcpu', info: { vcpus: Number.NaN, memoryMiB: 1024 } },
  ])('reports a type that reports no $kind', ({ kind, info }) => {
    const types = new Map([['z1.zero', info]]);
    const result = capacityOf(instance({ instanceType: 'z1.zero' }), source(kind), types);
    expect(result).toEqual({ ok: false, problem: `instance type z1.zero reports no ${kind}` });
  });

  it.each([
    { kind: 'vcpu', info: { vcpus: Number.POSITIVE_INFINITY, memoryMiB: 1024 }, shown: 'Infinity' },
    { kind: 'memory', info: { vcpus: 2, memoryMiB: 2 ** 53 - 1 }, shown: '9007200000000000' },
  ] as const)(
    'reports a type whose $kind is beyond any instance ($shown)',
    ({ kind, info, shown }) => {
      const types = new Map([['z1.huge', info]]);
      expect(capacityOf(instance({ instanceType: 'z1.huge' }), source(kind), types)).toEqual({
        ok: false,
        problem: `instance type z1.huge reports ${shown} ${kind}, more than 1000000000`,
      });
    },
  );

  it('uses the source that has a value when the other is zero', () => {
    const types = new Map([['z1.zero', { vcpus: 0, memoryMiB: 512 }]]);
    expect(capacityOf(instance({ instanceType: 'z1.zero' }), source('memory'), types)).toEqual({
      ok: true,
      capacity: { value: 512, origin: 'memory' },
    });
  });
});

describe('capacityOf bounds an override tag', () => {
  it('clamps an override above maxOverrideRatio times the source capacity, and says so', () => {
    const tagged = instance({ id: 'i-0abc', instanceType: 'm5.large', tags: { [TAG]: '1000000' } });
    expect(capacityOf(tagged, source('vcpu'), TYPES)).toEqual({
      ok: true,
      capacity: { value: 8, origin: 'override' },
      clamped: `i-0abc: ${TAG}=1000000 clamped to 8: an override may be at most 4x the instance's own vcpu capacity 2 (capacity.maxOverrideRatio 4)`,
    });
  });

  it('clamps an override below 1/maxOverrideRatio of the source capacity, and says so', () => {
    const tagged = instance({ id: 'i-0abc', instanceType: 'm5.2xlarge', tags: { [TAG]: '0.01' } });
    expect(capacityOf(tagged, source('vcpu'), TYPES)).toEqual({
      ok: true,
      capacity: { value: 2, origin: 'override' },
      clamped: `i-0abc: ${TAG}=0.01 clamped to 2: an override may be at least 1/4 of the instance's own vcpu capacity 8 (capacity.maxOverrideRatio 4)`,
    });
  });

  it.each([
    { ratio: 1, value: '3', kind: 'equal', clamped: 1 },
    { ratio: 10, value: '30', kind: 'vcpu', clamped: 20 },
    { ratio: 2.5, value: '5', kind: 'vcpu', clamped: 5 },
    { ratio: 4, value: '65536', kind: 'memory', clamped: 32768 },
  ] as const)(
    'bounds $value by ratio $ratio over the $kind source at $clamped',
    ({ ratio, value, kind, clamped }) => {
      const tagged = instance({ instanceType: 'm5.large', tags: { [TAG]: value } });
      const result = capacityOf(tagged, source(kind, TAG, ratio), TYPES);
      expect(result.ok && result.capacity).toEqual({ value: clamped, origin: 'override' });
    },
  );

  it('keeps any override within the bounds, whatever the tag says', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom(...TYPES.keys()),
        fc.constantFrom<'vcpu' | 'memory' | 'equal'>('vcpu', 'memory', 'equal'),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        (value, type, kind, ratio) => {
          const tagged = instance({ instanceType: type, tags: { [TAG]: value } });
          const own = capacityOf(instance({ instanceType: type }), source(kind), TYPES);
          const result = capacityOf(tagged, source(kind, TAG, ratio), TYPES);
          if (!result.ok || !own.ok) throw new Error('known types have a capacity');
          expect(Number.isFinite(result.capacity.value)).toBe(true);
          expect(result.capacity.value).toBeLessThanOrEqual(own.capacity.value * ratio);
          expect(result.capacity.value).toBeGreaterThanOrEqual(own.capacity.value / ratio);
        },
      ),
    );
  });
});
