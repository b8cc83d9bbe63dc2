import type { Instance } from '../domain/fleet/fleet.js';
import { AUTO_SCALING_GROUP_TAG } from '../domain/fleet/fleet.js';
import type { LifecycleActionRef } from '../domain/fleet/lifecycle-action.js';
import { InputError } from '../domain/errors.js';
import type { AutoScalingPort } from '../app/ports.js';
import type { Action } from '../formats/scenario.js';
import type { FleetCore, HookState } from './fleet-core.js';

/*
 * Auto Scaling and the instances' own lives in the simulated fleet: scale-ins
 * held by a terminate hook, scale-outs that boot before their application
 * listens, Spot instances taken 120 s after their warning, applications that
 * fail where EC2 cannot see. Later transitions go on the clock; the events
 * they emit are AWS's own shapes (test/fixtures/events/).
 */

/** Seconds between a Spot interruption warning and EC2 taking the instance. */
export const SPOT_WARNING_SECONDS = 120;

const TERMINATE = ['shutting-down', 'terminated'] as const;

const GROUP_KINDS = ['scale-in', 'scale-out', 'spot-interruption', 'app-fail', 'app-heal'] as const;

/** What Auto Scaling does, and what happens to an instance's application: groupActions' to apply. */
export type GroupAction = Extract<Action, { kind: (typeof GROUP_KINDS)[number] }>;

export function isGroupAction(action: Action): action is GroupAction {
  return (GROUP_KINDS as readonly string[]).includes(action.kind);
}

/** The instances of a group in service, spread evenly over zones as Auto Scaling keeps them. */
function chooseForScaleIn(core: FleetCore, group: string, count: number): Instance[] {
  const inService = core
    .all()
    .filter((i) => i.state === 'running' && core.lifecycle.get(i.id)?.state === 'InService')
    .filter((i) => core.lifecycle.get(i.id)?.group === group);
  if (inService.length < count)
    throw new InputError('scenario', [
      `scale-in: group ${group} has ${inService.length} instances in service, not ${count}`,
    ]);
  const byZone = new Map<string, Instance[]>();
  for (const i of [...inService].sort((a, b) => a.id.localeCompare(b.id)))
    byZone.set(i.zone, [...(byZone.get(i.zone) ?? []), i]);
  const chosen: Instance[] = [];
  // Default termination policy, simplified: the zone with the most instances first, then the newest id.
  while (chosen.length < count) {
    const [, list] =
      [...byZone].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0] ?? [];
    const next = list?.pop();
    if (next === undefined) break;
    chosen.push(next);
  }
  return chosen;
}

