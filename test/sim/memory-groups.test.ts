import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/domain/errors.js';
import { loadConfig } from '../../shared/formats/config/load.js';
import { parseEvent } from '../../shared/formats/events/parse.js';
import type { GroupHooks } from '../../shared/formats/scenario.js';
import { loadStateFile } from '../../shared/formats/state-file.js';
import { memoryFleet } from '../../shared/sim/memory-fleet.js';
import {
  detailOf,
  detailTypeOf as typeOf,
  scenarioAction as action,
} from '../support/scenario-actions.js';
import { SPOT_WARNING_SECONDS } from '../../shared/sim/memory-groups.js';

const DIR = 'examples/lifecycle';
const HOOKS: GroupHooks = {
  terminateHook: 'drain-dns',
  launchHook: 'wait-ready',
  heartbeatTimeout: 600,
};

interface Timer {
  at: number;
  note: string;
  run: () => unknown[] | undefined;
}

async function fleetOf(groups: ReadonlyMap<string, GroupHooks> = new Map([['api-prod', HOOKS]])) {
  const [spec, state] = await Promise.all([
    loadConfig(`${DIR}/config.yaml`),
    loadStateFile(`${DIR}/state.json`),
  ]);
  const clock = {
    now: 0,
    timers: [] as Timer[],
    emitted: [] as { note: string; events: unknown[] }[],
  };
  const fleet = memoryFleet(spec, state.regions, {
    groups,
    readLifecycle: true,
    clock: {
      now: () => clock.now,
      later: (at, note, run) => clock.timers.push({ at, note, run }),
      emit: (note, events) => clock.emitted.push({ note, events }),
    },
  });
  /** Runs the timers due by `at`, in time order; returns what they emitted. */
  const advance = (at: number): unknown[] => {
    clock.now = at;
    const due = clock.timers.filter((t) => t.at <= at).sort((a, b) => a.at - b.at);
    clock.timers = clock.timers.filter((t) => t.at > at);
    return due.flatMap((t) => t.run() ?? []);
  };
  return { fleet, clock, advance };
}

const stateOf = (fleet: Awaited<ReturnType<typeof fleetOf>>['fleet'], id: string) =>
  fleet.observe('us-east-2')?.instances.find((i) => i.id === id)?.state;
const lifecycleOf = (fleet: Awaited<ReturnType<typeof fleetOf>>['fleet'], id: string) =>
  fleet.observe('us-east-2')?.lifecycle?.get(id)?.state;

function sample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`test/fixtures/events/${name}.json`, 'utf8')) as Record<
    string,
    unknown
  >;
}

