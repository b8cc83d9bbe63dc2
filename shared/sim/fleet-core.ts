import type {
  Alarm,
  Instance,
  InstanceState,
  InstanceStatus,
  InstanceTypeInfo,
  RegionObservation,
} from '../domain/fleet/fleet.js';
import type { LifecycleActionRef } from '../domain/fleet/lifecycle-action.js';
import type { LifecycleInfo } from '../domain/fleet/readiness.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { InputError } from '../domain/errors.js';
import type { GroupHooks } from '../formats/scenario.js';
import { START } from './epoch.js';
import { simEvents, type SimEvents } from './sim-events.js';

/*
 * The simulated fleet's state, and the few ways to change it that every kind
 * of action (EC2's, CloudWatch's, Auto Scaling's) goes through: what the
 * offline state file showed, then changed step by step.
 */

/** When the simulation is, and what it does later. */
export interface FleetClock {
  /** Seconds since the start. */
  readonly now: () => number;
  /** Runs `run` at `at` (seconds); what it emits goes to the intake then; undefined when nothing happened after all. */
  readonly later: (at: number, note: string, run: () => unknown[] | undefined) => void;
  /** Events emitted now, outside any step (a hook completed by the writer), with what happened. */
  readonly emit: (note: string, events: unknown[]) => void;
}

/** A pending lifecycle action: the instance waits in Pending:Wait or Terminating:Wait. */
export interface HookState {
  readonly action: LifecycleActionRef;
  readonly transition: 'launching' | 'terminating';
  readonly heartbeatTimeout: number;
  /** When it times out (seconds since the start), unless completed or extended. */
  expiresAt: number;
}

/** How the fleet's world works beyond EC2: its groups' hooks, and what reads report. */
export interface FleetOptions {
  /** The groups' lifecycle hooks; a group not listed has none. */
  readonly groups?: ReadonlyMap<string, GroupHooks>;
  /** Whether reads report Auto Scaling lifecycle states (DescribeAutoScalingInstances). */
  readonly readLifecycle?: boolean;
  /** Timed transitions and the events they emit; without one, nothing happens later. */
  readonly clock?: FleetClock;
  /** Epoch milliseconds of t+0s (simulationStart); START by default. */
  readonly epoch?: number;
}

/** One region as the fleet keeps it. */
export interface RegionState {
  readonly instances: Map<string, Instance>;
  readonly types: Map<string, InstanceTypeInfo> | undefined;
  readonly statuses: Map<string, InstanceStatus>;
  readonly alarms: Map<string, Alarm>;
  /** Whether the state file had statuses and alarms: a read then reports them, even none. */
  readonly statusesRead: boolean;
  readonly alarmsRead: boolean;
}

/** The fleet's state and its changes, lent to each kind of action. */
export interface FleetCore {
  readonly spec: RebalancerSpec;
  /** Epoch milliseconds of t+0s. */
  readonly epoch: number;
  readonly regions: ReadonlyMap<string, RegionState>;
  /** A region of the state file, or a clear error naming those there are. */
  readonly regionOf: (region: string) => RegionState;
  readonly all: () => Instance[];
  /** The instance an id or Name tag refers to, or a clear error. */
  readonly resolve: (reference: string) => Instance;
  readonly put: (instance: Instance) => void;
  readonly events: SimEvents;
  /** Puts the instance through `states`, one EC2 state-change event each. */
  readonly transition: (
    instance: Instance,
    states: readonly InstanceState[],
    at: number,
  ) => unknown[];
  readonly setStatus: (instance: Instance, status: InstanceStatus) => void;
  /** Sets a tag, or takes it off when `value` is undefined. */
  readonly setTag: (instance: Instance, key: string, value: string | undefined) => void;
  /** The next launched instance's number, from 1. */
  readonly nextLaunch: () => number;
  readonly lifecycle: Map<string, LifecycleInfo>;
  /** The application on each instance: booting until its boot ends, failed when a scenario says so. */
  readonly app: Map<string, 'booting' | 'up' | 'failed'>;
  readonly hooks: Map<string, HookState>;
  readonly groups: ReadonlyMap<string, GroupHooks>;
  readonly clock: FleetClock;
}

const NO_CLOCK: FleetClock = { now: () => 0, later: () => undefined, emit: () => undefined };

function regionState(o: RegionObservation): RegionState {
  return {
    instances: new Map(o.instances.map((i) => [i.id, i])),
    types: o.instanceTypes === undefined ? undefined : new Map(o.instanceTypes),
    statuses: new Map(o.statuses ?? []),
    alarms: new Map((o.alarms ?? []).map((a) => [a.name, a])),
    statusesRead: o.statuses !== undefined,
    alarmsRead: o.alarms !== undefined,
  };
}

/** The fleet's state as the state file's regions show it. */
export function fleetCore(
  spec: RebalancerSpec,
  observed: ReadonlyMap<string, RegionObservation>,
  options: FleetOptions = {},
): FleetCore {
  const regions = new Map<string, RegionState>();
  const lifecycle = new Map<string, LifecycleInfo>();
  for (const [region, o] of observed) {
    for (const [id, info] of o.lifecycle ?? []) lifecycle.set(id, info);
    regions.set(region, regionState(o));
  }
  const epoch = options.epoch ?? START;
  let launched = 0;

  const all = () => [...regions.values()].flatMap((r) => [...r.instances.values()]);
  const regionOf = (region: string): RegionState => {
    const found = regions.get(region);
    if (found === undefined)
      throw new InputError('scenario', [
        `region ${region} is not in the state file (known: ${[...regions.keys()].join(', ')})`,
      ]);
    return found;
  };
  const resolve = (reference: string): Instance => {
    const found = all().find((i) => i.id === reference || i.tags.Name === reference);
    if (found === undefined) {
      const known = all().map((i) => i.tags.Name ?? i.id);
      throw new InputError('scenario', [`no instance ${reference} (known: ${known.join(', ')})`]);
    }
    return found;
  };
  const put = (instance: Instance) => {
    regionOf(instance.region).instances.set(instance.id, instance);
  };
  const events = simEvents(epoch);

  return {
    spec,
    epoch,
    regions,
    regionOf,
    all,
    resolve,
    put,
    events,
    transition: (instance, states, at) =>
      states.map((state) => {
        put({ ...instance, state });
        return events.instanceState(instance, state, at);
      }),
    setStatus: (instance, status) => {
      regionOf(instance.region).statuses.set(instance.id, status);
    },
    setTag: (instance, key, value) => {
      const tags = Object.fromEntries(Object.entries(instance.tags).filter(([k]) => k !== key));
      if (value !== undefined) tags[key] = value;
      put({ ...instance, tags });
    },
    nextLaunch: () => ++launched,
    lifecycle,
    app: new Map(),
    hooks: new Map(),
    groups: options.groups ?? new Map(),
    clock: options.clock ?? NO_CLOCK,
  };
}
