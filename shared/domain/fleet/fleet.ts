import type { LifecycleInfo } from './readiness.js';

/**
 * What we know about a region's EC2 fleet at one moment: the facts the AWS
 * reads (or an offline state file) produce, before any decision is made.
 */

/** Every EC2 instance state, in the order an instance goes through them. */
export const INSTANCE_STATES = [
  'pending',
  'running',
  'shutting-down',
  'terminated',
  'stopping',
  'stopped',
] as const;

export type InstanceState = (typeof INSTANCE_STATES)[number];

export interface Instance {
  readonly id: string;
  readonly region: string;
  readonly zone: string;
  readonly instanceType: string;
  readonly state: InstanceState;
  /** ISO 8601, as EC2 reports it. */
  readonly launchTime: string | undefined;
  readonly tags: Readonly<Record<string, string>>;
  readonly publicIp: string | undefined;
  readonly privateIp: string | undefined;
  readonly ipv6: string | undefined;
}

export interface InstanceTypeInfo {
  readonly vcpus: number;
  readonly memoryMiB: number;
}

export type CheckStatus =
  'ok' | 'impaired' | 'initializing' | 'insufficient-data' | 'not-applicable';

export interface InstanceStatus {
  readonly instance: CheckStatus | undefined;
  readonly system: CheckStatus | undefined;
}

export interface Alarm {
  readonly name: string;
  readonly state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  /** Every InstanceId dimension the alarm watches, metric-math members included. */
  readonly instanceIds: readonly string[];
}

/** One region as read. Optional parts that were not read are undefined, never empty. */
export interface RegionObservation {
  readonly region: string;
  readonly instances: readonly Instance[];
  readonly instanceTypes: ReadonlyMap<string, InstanceTypeInfo> | undefined;
  readonly statuses: ReadonlyMap<string, InstanceStatus> | undefined;
  readonly alarms: readonly Alarm[] | undefined;
  /** Auto Scaling lifecycle state by instance id, for instances in a group; undefined when not read. */
  readonly lifecycle?: ReadonlyMap<string, LifecycleInfo> | undefined;
}

/** A region we could not read: planned as "skipped", never as "empty". */
export interface RegionReadFailure {
  readonly region: string;
  readonly error: string;
}

export type RegionRead = RegionObservation | RegionReadFailure;

export function isReadFailure(read: RegionRead): read is RegionReadFailure {
  return 'error' in read;
}

/**
 * The tag EC2 Auto Scaling puts on the instances of a group. Tags starting with
 * `aws:` are reserved: CreateTags refuses them, so only Auto Scaling sets it.
 */
export const AUTO_SCALING_GROUP_TAG = 'aws:autoscaling:groupName';

/** True when no groups are required, or the instance belongs to one of them. */
export function inAutoScalingGroups(
  instance: Instance,
  groups: readonly string[] | undefined,
): boolean {
  if (groups === undefined) return true;
  const group = instance.tags[AUTO_SCALING_GROUP_TAG];
  return group !== undefined && groups.includes(group);
}

/** True when the instance carries every tag of the selector with the same value. */
export function hasTags(instance: Instance, selector: Readonly<Record<string, string>>): boolean {
  for (const key in selector) if (instance.tags[key] !== selector[key]) return false;
  return true;
}

// Memoised per observation (a pure cache: observations are immutable), so fifty
// services selecting from one region look at their own instances only. Indexed
// by the value of one tag key, the first time a selector asks for that key: one
// pass over the region for the key the services share, whatever other tags the
// instances carry (Auto Scaling and launch templates add several to each).
const tagIndexes = new WeakMap<RegionObservation, Map<string, Map<string, Instance[]>>>();

function byTagValue(
  observation: RegionObservation,
  key: string,
): ReadonlyMap<string, readonly Instance[]> {
  let keys = tagIndexes.get(observation);
  if (keys === undefined)
    tagIndexes.set(observation, (keys = new Map<string, Map<string, Instance[]>>()));
  let index = keys.get(key);
  if (index === undefined) {
    index = new Map<string, Instance[]>();
    for (const instance of observation.instances) {
      // Own tags only: a key such as `constructor` must not find what every object inherits.
      if (!Object.hasOwn(instance.tags, key)) continue;
      const value = instance.tags[key] as string;
      const list = index.get(value);
      if (list === undefined) index.set(value, [instance]);
      else list.push(instance);
    }
    keys.set(key, index);
  }
  return index;
}

/** The instances of the observation that carry every tag of the selector. */
export function selectMembers(
  observation: RegionObservation,
  selector: Readonly<Record<string, string>>,
): Instance[] {
  const keys = Object.keys(selector);
  const first = keys[0];
  if (first === undefined) return [...observation.instances];
  const candidates = byTagValue(observation, first).get(selector[first] ?? '') ?? [];
  // With one tag the index entry is the answer (copied: callers sort it); with more, each is checked.
  if (keys.length === 1) return [...candidates];
  return candidates.filter((instance) => hasTags(instance, selector));
}