describe('the simulated fleet: scale-in', () => {
  it('with a terminate hook, emits the lifecycle action exactly as AWS shapes it and holds the instance in Terminating:Wait', async () => {
    const { fleet } = await fleetOf();
    const events = fleet.apply(action('scale-in: { group: api-prod, count: 10 }'), 60);
    expect(events).toHaveLength(10);
    const shape = sample('autoscaling-terminate-lifecycle-action');
    for (const event of events) {
      expect(Object.keys(event as object).sort()).toEqual(Object.keys(shape).sort());
      const detail = detailOf(event);
      expect(Object.keys(detail).sort()).toEqual(
        Object.keys(detailOf(shape))
          .filter((k) => k !== 'NotificationMetadata')
          .sort(),
      );
      expect(parseEvent(event)).toMatchObject({
        kind: 'lifecycle-action',
        transition: 'terminating',
        action: { autoScalingGroupName: 'api-prod', lifecycleHookName: 'drain-dns' },
        time: '2026-01-01T00:01:00.000Z',
      });
      const id = String(detail.EC2InstanceId);
      expect(stateOf(fleet, id)).toBe('running');
      expect(lifecycleOf(fleet, id)).toBe('Terminating:Wait');
    }
    // Evenly from the three zones, as Auto Scaling balances them.
    const zones = events.map((e) => fleet.resolve(String(detailOf(e).EC2InstanceId)).zone);
    expect(zones.filter((z) => z === 'us-east-2a')).toHaveLength(4);
    expect(zones.filter((z) => z === 'us-east-2b')).toHaveLength(3);
  });

  it('lets the instance go shutting-down, then terminated, once the hook is completed; a second completion is gone', async () => {
    const { fleet, clock } = await fleetOf();
    const [event] = fleet.apply(action('scale-in: { group: api-prod, count: 1 }'), 60);
    const parsed = parseEvent(event);
    if (parsed.kind !== 'lifecycle-action') throw new Error('expected a lifecycle action');
    clock.now = 160;
    const port = fleet.autoScaling('us-east-2');
    await expect(port.completeLifecycleAction(parsed.action, 'CONTINUE')).resolves.toBe(
      'completed',
    );
    expect(clock.emitted[0]?.note).toBe('terminate hook completed (CONTINUE)');
    expect(clock.emitted[0]?.events.map((e) => detailOf(e).state)).toEqual([
      'shutting-down',
      'terminated',
    ]);
    expect(stateOf(fleet, parsed.action.instanceId)).toBe('terminated');
    await expect(port.completeLifecycleAction(parsed.action, 'CONTINUE')).resolves.toBe('gone');
    await expect(port.recordHeartbeat(parsed.action)).resolves.toBe('gone');
  });

  it('terminates at the heartbeat timeout when nobody completes the hook, later when a heartbeat was recorded', async () => {
    const { fleet, clock, advance } = await fleetOf();
    const [first, second] = fleet.apply(action('scale-in: { group: api-prod, count: 2 }'), 0);
    const beat = parseEvent(second);
    if (beat.kind !== 'lifecycle-action') throw new Error('expected a lifecycle action');
    clock.now = 300;
    await expect(fleet.autoScaling('us-east-2').recordHeartbeat(beat.action)).resolves.toBe(
      'recorded',
    );
    const id = String(detailOf(first).EC2InstanceId);
    expect(advance(599)).toEqual([]);
    expect(advance(600).map((e) => detailOf(e).state)).toEqual(['shutting-down', 'terminated']);
    expect(stateOf(fleet, id)).toBe('terminated');
    expect(stateOf(fleet, beat.action.instanceId)).toBe('running');
    expect(advance(900).map((e) => detailOf(e).state)).toEqual(['shutting-down', 'terminated']);
  });

  it('without a hook, shuts the instances down at once', async () => {
    const { fleet } = await fleetOf(new Map());
    const events = fleet.apply(action('scale-in: { group: api-prod, count: 2 }'), 60);
    expect(events.map(typeOf)).toEqual(Array(4).fill('EC2 Instance State-change Notification'));
    expect(events.map((e) => detailOf(e).state)).toEqual([
      'shutting-down',
      'terminated',
      'shutting-down',
      'terminated',
    ]);
  });

  it('names the group that has too few instances in service', async () => {
    const { fleet } = await fleetOf();
    expect(() => fleet.apply(action('scale-in: { group: api-prod, count: 31 }'), 0)).toThrow(
      new InputError('scenario', ['scale-in: group api-prod has 30 instances in service, not 31']),
    );
    expect(() => fleet.apply(action('scale-in: { group: web, count: 1 }'), 0)).toThrow(
      'scale-in: group web has 0 instances in service, not 1',
    );
  });
});

describe('the simulated Auto Scaling port', () => {
  it('reports the lifecycle state of the ids in its region and in a group, and nothing for the others', async () => {
    const { fleet } = await fleetOf();
    const [event] = fleet.apply(action('scale-in: { group: api-prod, count: 1 }'), 0);
    const held = String(detailOf(event).EC2InstanceId);
    const states = await fleet
      .autoScaling('us-east-2')
      .lifecycleStates([held, 'i-0c5e9a2d7b4f31001', 'i-0nothing']);
    expect(states).toEqual(
      new Map([
        [held, { group: 'api-prod', state: 'Terminating:Wait' }],
        ['i-0c5e9a2d7b4f31001', { group: 'api-prod', state: 'InService' }],
      ]),
    );
    expect(await fleet.autoScaling('eu-west-1').lifecycleStates([held])).toEqual(new Map());
  });
});

