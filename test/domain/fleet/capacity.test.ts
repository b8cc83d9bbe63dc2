import { describe, expect, it } from 'vitest';
import { capacityOf, parseCapacityTag } from '../../../shared/domain/fleet/capacity.js';
import type { InstanceTypeInfo } from '../../../shared/domain/fleet/fleet.js';
import type { ServiceSpec } from '../../../shared/domain/spec.js';
import { instance, TYPES } from '../../support/builders.js';

const TAG = 'rebalancer:capacity';

function source(
  kind: ServiceSpec['capacity']['source'],
  overrideTag = TAG,
): ServiceSpec['capacity'] {
  return { source: kind, overrideTag };
}

describe('parseCapacityTag', () => {
  it.each([
    { value: '4', parsed: 4 },
    { value: '1', parsed: 1 },
    { value: '0.5', parsed: 0.5 },
    { value: '12.25', parsed: 12.25 },
    { value: ' 4 ', parsed: 4 },
    { value: '1e2', parsed: 100 },
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
    { value: 'NaN', why: 'NaN' },
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

  it.each(['vcpu', 'memory', 'equal'] as const)(
    'lets a numeric override tag win over the %s source',
    (kind) => {
      const tagged = instance({ instanceType: 'm5.xlarge', tags: { [TAG]: '12' } });
      expect(capacityOf(tagged, source(kind), TYPES)).toEqual({
        ok: true,
        capacity: { value: 12, origin: 'override' },
      });
    },
  );

  it('uses the override tag for an instance type it does not know', () => {
    const tagged = instance({ instanceType: 'x9.mystery', tags: { [TAG]: '3' } });
    expect(capacityOf(tagged, source('vcpu'), undefined)).toEqual({
      ok: true,
      capacity: { value: 3, origin: 'override' },
    });
  });

  it.each(['abc', '0', '-2', ''])(
    'falls back to the source when the override tag is %j',
    (value) => {
      const tagged = instance({ instanceType: 'm5.2xlarge', tags: { [TAG]: value } });
      expect(capacityOf(tagged, source('vcpu'), TYPES)).toEqual({
        ok: true,
        capacity: { value: 8, origin: 'vcpu' },
      });
    },
  );

  it('ignores the tag when no override tag is configured', () => {
    const tagged = instance({ instanceType: 'm5.2xlarge', tags: { [TAG]: '12' } });
    expect(capacityOf(tagged, { source: 'vcpu', overrideTag: undefined }, TYPES)).toEqual({
      ok: true,
      capacity: { value: 8, origin: 'vcpu' },
    });
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

  it('uses the source that has a value when the other is zero', () => {
    const types = new Map([['z1.zero', { vcpus: 0, memoryMiB: 512 }]]);
    expect(capacityOf(instance({ instanceType: 'z1.zero' }), source('memory'), types)).toEqual({
      ok: true,
      capacity: { value: 512, origin: 'memory' },
    });
  });
});
