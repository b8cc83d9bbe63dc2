import type { Instance, InstanceTypeInfo } from './fleet.js';
import type { ServiceSpec } from '../spec.js';

export type CapacityOrigin = 'override' | 'vcpu' | 'memory' | 'equal';

export interface Capacity {
  readonly value: number;
  readonly origin: CapacityOrigin;
}

export type CapacityLookup =
  | { readonly ok: true; readonly capacity: Capacity }
  | { readonly ok: false; readonly problem: string };

/** Parses an override tag value: a finite number above zero, or undefined. */
export function parseCapacityTag(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}

/** An instance's capacity: the numeric override tag wins, then the configured source. */
export function capacityOf(
  instance: Instance,
  spec: ServiceSpec['capacity'],
  types: ReadonlyMap<string, InstanceTypeInfo> | undefined,
): CapacityLookup {
  const tag = spec.overrideTag === undefined ? undefined : instance.tags[spec.overrideTag];
  const override = parseCapacityTag(tag);
  if (override !== undefined)
    return { ok: true, capacity: { value: override, origin: 'override' } };
  if (spec.source === 'equal') return { ok: true, capacity: { value: 1, origin: 'equal' } };
  const info = types?.get(instance.instanceType);
  if (info === undefined) {
    return {
      ok: false,
      problem: `instance type ${instance.instanceType} of ${instance.id} is unknown (no describe-instance-types data)`,
    };
  }
  const value = spec.source === 'vcpu' ? info.vcpus : info.memoryMiB;
  if (!(value > 0)) {
    return {
      ok: false,
      problem: `instance type ${instance.instanceType} reports no ${spec.source}`,
    };
  }
  return { ok: true, capacity: { value, origin: spec.source } };
}
