import type { Instance, RegionObservation } from '../domain/fleet/fleet.js';
import type { RebalancerSpec } from '../domain/spec.js';
import type { AutoScalingPort, InstanceTagger } from '../app/ports.js';
import type { Action } from '../formats/scenario.js';
import { applyEc2Action } from './ec2-actions.js';
import { fleetCore, type FleetOptions } from './fleet-core.js';
import { groupActions, isGroupAction } from './memory-groups.js';

export type { FleetOptions } from './fleet-core.js';

/**
 * The fleet of a simulation: what the offline state file showed, then changed
 * step by step (fleet-core.ts). Each action also yields the EventBridge events
 * AWS would send for it, in AWS's own shape: EC2's and CloudWatch's
 * (ec2-actions.ts), Auto Scaling's and the applications' (memory-groups.ts).
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

/** The label frames and measures give an instance: its id, and its Name tag when it has one. */
export function instanceLabel(instance: Instance): string {
  return instance.tags.Name === undefined ? instance.id : `${instance.id} (${instance.tags.Name})`;
}

export function memoryFleet(
  spec: RebalancerSpec,
  regions: ReadonlyMap<string, RegionObservation>,
  options: FleetOptions = {},
): MemoryFleet {
  const core = fleetCore(spec, regions, options);
  const groups = groupActions(core);
  const { lifecycle, app, all } = core;

  function observe(region: string): RegionObservation | undefined {
    const r = core.regions.get(region);
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

  return {
    observe,
    apply: (action, at) =>
      isGroupAction(action) ? groups.apply(action, at) : applyEc2Action(core, action, at),
    resolve: core.resolve,
    autoScaling: groups.autoScaling,
    tagger: () => ({
      tag: (instanceId, key, value) => {
        core.setTag(core.resolve(instanceId), key, value);
        return Promise.resolve();
      },
    }),
    cannotServe,
  };
}
