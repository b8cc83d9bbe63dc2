import type {
  Alarm,
  Instance,
  InstanceState,
  InstanceStatus,
  InstanceTypeInfo,
  RegionObservation,
} from '../domain/fleet/fleet.js';
import type { LifecycleInfo } from '../domain/fleet/readiness.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { InputError } from '../domain/errors.js';
import { START } from './epoch.js';
import type { AutoScalingPort, InstanceTagger } from '../app/ports.js';
import type { Action, GroupHooks } from '../formats/scenario.js';
import { groupActions, type FleetCore, type FleetClock, type HookState } from './memory-groups.js';
import { launchedInstance, launchedName } from './launched.js';
import { simEvents } from './sim-events.js';

/**
 * The fleet of a simulation: what the offline state file showed, then changed
 * step by step. Each action also yields the EventBridge events AWS would send
 * for it, in AWS's own shape; status checks, tags and lost zones send none
 * (the schedule catches those, as it would in AWS).
 */
export interface MemoryFleet {
  /** A region as DescribeInstances & co. would show it now. */
  observe(region: string): RegionObservation | undefined;
  /** Applies one action and returns the events it emits. */
  apply(action: Action, at: number): unknown[];
  /** The instance an id or Name tag refers to, or a clear error. */
  resolve(reference: string): Instance;
  /** Auto Scaling for one region: lifecycle states, hooks completed and heartbeats. */
  readonly autoScaling: (region: string) => AutoScalingPort;
  /** CreateTags for one region. */
  readonly tagger: (region: string) => InstanceTagger;
  /** Every address whose instance cannot serve now (not running, booting, application down), with its instance. */
  cannotServe(): Map<string, string>;
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

/** The label frames and measures give an instance: its id, and its Name tag when it has one. */
export function instanceLabel(instance: Instance): string {
  return instance.tags.Name === undefined ? instance.id : `${instance.id} (${instance.tags.Name})`;
}

interface RegionState {
  readonly instances: Map<string, Instance>;
  readonly types: Map<string, InstanceTypeInfo> | undefined;
  readonly statuses: Map<string, InstanceStatus>;
  readonly alarms: Map<string, Alarm>;
  readonly statusesRead: boolean;
  readonly alarmsRead: boolean;
}

const STEPS: Record<string, readonly InstanceState[]> = {
  stop: ['stopping', 'stopped'],
  start: ['pending', 'running'],
  terminate: ['shutting-down', 'terminated'],
};

const NO_CLOCK: FleetClock = { now: () => 0, later: () => undefined, emit: () => undefined };

export function memoryFleet(
  spec: RebalancerSpec,
  regions: ReadonlyMap<string, RegionObservation>,
  options: FleetOptions = {},
): MemoryFleet {
  const epoch = options.epoch ?? START;
  const state = new Map<string, RegionState>();
  const lifecycle = new Map<string, LifecycleInfo>();
  // The application on each instance: booting until its boot ends, failed when a scenario says so.
  const app = new Map<string, 'booting' | 'up' | 'failed'>();
  const hooks = new Map<string, HookState>();
  for (const [region, o] of regions) {
    for (const [id, info] of o.lifecycle ?? []) lifecycle.set(id, info);
    state.set(region, {
      instances: new Map(o.instances.map((i) => [i.id, i])),
      types: o.instanceTypes === undefined ? undefined : new Map(o.instanceTypes),
      statuses: new Map(o.statuses ?? []),
      alarms: new Map((o.alarms ?? []).map((a) => [a.name, a])),
      statusesRead: o.statuses !== undefined,
      alarmsRead: o.alarms !== undefined,
    });
  }
  let launched = 0;
  const events = simEvents(epoch);

  const all = () => [...state.values()].flatMap((r) => [...r.instances.values()]);
  const regionOf = (region: string): RegionState => {
    const found = state.get(region);
    if (found === undefined)
      throw new InputError('scenario', [
        `region ${region} is not in the state file (known: ${[...state.keys()].join(', ')})`,
      ]);
    return found;
  };

  function resolve(reference: string): Instance {
    const found = all().find((i) => i.id === reference || i.tags.Name === reference);
    if (found === undefined) {
      const known = all().map((i) => i.tags.Name ?? i.id);
      throw new InputError('scenario', [`no instance ${reference} (known: ${known.join(', ')})`]);
    }
    return found;
  }

  function put(instance: Instance): void {
    regionOf(instance.region).instances.set(instance.id, instance);
  }

  function transition(instance: Instance, states: readonly InstanceState[], at: number): unknown[] {
    return states.map((state) => {
      put({ ...instance, state });
      return events.instanceState(instance, state, at);
    });
  }

  function setStatus(instance: Instance, status: InstanceStatus): void {
    regionOf(instance.region).statuses.set(instance.id, status);
  }

  function setTag(instance: Instance, key: string | undefined, value: string | undefined): void {
    if (key === undefined)
      throw new InputError('scenario', ['drain needs health.drainTag in the configuration']);
    const tags = Object.fromEntries(Object.entries(instance.tags).filter(([k]) => k !== key));
    if (value !== undefined) tags[key] = value;
    put({ ...instance, tags });
  }

  function launch(action: Extract<Action, { kind: 'launch' }>, at: number): unknown[] {
    const region = regionOf(action.region);
    const service = spec.services.find((s) =>
      action.service === undefined
        ? s.regions.some((r) => r.region === action.region)
        : s.name === action.service,
    );
    if (service === undefined)
      throw new InputError('scenario', [
        `launch: no service ${action.service ?? `runs in ${action.region}`}`,
      ]);
    const existing = [...region.instances.values()];
    const type = action.type ?? existing[0]?.instanceType ?? 'm5.large';
    return Array.from({ length: action.count }, (_, i) => {
      const n = ++launched;
      const name = launchedName(action, service, n, i);
      const instance = launchedInstance(action, service, { n, name, type }, epoch + at * 1000);
      put(instance);
      // Booted by the time the scenario's step is reconciled: its status checks pass.
      setStatus(instance, { instance: 'ok', system: 'ok' });
      return transition(instance, ['pending', 'running'], at);
    }).flat();
  }

  function alarmEvent(alarm: Alarm, previous: Alarm['state'], at: number): unknown[] {
    const regions = new Set(alarm.instanceIds.map((id) => resolve(id).region));
    return [...regions].map((region) => events.alarmState(alarm, previous, region, at));
  }

  function apply(action: Action, at: number): unknown[] {
    const drainTag = (i: Instance) =>
      spec.services.find((s) => Object.entries(s.memberTags).every(([k, val]) => i.tags[k] === val))
        ?.health.drainTag;
    switch (action.kind) {
      case 'stop':
      case 'start':
      case 'terminate':
        return action.instances.flatMap((ref) =>
          transition(resolve(ref), STEPS[action.kind] ?? [], at),
        );
      case 'impair':
      case 'recover':
        for (const ref of action.instances)
          setStatus(
            resolve(ref),
            action.kind === 'impair'
              ? { instance: 'impaired', system: 'ok' }
              : { instance: 'ok', system: 'ok' },
          );
        return [];
      case 'drain':
      case 'undrain':
        for (const ref of action.instances) {
          const i = resolve(ref);
          setTag(i, drainTag(i), action.kind === 'drain' ? 'true' : undefined);
        }
        return [];
      case 'lose-zone':
      case 'restore-zone': {
        const inZone = all().filter((i) => i.zone === action.zone);
        if (inZone.length === 0)
          throw new InputError('scenario', [`no instance in zone ${action.zone}`]);
        for (const i of inZone)
          setStatus(
            i,
            action.kind === 'lose-zone'
              ? { instance: 'impaired', system: 'impaired' }
              : { instance: 'ok', system: 'ok' },
          );
        return [];
      }
      case 'empty-region':
        return [...regionOf(action.region).instances.values()]
          .filter((i) => i.state !== 'terminated')
          .flatMap((i) => transition(i, STEPS.terminate ?? [], at));
      case 'launch':
        return launch(action, at);
      case 'alarm': {
        const ids = action.instances.map((ref) => resolve(ref).id);
        const alarm: Alarm = { name: action.name, state: 'ALARM', instanceIds: ids };
        const regions = new Set(ids.map((id) => resolve(id).region));
        for (const region of regions) regionOf(region).alarms.set(action.name, alarm);
        return alarmEvent(alarm, 'OK', at);
      }
      case 'alarm-ok': {
        const existing = [...state.values()]
          .map((r) => r.alarms.get(action.name))
          .find((a) => a !== undefined);
        if (existing === undefined)
          throw new InputError('scenario', [`alarm-ok: no alarm ${action.name} was raised`]);
        const ok: Alarm = { ...existing, state: 'OK' };
        for (const r of state.values())
          if (r.alarms.has(action.name)) r.alarms.set(action.name, ok);
        return alarmEvent(ok, 'ALARM', at);
      }
      case 'schedule':
        return [];
      default:
        return groups.apply(action, at);
    }
  }

  function observe(region: string): RegionObservation | undefined {
    const r = state.get(region);
    if (r === undefined) return undefined;
    const launchedTypes = r.types;
    const instances = [...r.instances.values()];
    const grouped = instances.flatMap((i) => {
      const info = lifecycle.get(i.id);
      return info === undefined ? [] : [[i.id, info] as const];
    });
    return {
      region,
      instances,
      instanceTypes: launchedTypes,
      statuses: r.statusesRead || r.statuses.size > 0 ? new Map(r.statuses) : undefined,
      alarms: r.alarmsRead || r.alarms.size > 0 ? [...r.alarms.values()] : undefined,
      ...(options.readLifecycle === true && grouped.length > 0 && { lifecycle: new Map(grouped) }),
    };
  }

  function cannotServe(): Map<string, string> {
    const down = new Map<string, string>();
    for (const i of all()) {
      if (i.state === 'running' && (app.get(i.id) ?? 'up') === 'up') continue;
      for (const address of [i.publicIp, i.privateIp, i.ipv6])
        if (address !== undefined) down.set(address, instanceLabel(i));
    }
    return down;
  }

  const core: FleetCore = {
    spec,
    epoch,
    all,
    resolve,
    put,
    events,
    transition,
    setStatus,
    setTag: (instance, key, value) => {
      const tags = Object.fromEntries(Object.entries(instance.tags).filter(([k]) => k !== key));
      tags[key] = value;
      put({ ...instance, tags });
    },
    nextLaunch: () => ++launched,
    lifecycle,
    app,
    hooks,
    groups: options.groups ?? new Map(),
    clock: options.clock ?? NO_CLOCK,
  };
  const groups = groupActions(core);

  return {
    observe,
    apply,
    resolve,
    autoScaling: groups.autoScaling,
    tagger: () => ({
      tag: (instanceId, key, value) => {
        core.setTag(resolve(instanceId), key, value);
        return Promise.resolve();
      },
    }),
    cannotServe,
  };
}