/** The group actions of a fleet and its in-memory Auto Scaling. */
export function groupActions(core: FleetCore) {
  let tokens = 0;

  /** Terminating:Proceed: EC2 shuts the instance down; it leaves the group. */
  function proceedTerminate(instance: Instance, at: number): unknown[] {
    core.lifecycle.delete(instance.id);
    return core.transition(core.resolve(instance.id), TERMINATE, at);
  }

  /** Holds the instance in a hook, which times out unless completed or extended. */
  function hold(
    instance: Instance,
    transition: HookState['transition'],
    name: string,
    group: string,
    at: number,
  ): unknown {
    const settings = core.groups.get(group);
    const token = `00000000-0000-4000-8000-${String(++tokens).padStart(12, '0')}`;
    const hook: HookState = {
      action: {
        autoScalingGroupName: group,
        lifecycleHookName: name,
        lifecycleActionToken: token,
        instanceId: instance.id,
      },
      transition,
      heartbeatTimeout: settings?.heartbeatTimeout ?? 3600,
      expiresAt: at + (settings?.heartbeatTimeout ?? 3600),
    };
    core.hooks.set(token, hook);
    core.lifecycle.set(instance.id, {
      group,
      state: transition === 'launching' ? 'Pending:Wait' : 'Terminating:Wait',
    });
    expireLater(hook);
    return core.events.lifecycleAction(instance, hook.transition, hook.action, at);
  }

  function expireLater(hook: HookState): void {
    const due = hook.expiresAt;
    core.clock.later(due, 'lifecycle hook timed out', () => {
      if (core.hooks.get(hook.action.lifecycleActionToken) !== hook || hook.expiresAt !== due)
        return undefined;
      // A terminate hook's timeout goes on with the termination; a launch hook's default result abandons it.
      return settle(hook, hook.transition === 'terminating' ? 'CONTINUE' : 'ABANDON', due);
    });
  }

  function settle(hook: HookState, result: 'CONTINUE' | 'ABANDON', at: number): unknown[] {
    core.hooks.delete(hook.action.lifecycleActionToken);
    const instance = core.resolve(hook.action.instanceId);
    if (hook.transition === 'terminating' || result === 'ABANDON')
      return proceedTerminate(instance, at);
    core.lifecycle.set(instance.id, {
      group: hook.action.autoScalingGroupName,
      state: 'InService',
    });
    return [core.events.launchSuccessful(instance, hook.action.autoScalingGroupName, at)];
  }

  function scaleIn(action: Extract<Action, { kind: 'scale-in' }>, at: number): unknown[] {
    const hook = core.groups.get(action.group)?.terminateHook;
    return chooseForScaleIn(core, action.group, action.count).flatMap((instance) =>
      hook === undefined
        ? proceedTerminate(instance, at)
        : [hold(instance, 'terminating', hook, action.group, at)],
    );
  }

  function boot(instance: Instance): unknown[] | undefined {
    const current = core.resolve(instance.id);
    if (current.state !== 'running') return undefined;
    core.setStatus(current, { instance: 'ok', system: 'ok' });
    core.app.set(current.id, 'up');
    const service = core.spec.services.find((s) =>
      Object.entries(s.memberTags).every(([k, v]) => current.tags[k] === v),
    );
    const tag = service?.health.readiness.tag;
    // The instance says it is ready the way the service asks (a tag it sets on itself).
    if (tag !== undefined) core.setTag(current, tag.key, tag.value);
    return [];
  }

  function scaleOut(action: Extract<Action, { kind: 'scale-out' }>, at: number): unknown[] {
    const service = core.spec.services.find((s) =>
      s.regions.some((r) => r.region === action.region),
    );
    if (service === undefined)
      throw new InputError('scenario', [`scale-out: no service runs in ${action.region}`]);
    const type = core.all().find((i) => i.region === action.region)?.instanceType ?? 'm5.large';
    const hook = core.groups.get(action.group)?.launchHook;
    return Array.from({ length: action.count }, (_, i) => {
      const n = core.nextLaunch();
      const instance: Instance = {
        id: `i-5${String(n).padStart(16, '0')}`,
        region: action.region,
        zone: action.zones[i % action.zones.length] ?? action.region,
        instanceType: type,
        state: 'pending',
        launchTime: new Date(core.epoch + at * 1000).toISOString(),
        tags: {
          ...service.memberTags,
          [AUTO_SCALING_GROUP_TAG]: action.group,
          Name: `${action.group}-new-${n}`,
        },
        publicIp: `203.0.${113 + Math.floor(n / 250)}.${n % 250}`,
        privateIp: `10.255.${Math.floor(n / 250)}.${n % 250}`,
        ipv6: `2001:db8:ffff::${n.toString(16)}`,
      };
      core.put(instance);
      core.setStatus(instance, { instance: 'initializing', system: 'initializing' });
      core.app.set(instance.id, 'booting');
      core.clock.later(at + action.bootSeconds, 'instance booted', () => boot(instance));
      const events = core.transition(instance, ['pending', 'running'], at);
      if (hook !== undefined)
        return [...events, hold(instance, 'launching', hook, action.group, at)];
      core.lifecycle.set(instance.id, { group: action.group, state: 'InService' });
      return [...events, core.events.launchSuccessful(instance, action.group, at)];
    }).flat();
  }

  function spotInterruption(references: readonly string[], at: number): unknown[] {
    return references.map((reference) => {
      const instance = core.resolve(reference);
      core.clock.later(at + SPOT_WARNING_SECONDS, 'Spot instance taken', () => {
        const current = core.resolve(instance.id);
        return current.state === 'running'
          ? proceedTerminate(current, at + SPOT_WARNING_SECONDS)
          : undefined;
      });
      return core.events.spotInterruptionWarning(instance, at);
    });
  }

  function apply(action: GroupAction, at: number): unknown[] {
    switch (action.kind) {
      case 'scale-in':
        return scaleIn(action, at);
      case 'scale-out':
        return scaleOut(action, at);
      case 'spot-interruption':
        return spotInterruption(action.instances, at);
      case 'app-fail':
      case 'app-heal':
        // The application alone: EC2 and Auto Scaling see nothing, so nothing is sent.
        for (const reference of action.instances)
          core.app.set(core.resolve(reference).id, action.kind === 'app-fail' ? 'failed' : 'up');
        return [];
    }
  }

  const active = (action: LifecycleActionRef): HookState | undefined => {
    const hook = core.hooks.get(action.lifecycleActionToken);
    return hook?.action.instanceId === action.instanceId &&
      hook.action.autoScalingGroupName === action.autoScalingGroupName
      ? hook
      : undefined;
  };

  const autoScaling = (region: string): AutoScalingPort => ({
    lifecycleStates: (ids) =>
      Promise.resolve(
        new Map(
          ids.flatMap((id) => {
            const info = core.lifecycle.get(id);
            const inRegion = core.all().some((i) => i.id === id && i.region === region);
            return info === undefined || !inRegion ? [] : [[id, info] as const];
          }),
        ),
      ),
    completeLifecycleAction: (action, result) => {
      const hook = active(action);
      if (hook === undefined) return Promise.resolve('gone' as const);
      const note = `${hook.transition === 'launching' ? 'launch' : 'terminate'} hook completed (${result})`;
      core.clock.emit(note, settle(hook, result, core.clock.now()));
      return Promise.resolve('completed' as const);
    },
    recordHeartbeat: (action) => {
      const hook = active(action);
      if (hook === undefined) return Promise.resolve('gone' as const);
      hook.expiresAt = core.clock.now() + hook.heartbeatTimeout;
      expireLater(hook);
      return Promise.resolve('recorded' as const);
    },
  });

  return { apply, autoScaling };
}
