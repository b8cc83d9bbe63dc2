import type { Instance, InstanceTypeInfo } from './fleet.js';
import type { ServiceSpec } from '../spec.js';

/**
 * What one instance can take, relative to the others of its region. Every
 * number comes from outside (a tag anyone allowed to tag an instance can set,
 * describe-instance-types or a state file), so each is bounded here: no value
 * above MAX_CAPACITY, none that is not a finite number above zero, and an
 * override tag moves an instance by at most `maxOverrideRatio` times its own
 * source capacity, either way.
 */

export type CapacityOrigin = 'override' | 'vcpu' | 'memory' | 'equal';

export interface Capacity {
  readonly value: number;
  readonly origin: CapacityOrigin;
}

/** `ignored`: the tag is not a usable number; `clamped`: the tag was bounded. Each a warning naming the instance and tag. */
export type CapacityLookup =
  | {
      readonly ok: true;
      readonly capacity: Capacity;
      readonly ignored?: string;
      readonly clamped?: string;
    }
  | { readonly ok: false; readonly problem: string; readonly ignored?: string };

/**
 * No capacity is larger: the largest EC2 instance has about 2.5e7 MiB of memory
 * and 900 vCPUs. Keeps every sum of capacities over a region finite.
 */
export const MAX_CAPACITY = 1e9;

/** Default for `capacity.maxOverrideRatio`. */
export const DEFAULT_MAX_OVERRIDE_RATIO = 4;

/** A number as people write it: at most six significant digits. */
export function formatCapacity(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** Parses an override tag value: a finite number above zero and at most MAX_CAPACITY, or undefined. */
export function parseCapacityTag(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 && parsed <= MAX_CAPACITY ? parsed : undefined;
}

type SourceLookup =
  | { readonly ok: true; readonly capacity: Capacity }
  | { readonly ok: false; readonly problem: string };

function sourceCapacity(
  instance: Instance,
  source: ServiceSpec['capacity']['source'],
  types: ReadonlyMap<string, InstanceTypeInfo> | undefined,
): SourceLookup {
  if (source === 'equal') return { ok: true, capacity: { value: 1, origin: 'equal' } };
  const info = types?.get(instance.instanceType);
  if (info === undefined) {
    return {
      ok: false,
      problem: `instance type ${instance.instanceType} of ${instance.id} is unknown (no describe-instance-types data)`,
    };
  }
  const value = source === 'vcpu' ? info.vcpus : info.memoryMiB;
  if (!(value > 0)) {
    return { ok: false, problem: `instance type ${instance.instanceType} reports no ${source}` };
  }
  if (!(value <= MAX_CAPACITY)) {
    return {
      ok: false,
      problem: `instance type ${instance.instanceType} reports ${formatCapacity(value)} ${source}, more than ${formatCapacity(MAX_CAPACITY)}`,
    };
  }
  return { ok: true, capacity: { value, origin: source } };
}

/** The override, clamped to [own / ratio, own × ratio], with a warning when it had to be. */
function bounded(
  instance: Instance,
  tag: string,
  raw: string,
  override: number,
  own: Capacity,
  ratio: number,
): { capacity: Capacity; clamped?: string } {
  const low = own.value / ratio;
  const high = own.value * ratio;
  const value = Math.min(high, Math.max(low, override));
  if (value === override) return { capacity: { value, origin: 'override' } };
  const bound = value === high ? `at most ${ratio}x` : `at least 1/${ratio} of`;
  return {
    capacity: { value, origin: 'override' },
    clamped: `${instance.id}: ${tag}=${raw} clamped to ${formatCapacity(value)}: an override may be ${bound} the instance's own ${own.origin} capacity ${formatCapacity(own.value)} (capacity.maxOverrideRatio ${ratio})`,
  };
}

/**
 * An instance's capacity: the configured source, or the numeric override tag
 * bounded by `maxOverrideRatio` times that source. A tag that is not a finite
 * number above 0 (and at most MAX_CAPACITY) is ignored with a warning.
 */
export function capacityOf(
  instance: Instance,
  spec: ServiceSpec['capacity'],
  types: ReadonlyMap<string, InstanceTypeInfo> | undefined,
): CapacityLookup {
  const tag = spec.overrideTag;
  const raw = tag === undefined ? undefined : instance.tags[tag];
  const override = parseCapacityTag(raw);
  const ignored =
    tag !== undefined && raw !== undefined && override === undefined
      ? `${instance.id}: ignoring ${tag}=${raw} (not a number above 0 and at most ${formatCapacity(MAX_CAPACITY)})`
      : undefined;
  const own = sourceCapacity(instance, spec.source, types);
  if (!own.ok) return ignored === undefined ? own : { ...own, ignored };
  if (tag === undefined || raw === undefined || override === undefined) {
    return ignored === undefined ? own : { ok: true, capacity: own.capacity, ignored };
  }
  return {
    ok: true,
    ...bounded(instance, tag, raw, override, own.capacity, spec.maxOverrideRatio),
  };
}
