import { capacityOf, type Capacity, type CapacityLookup } from './capacity.js';
import {
  inAutoScalingGroups,
  selectMembers,
  type Instance,
  type RegionObservation,
} from './fleet.js';
import {
  alarmsByInstance,
  healthOf,
  needsStatuses,
  type HealthVerdict,
  type ServingGate,
} from './health.js';
import { readinessProblems } from './readiness.js';
import type { Ramp } from './slow-start.js';
import type { ServiceSpec } from '../spec.js';

/** An instance of the service in one region, assessed: where it is, what it can take, whether it serves. */
export interface Member {
  readonly instance: Instance;
  /** The address the records use; undefined when the instance has none of the configured kind. */
  readonly address: string | undefined;
  readonly capacity: Capacity;
  readonly health: HealthVerdict;
  /** Its readiness rules pass, whatever its lifecycle state: a launch hook may complete. */
  readonly ready: boolean;
  /** Slow start: its weight follows this fraction of its capacity until the ramp ends. */
  readonly ramp?: Ramp | undefined;
  /** Slow start: first admitted now; the writer tags it with this moment (epoch ms) as the ramp's start. */
  readonly recordReadySince?: number | undefined;
}

/** Running with an address and in service: it keeps a record (weighted mode), possibly at weight 0. */
export function isRoutable(member: Member): boolean {
  const status = member.health.status;
  return status !== 'not-running' && status !== 'no-address' && status !== 'not-ready';
}

/** What assessing a region needs beyond the read: the time, and what is answered today. */
export interface AssessContext {
  /** Epoch milliseconds of the read, when known. */
  readonly now?: number | undefined;
  /** Addresses the records answer with today (weight above 0, or in a group). */
  readonly answered?: Pick<ReadonlySet<string>, 'has'>;
  /** Instance id -> why EC2's notice drains it now (Spot interruption, rebalance recommendation). */
  readonly notices?: ReadonlyMap<string, string>;
  /** Instances whose launch hook the writer holds: admitted from Pending:Wait once ready. */
  readonly launching?: ReadonlySet<string>;
  /** Instance id -> the id of its Route 53 health check that reports it unhealthy. */
  readonly failingChecks?: ReadonlyMap<string, string>;
}

/** Healthy: it receives traffic. */
export function isServing(member: Member): boolean {
  return member.health.status === 'healthy';
}

export interface RegionMembers {
  readonly members: readonly Member[];
  readonly warnings: readonly string[];
}

function addressOf(instance: Instance, kind: ServiceSpec['address']): string | undefined {
  if (kind === 'public') return instance.publicIp;
  if (kind === 'private') return instance.privateIp;
  return instance.ipv6;
}

/** Instances carrying the member tags but outside the configured groups, listed in a warning. */
function outsideGroupsWarning(
  region: string,
  outside: readonly Instance[],
  groups: readonly string[],
): string {
  const shown = outside.slice(0, 10).map((i) => i.id);
  const more = outside.length > shown.length ? `, and ${outside.length - shown.length} more` : '';
  return `${region}: leaving out ${outside.length} instance(s) that carry the member tags but are in none of the autoScalingGroups ${groups.join(', ')}: ${shown.join(', ')}${more}`;
}

const byInstanceId = (a: Instance, b: Instance) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The service's instances in the region, by id: the member tags, then the Auto Scaling groups if any. */
function selectService(
  service: ServiceSpec,
  observation: RegionObservation,
  warnings: string[],
): Instance[] {
  const tagged = selectMembers(observation, service.memberTags).sort(byInstanceId);
  const groups = service.memberAutoScalingGroups;
  if (groups === undefined) return tagged;
  const outside = tagged.filter((i) => !inAutoScalingGroups(i, groups));
  if (outside.length > 0) warnings.push(outsideGroupsWarning(observation.region, outside, groups));
  return tagged.filter((i) => inAutoScalingGroups(i, groups));
}

/** The capacity of every member of a region whose capacities fall back to equal: shared, never changed. */
const EQUAL: Capacity = Object.freeze({ value: 1, origin: 'equal' });

