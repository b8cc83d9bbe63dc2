import type { Alarm, Instance, InstanceState } from '../domain/fleet/fleet.js';
import { InputError } from '../domain/errors.js';
import type { Action } from '../formats/scenario.js';
import type { FleetCore } from './fleet-core.js';
import type { GroupAction } from './memory-groups.js';
import { launchedInstance, launchedName, type Launch } from './launched.js';

/*
 * What a scenario does through EC2 and CloudWatch: instances stopped, started,
 * terminated, launched, impaired, drained by tag, zones lost, alarms raised.
 * Each yields the EventBridge events AWS would send for it; status checks,
 * tags and lost zones send none (the schedule catches those, as it would in
 * AWS).
 */

/** Every action but Auto Scaling's and the applications' (memory-groups.ts). */
export type Ec2Action = Exclude<Action, GroupAction>;

const STEPS: Record<string, readonly InstanceState[]> = {
  stop: ['stopping', 'stopped'],
  start: ['pending', 'running'],
  terminate: ['shutting-down', 'terminated'],
};

function launch(core: FleetCore, action: Launch, at: number): unknown[] {
  const region = core.regionOf(action.region);
  const service = core.spec.services.find((s) =>
    action.service === undefined
      ? s.regions.some((r) => r.region === action.region)
      : s.name === action.service,
  );
  if (service === undefined)
    throw new InputError('scenario', [
      `launch: no service ${action.service ?? `runs in ${action.region}`}`,
    ]);
  const type = action.type ?? region.instances.values().next().value?.instanceType ?? 'm5.large';
  return Array.from({ length: action.count }, (_, i) => {
    const n = core.nextLaunch();
    const name = launchedName(action, service, n, i);
    const instance = launchedInstance(action, service, { n, name, type }, core.epoch + at * 1000);
    core.put(instance);
    // Booted by the time the scenario's step is reconciled: its status checks pass.
    core.setStatus(instance, { instance: 'ok', system: 'ok' });
    return core.transition(instance, ['pending', 'running'], at);
  }).flat();
}

/** The alarm's state-change events, one for each region it names an instance in. */
function alarmEvents(
  core: FleetCore,
  alarm: Alarm,
  previous: Alarm['state'],
  regions: ReadonlySet<string>,
  at: number,
) {
  return [...regions].map((region) => core.events.alarmState(alarm, previous, region, at));
}

function raiseAlarm(core: FleetCore, name: string, references: readonly string[], at: number) {
  const instances = references.map((ref) => core.resolve(ref));
  const alarm: Alarm = { name, state: 'ALARM', instanceIds: instances.map((i) => i.id) };
  const regions = new Set(instances.map((i) => i.region));
  for (const region of regions) core.regionOf(region).alarms.set(name, alarm);
  return alarmEvents(core, alarm, 'OK', regions, at);
}

function clearAlarm(core: FleetCore, name: string, at: number) {
  const existing = [...core.regions.values()]
    .map((r) => r.alarms.get(name))
    .find((a) => a !== undefined);
  if (existing === undefined)
    throw new InputError('scenario', [`alarm-ok: no alarm ${name} was raised`]);
  const ok: Alarm = { ...existing, state: 'OK' };
  for (const r of core.regions.values()) if (r.alarms.has(name)) r.alarms.set(name, ok);
  const regions = new Set(ok.instanceIds.map((id) => core.resolve(id).region));
  return alarmEvents(core, ok, 'ALARM', regions, at);
}

/** The drain tag of the first service whose member tags the instance carries. */
function drainTagOf(core: FleetCore, instance: Instance): string {
  const key = core.spec.services.find((s) =>
    Object.entries(s.memberTags).every(([k, value]) => instance.tags[k] === value),
  )?.health.drainTag;
  if (key === undefined)
    throw new InputError('scenario', ['drain needs health.drainTag in the configuration']);
  return key;
}

function setZone(core: FleetCore, zone: string, lost: boolean): unknown[] {
  const inZone = core.all().filter((i) => i.zone === zone);
  if (inZone.length === 0) throw new InputError('scenario', [`no instance in zone ${zone}`]);
  for (const i of inZone)
    core.setStatus(
      i,
      lost ? { instance: 'impaired', system: 'impaired' } : { instance: 'ok', system: 'ok' },
    );
  return [];
}

/** Applies one EC2 or CloudWatch action to the fleet; returns the events it emits. */
export function applyEc2Action(core: FleetCore, action: Ec2Action, at: number): unknown[] {
  switch (action.kind) {
    case 'stop':
    case 'start':
    case 'terminate':
      return action.instances.flatMap((ref) =>
        core.transition(core.resolve(ref), STEPS[action.kind] ?? [], at),
      );
    case 'impair':
    case 'recover':
      for (const ref of action.instances)
        core.setStatus(
          core.resolve(ref),
          action.kind === 'impair'
            ? { instance: 'impaired', system: 'ok' }
            : { instance: 'ok', system: 'ok' },
        );
      return [];
    case 'drain':
    case 'undrain':
      for (const ref of action.instances) {
        const i = core.resolve(ref);
        core.setTag(i, drainTagOf(core, i), action.kind === 'drain' ? 'true' : undefined);
      }
      return [];
    case 'lose-zone':
    case 'restore-zone':
      return setZone(core, action.zone, action.kind === 'lose-zone');
    case 'empty-region':
      return [...core.regionOf(action.region).instances.values()]
        .filter((i) => i.state !== 'terminated')
        .flatMap((i) => core.transition(i, STEPS.terminate ?? [], at));
    case 'launch':
      return launch(core, action, at);
    case 'alarm':
      return raiseAlarm(core, action.name, action.instances, at);
    case 'alarm-ok':
      return clearAlarm(core, action.name, at);
    case 'schedule':
      return [];
  }
}