describe('the simulated fleet: scale-out', () => {
  const scaleOut =
    'scale-out: { group: api-prod, region: us-east-2, zones: [us-east-2a, us-east-2b], count: 2, bootSeconds: 90 }';

  it('launches running instances whose status is initializing and whose application cannot serve until the boot ends', async () => {
    const { fleet, advance } = await fleetOf(new Map());
    const events = fleet.apply(action(scaleOut), 360);
    expect(events.map(typeOf)).toEqual([
      'EC2 Instance State-change Notification',
      'EC2 Instance State-change Notification',
      'EC2 Instance Launch Successful',
      'EC2 Instance State-change Notification',
      'EC2 Instance State-change Notification',
      'EC2 Instance Launch Successful',
    ]);
    const launched =
      fleet.observe('us-east-2')?.instances.filter((i) => i.id.startsWith('i-5')) ?? [];
    expect(launched.map((i) => [i.zone, i.state, i.tags['aws:autoscaling:groupName']])).toEqual([
      ['us-east-2a', 'running', 'api-prod'],
      ['us-east-2b', 'running', 'api-prod'],
    ]);
    const ip = launched[0]?.publicIp ?? '';
    expect(fleet.observe('us-east-2')?.statuses?.get(launched[0]?.id ?? '')?.instance).toBe(
      'initializing',
    );
    expect(lifecycleOf(fleet, launched[0]?.id ?? '')).toBe('InService');
    expect(fleet.cannotServe().has(ip)).toBe(true);
    advance(449);
    expect(fleet.cannotServe().has(ip)).toBe(true);
    expect(advance(450)).toEqual([]);
    expect(fleet.cannotServe().has(ip)).toBe(false);
    expect(fleet.observe('us-east-2')?.statuses?.get(launched[0]?.id ?? '')?.instance).toBe('ok');
  });

  it('with a launch hook, holds the new instances in Pending:Wait and emits the launch lifecycle action; completing it puts them in service', async () => {
    const { fleet, clock } = await fleetOf();
    const events = fleet.apply(action(scaleOut), 0);
    const hooks = events.filter((e) => typeOf(e) === 'EC2 Instance-launch Lifecycle Action');
    expect(hooks).toHaveLength(2);
    const parsed = parseEvent(hooks[0]);
    if (parsed.kind !== 'lifecycle-action') throw new Error('expected a lifecycle action');
    expect(parsed).toMatchObject({
      transition: 'launching',
      origin: 'EC2',
      destination: 'AutoScalingGroup',
    });
    expect(lifecycleOf(fleet, parsed.action.instanceId)).toBe('Pending:Wait');
    await fleet.autoScaling('us-east-2').completeLifecycleAction(parsed.action, 'CONTINUE');
    expect(lifecycleOf(fleet, parsed.action.instanceId)).toBe('InService');
    expect(clock.emitted[0]?.events.map(typeOf)).toEqual(['EC2 Instance Launch Successful']);
  });
});

describe('the simulated fleet: Spot and the application', () => {
  it('sends the Spot warning as EC2 does and takes the instance 120 s later', async () => {
    const { fleet, advance } = await fleetOf();
    const events = fleet.apply(action('spot-interruption: api-prod-04'), 720);
    const shape = sample('ec2-spot-instance-interruption-warning');
    expect(Object.keys(events[0] as object).sort()).toEqual(Object.keys(shape).sort());
    expect(parseEvent(events[0])).toMatchObject({
      kind: 'interruption',
      instanceId: 'i-0c5e9a2d7b4f31004',
      notice: 'spot-interruption',
      action: 'terminate',
    });
    expect(advance(720 + SPOT_WARNING_SECONDS - 1)).toEqual([]);
    expect(stateOf(fleet, 'i-0c5e9a2d7b4f31004')).toBe('running');
    expect(advance(720 + SPOT_WARNING_SECONDS).map((e) => detailOf(e).state)).toEqual([
      'shutting-down',
      'terminated',
    ]);
  });

  it('fails and heals an application with no event: only who can serve changes', async () => {
    const { fleet } = await fleetOf();
    const ip = fleet.resolve('api-prod-12').publicIp ?? '';
    expect(fleet.apply(action('app-fail: api-prod-12'), 0)).toEqual([]);
    expect(fleet.cannotServe().get(ip)).toBe('i-0c5e9a2d7b4f31012 (api-prod-12)');
    expect(stateOf(fleet, 'i-0c5e9a2d7b4f31012')).toBe('running');
    expect(fleet.apply(action('app-heal: api-prod-12'), 60)).toEqual([]);
    expect(fleet.cannotServe().has(ip)).toBe(false);
  });
});