/** Each instance's capacity lookup, and the problems that make the whole region count as equal. */
function lookUpCapacities(
  service: ServiceSpec,
  observation: RegionObservation,
  selected: readonly Instance[],
): { lookups: CapacityLookup[]; problems: string[] } {
  const lookups: CapacityLookup[] = [];
  const problems: string[] = [];
  // Without an override tag value an instance's capacity is its type's: looked up once a type, shared.
  const byType = new Map<string, CapacityLookup>();
  const tag = service.capacity.overrideTag;
  for (const instance of selected) {
    const plain = tag === undefined || instance.tags[tag] === undefined;
    let lookup = plain ? byType.get(instance.instanceType) : undefined;
    if (lookup === undefined) {
      lookup = capacityOf(instance, service.capacity, observation.instanceTypes);
      // A failed lookup names the instance: only a found capacity is the same for its whole type.
      if (plain && lookup.ok) byType.set(instance.instanceType, lookup);
    }
    lookups.push(lookup);
    if (!lookup.ok) problems.push(lookup.problem);
  }
  return { lookups, problems };
}

/**
 * The gate of an instance with nothing but its ready rules passed, shared:
 * most of a fleet, where a gate per instance was over half of what assessing
 * a region allocated (298 -> 132 B an instance).
 */
const READY_GATE: ServingGate = Object.freeze({ unready: [] });

/**
 * Selects the service's instances in a region and assesses each. Capacity falls
 * back to equal for the whole region when any member's capacity is unknown:
 * mixing vCPU counts with a guessed 1 would skew every share.
 */
export function assessMembers(
  service: ServiceSpec,
  observation: RegionObservation,
  context: AssessContext = {},
): RegionMembers {
  const warnings: string[] = [];
  const selected = selectService(service, observation, warnings);
  const alarms = alarmsByInstance(observation.alarms, service.health.alarmNamePrefix);
  const { lookups, problems } = lookUpCapacities(service, observation, selected);
  if (problems.length > 0) {
    warnings.push(
      `${observation.region}: capacity falls back to equal for every instance: ${problems.join('; ')}`,
    );
  }
  // Offline state files may omit instance statuses: a rule on them cannot be judged, so it is not applied.
  const statusUnread = service.health.readiness.statusOk && observation.statuses === undefined;
  const readiness = statusUnread
    ? { ...service.health.readiness, statusOk: false }
    : service.health.readiness;
  const wantsStatus = needsStatuses(service.health);
  const members: Member[] = [];
  for (let i = 0; i < selected.length; i++) {
    const instance = selected[i] as Instance;
    const lookup = lookups[i] as CapacityLookup;
    const fallback = problems.length > 0 || !lookup.ok;
    const capacity: Capacity = fallback ? EQUAL : lookup.capacity;
    if (lookup.ignored !== undefined) warnings.push(lookup.ignored);
    // A clamped override means nothing once the whole region counts as equal.
    if (lookup.ok && lookup.clamped !== undefined && !fallback) warnings.push(lookup.clamped);
    const address = addressOf(instance, service.address);
    const status = wantsStatus ? observation.statuses?.get(instance.id) : undefined;
    // Worked out once: the health gate and a launch hook's readiness both read them.
    const unready = readinessProblems(instance, status, readiness, context.now);
    const lifecycle = observation.lifecycle?.get(instance.id);
    // Being answered today matters only to an instance not ready (rules failing, or Pending:Wait).
    const asked = unready.length > 0 || lifecycle?.state === 'Pending:Wait';
    const notice = context.notices?.get(instance.id);
    const launching = context.launching?.has(instance.id) === true;
    const failingCheck = context.failingChecks?.get(instance.id);
    const gate =
      lifecycle === undefined &&
      unready.length === 0 &&
      notice === undefined &&
      !launching &&
      failingCheck === undefined
        ? READY_GATE
        : {
            lifecycle,
            unready,
            answeredNow: asked && address !== undefined && context.answered?.has(address) === true,
            notice,
            launching,
            failingCheck,
          };
    const health = healthOf(
      instance,
      address,
      service.health,
      status,
      alarms.get(instance.id),
      gate,
    );
    members.push({ instance, address, capacity, health, ready: unready.length === 0 });
  }
  return { members, warnings };
}
