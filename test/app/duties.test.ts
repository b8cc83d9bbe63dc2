import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HOOK_SETTINGS, type HookDuty } from '../../shared/domain/lifecycle/duties.js';
import type { WorkItem } from '../../shared/domain/scope.js';
import { sampleEvent } from '../support/events.js';
import { lifecycleWorld, type LifecycleWorld } from '../support/lifecycle-world.js';

/*
 * Issue 9, drain before terminate, end to end through the writer: events
 * become work items, reconcileQueued writes the records, then settles the
 * duties against fakes of Auto Scaling, the retry queue and INSYNC.
 */

const TERMINATING = 'i-0a4e7c1d9b2f30002';
const SPOT = 'i-0a4e7c1d9b2f30001';
const LAUNCHING = 'i-0a4e7c1d9b2f30009';
const WARMING = 'i-0a4e7c1d9b2f3000a';
const TERMINATE_ACTION = {
  autoScalingGroupName: 'api-prod',
  lifecycleHookName: 'drain-dns',
  lifecycleActionToken: '87654321-4321-4321-4321-210987654321',
  instanceId: TERMINATING,
};
const schedule: WorkItem = { scope: [], reason: 'schedule', events: 1 };

let current: LifecycleWorld | undefined;
afterEach(() => {
  current?.world.route53.restore();
  current = undefined;
});

function start(options: Parameters<typeof lifecycleWorld>[0]): LifecycleWorld {
  current = lifecycleWorld(options);
  return current;
}

function hookOf(item: WorkItem): HookDuty {
  const duty = item.duties?.[0];
  if (duty?.kind !== 'hook') throw new Error('no hook duty on the item');
  return duty;
}

/** A weighted world serving TERMINATING, whose hook event has just been delivered. */
async function terminating(options: Partial<Parameters<typeof lifecycleWorld>[0]> = {}) {
  const w = start({ ids: [TERMINATING], ...options });
  await w.deliver(schedule);
  w.lifecycle.set(TERMINATING, { group: 'api-prod', state: 'Terminating:Wait' });
  w.calls.retried.length = 0;
  const changes = w.world.route53.accepted.length;
  await w.deliver(w.itemOf(sampleEvent('autoscaling-terminate-lifecycle-action')));
  return { w, wrote: w.world.route53.accepted.length - changes };
}

/** Delivers the latest follow-up at `at` (epoch ms), as the retry queue would hand it back. */
async function redeliver(w: LifecycleWorld, at: number): Promise<void> {
  const { item } = w.lastRetry();
  w.clock.now = at;
  await w.deliver(item);
}

describe('a terminate lifecycle hook', () => {
  it('drains the instance to weight 0 at once and waits TTL + margin before completing', async () => {
    const before = Date.parse('2026-11-22T22:09:00Z');
    const { w, wrote } = await terminating();
    expect(wrote).toBe(1);
    expect(w.weightOf(TERMINATING)).toBe(0);
    expect(w.weightOf(w.world.fleets.get('us-east-2')?.[0]?.id ?? '')).toBeGreaterThan(0);
    expect(w.calls.completed).toEqual([]);
    expect(w.calls.heartbeats).toEqual([]);
    expect(w.calls.retried).toHaveLength(1);
    const { item, delaySeconds } = w.lastRetry();
    expect(delaySeconds).toBe(60 + DEFAULT_HOOK_SETTINGS.drainMarginSeconds);
    const duty = hookOf(item);
    expect(duty.notBefore).toBe(before + (60 + DEFAULT_HOOK_SETTINGS.drainMarginSeconds) * 1000);
    expect(duty.changeId).toMatch(/C0+2$/);
    expect(item.scope).toEqual([{ region: 'us-east-2' }]);
  });

  it('takes its margin from spec.lifecycle when set', async () => {
    const lifecycle = { ...DEFAULT_HOOK_SETTINGS, drainMarginSeconds: 45 };
    const { w } = await terminating({ lifecycle, ttl: 30 });
    expect(w.lastRetry().delaySeconds).toBe(75);
  });

  it('completes CONTINUE exactly once: not early, not before INSYNC, then with the event’s action', async () => {
    const { w } = await terminating();
    const duty = hookOf(w.lastRetry().item);
    const notBefore = duty.notBefore ?? 0;

    await redeliver(w, notBefore - 20_000); // a follow-up delivered early
    expect(w.calls.completed).toEqual([]);
    expect(w.calls.retried).toHaveLength(2);
    expect(w.lastRetry().delaySeconds).toBe(20);
    expect(hookOf(w.lastRetry().item).notBefore).toBe(notBefore);

    w.controls.inSync = false;
    await redeliver(w, notBefore + 1);
    expect(w.calls.completed).toEqual([]);
    expect(w.calls.inSyncAsked.at(-1)).toBe(duty.changeId);
    expect(w.calls.retried).toHaveLength(3);
    expect(w.lastRetry().delaySeconds).toBe(15);

    w.controls.inSync = true;
    await redeliver(w, notBefore + 16_000);
    expect(w.calls.completed).toEqual([
      { action: TERMINATE_ACTION, result: 'CONTINUE', at: notBefore + 16_000 },
    ]);
    expect(w.calls.retried).toHaveLength(3);
    expect(w.weightOf(TERMINATING)).toBe(0);
  });

  it.each([0, 1_000, 30_000, 69_000, 69_999, 70_000, 70_001, 120_000, 900_000])(
    'never completes before write + TTL + margin (follow-up %i ms after the write)',
    async (offset) => {
      const { w } = await terminating();
      const written = Date.parse('2026-11-22T22:09:00Z');
      const earliest = written + (60 + DEFAULT_HOOK_SETTINGS.drainMarginSeconds) * 1000;
      await redeliver(w, written + offset);
      // Whatever came back, deliver it once more at the same moment: still not early.
      if (w.calls.completed.length === 0) await redeliver(w, written + offset);
      for (const c of w.calls.completed) expect(c.at).toBeGreaterThanOrEqual(earliest);
      expect(w.calls.completed).toHaveLength(written + offset >= earliest ? 1 : 0);
    },
  );

  it('logs a gone token as a warning and does not follow it up again', async () => {
    const { w } = await terminating();
    w.controls.completeOutcomes.push('gone');
    await redeliver(w, hookOf(w.lastRetry().item).notBefore ?? 0);
    expect(w.calls.completed).toHaveLength(1);
    expect(w.calls.retried).toHaveLength(1);
    const warning = w.world.log.entries.find((e) => e.message === 'lifecycle action gone');
    expect(warning?.level).toBe('warn');
    expect(warning?.fields.why).toMatch(/expired or already completed/);
  });

  it('records a heartbeat first when the wait outlasts half the heartbeat timeout', async () => {
    const lifecycle = { ...DEFAULT_HOOK_SETTINGS, heartbeatTimeoutSeconds: 30 };
    const { w } = await terminating({ lifecycle });
    expect(w.calls.heartbeats).toEqual([
      { action: TERMINATE_ACTION, at: Date.parse('2026-11-22T22:09:00Z') },
    ]);
    expect(w.calls.completed).toEqual([]);
    expect(hookOf(w.lastRetry().item).heartbeatAt).toBe(Date.parse('2026-11-22T22:09:00Z'));
  });

  it('stops following up when the heartbeat finds the action gone', async () => {
    const lifecycle = { ...DEFAULT_HOOK_SETTINGS, heartbeatTimeoutSeconds: 30 };
    const w = start({ ids: [TERMINATING], lifecycle });
    await w.deliver(schedule);
    w.lifecycle.set(TERMINATING, { group: 'api-prod', state: 'Terminating:Wait' });
    w.calls.retried.length = 0;
    w.controls.heartbeatOutcomes.push('gone');
    await w.deliver(w.itemOf(sampleEvent('autoscaling-terminate-lifecycle-action')));
    expect(w.calls.heartbeats).toHaveLength(1);
    expect(w.calls.retried).toEqual([]);
    expect(w.world.log.entries.some((e) => e.message === 'lifecycle action gone')).toBe(true);
  });

  it('survives a failed completion: the batch succeeds, the records stay, the duty comes back and completes', async () => {
    const { w } = await terminating();
    const notBefore = hookOf(w.lastRetry().item).notBefore ?? 0;
    w.controls.completeOutcomes.push(new Error('Rate exceeded'));
    await expect(redeliver(w, notBefore)).resolves.toBeUndefined();
    expect(w.calls.completed).toHaveLength(1);
    expect(w.weightOf(TERMINATING)).toBe(0);
    expect(w.calls.retried).toHaveLength(2);
    expect(w.lastRetry().delaySeconds).toBe(15);
    expect(w.world.log.entries.some((e) => e.message === 'duty not settled; retried later')).toBe(
      true,
    );
    await redeliver(w, notBefore + 15_000);
    expect(w.calls.completed).toHaveLength(2);
    expect(w.calls.completed[1]?.result).toBe('CONTINUE');
    expect(w.calls.retried).toHaveLength(2);
  });

  it('hands back no message when settling fails', async () => {
    const { w } = await terminating();
    w.controls.completeOutcomes.push(new Error('boom'));
    const { item } = w.lastRetry();
    w.clock.now = hookOf(item).notBefore ?? 0;
    expect(await w.deliver(item)).toEqual([]);
  });

  it('takes a grouped instance out of its group at once', async () => {
    const w = start({ ids: [TERMINATING], mode: 'grouped' });
    await w.deliver(schedule);
    const ip = w.instanceOf(TERMINATING)?.publicIp;
    expect(w.answering(ip).length).toBeGreaterThan(0);
    w.lifecycle.set(TERMINATING, { group: 'api-prod', state: 'Terminating:Wait' });
    await w.deliver(w.itemOf(sampleEvent('autoscaling-terminate-lifecycle-action')));
    expect(w.answering(ip)).toEqual([]);
    expect(
      w.answering(w.instanceOf(w.world.fleets.get('us-east-2')?.[0]?.id ?? '')?.publicIp),
    ).not.toEqual([]);
    expect(w.calls.completed).toEqual([]);
    expect(w.lastRetry().delaySeconds).toBe(60 + DEFAULT_HOOK_SETTINGS.drainMarginSeconds);
  });
});

describe('a hook on an instance of no configured service', () => {
  it('is completed once; refused (a group the role may not touch), it is left to its owner', async () => {
    const w = start({ ids: [] });
    await w.deliver(schedule);
    w.calls.retried.length = 0;
    w.controls.completeOutcomes.push(
      new Error('AccessDenied: not authorized to perform: autoscaling:CompleteLifecycleAction'),
    );
    await expect(
      w.deliver(w.itemOf(sampleEvent('autoscaling-terminate-lifecycle-action'))),
    ).resolves.toEqual([]);
    expect(w.calls.completed).toHaveLength(1);
    expect(w.calls.retried).toEqual([]);
    const warning = w.world.log.entries.find(
      (e) => e.message === 'lifecycle action left to its owner',
    );
    expect(warning?.level).toBe('warn');
  });
});

describe('an interruption notice', () => {
  /** A weighted world serving SPOT, whose Spot interruption warning has just been delivered. */
  async function warned(options: Partial<Parameters<typeof lifecycleWorld>[0]> = {}) {
    const w = start({ ids: [SPOT], ...options });
    await w.deliver(schedule);
    expect(w.weightOf(SPOT)).toBeGreaterThan(0);
    await w.deliver(w.itemOf(sampleEvent('ec2-spot-instance-interruption-warning')));
    return w;
  }

  it('drains the warned instance to weight 0 in the reconcile that carried the notice', async () => {
    const w = await warned();
    expect(w.weightOf(SPOT)).toBe(0);
    expect(w.weightOf(w.world.fleets.get('us-east-2')?.[0]?.id ?? '')).toBeGreaterThan(0);
  });

  it('drains it at once without a drain tag too', async () => {
    const w = await warned({ health: { drainTag: undefined } });
    expect(w.weightOf(SPOT)).toBe(0);
  });

  it('tags the warned instance with the drain tag, and a reconcile reading the tag keeps it drained', async () => {
    const w = await warned();
    expect(w.calls.tagged).toEqual([
      { instanceId: SPOT, key: 'rebalancer:drain', value: 'spot-interruption' },
    ]);
    expect(w.calls.retried).toEqual([]);
    // EC2 now shows the tag: a plain later reconcile drains it and keeps it drained.
    const fleet = w.world.fleets.get('us-east-2') ?? [];
    w.world.fleets.set(
      'us-east-2',
      fleet.map((i) =>
        i.id === SPOT ? { ...i, tags: { ...i.tags, 'rebalancer:drain': 'spot-interruption' } } : i,
      ),
    );
    await w.deliver(schedule);
    expect(w.weightOf(SPOT)).toBe(0);
    await w.deliver(schedule);
    expect(w.weightOf(SPOT)).toBe(0);
  });

  it('without a drain tag, comes back as a follow-up every 30 s for 15 minutes', async () => {
    const w = await warned({ health: { drainTag: undefined } });
    const noticed = w.clock.now;
    expect(w.calls.tagged).toEqual([]);
    expect(w.lastRetry().delaySeconds).toBe(30);
    const duty = w.lastRetry().item.duties?.[0];
    expect(duty).toMatchObject({ kind: 'notice', instanceId: SPOT, until: noticed + 15 * 60_000 });
    await redeliver(w, noticed + 30_000);
    expect(w.calls.retried).toHaveLength(2);
    await redeliver(w, noticed + 15 * 60_000);
    expect(w.calls.retried).toHaveLength(2);
  });
});

describe('launch and warm-pool hooks', () => {
  it('completes a warm-pool move at once with CONTINUE and drains nothing', async () => {
    const w = start({ ids: [WARMING] });
    await w.deliver(schedule);
    const weights = w.world.route53.zone.records();
    const changes = w.world.route53.accepted.length;
    w.lifecycle.set(WARMING, { group: 'api-prod', state: 'Warmed:Pending:Wait' });
    // Not ready either: only the warm-pool rule can complete it now.
    w.setStatuses(new Map([[WARMING, { instance: 'initializing', system: 'ok' }]]));
    await w.deliver(w.itemOf(sampleEvent('autoscaling-launch-lifecycle-action-warm-pool')));
    expect(w.calls.completed.map((c) => [c.action.instanceId, c.result])).toEqual([
      [WARMING, 'CONTINUE'],
    ]);
    expect(w.calls.retried).toEqual([]);
    // A warm-pool instance is not-ready: it leaves the records, but no other instance is touched.
    const others = (records: typeof weights) =>
      records.filter((r) => !r.SetIdentifier?.endsWith(WARMING));
    expect(others(w.world.route53.zone.records())).toEqual(others(weights));
    expect(w.world.route53.accepted.length - changes).toBeLessThanOrEqual(1);
  });

  it('completes a launch hook with CONTINUE once the instance is ready', async () => {
    const w = start({ ids: [LAUNCHING] });
    w.clock.now = Date.parse('2026-11-22T22:02:20Z');
    w.lifecycle.set(LAUNCHING, { group: 'api-prod', state: 'Pending:Wait' });
    w.setStatuses(new Map([[LAUNCHING, { instance: 'initializing', system: 'ok' }]]));
    await w.deliver(w.itemOf(sampleEvent('autoscaling-launch-lifecycle-action')));
    expect(w.calls.completed).toEqual([]);
    expect(w.lastRetry().delaySeconds).toBe(15);

    w.setStatuses(new Map([[LAUNCHING, { instance: 'ok', system: 'ok' }]]));
    await redeliver(w, w.clock.now + 15_000);
    expect(w.calls.completed.map((c) => [c.action.instanceId, c.result])).toEqual([
      [LAUNCHING, 'CONTINUE'],
    ]);
    expect(w.calls.retried).toHaveLength(1);
  });

  it('completes a launch hook only once the records name the ready instance and are INSYNC', async () => {
    const w = start({ ids: [LAUNCHING] });
    w.clock.now = Date.parse('2026-11-22T22:02:20Z');
    w.lifecycle.set(LAUNCHING, { group: 'api-prod', state: 'Pending:Wait' });
    w.setStatuses(new Map([[LAUNCHING, { instance: 'ok', system: 'ok' }]]));
    w.controls.inSync = false;
    await w.deliver(w.itemOf(sampleEvent('autoscaling-launch-lifecycle-action')));
    // Ready, and written in by this very reconcile, but not INSYNC: not yet.
    expect(w.weightOf(LAUNCHING)).toBeGreaterThan(0);
    expect(w.calls.completed).toEqual([]);
    const duty = hookOf(w.lastRetry().item);
    expect(duty.changeId).toMatch(/^\/?(change\/)?C/);
    expect(w.calls.inSyncAsked.at(-1)).toBe(duty.changeId);

    w.controls.inSync = true;
    await redeliver(w, w.clock.now + 15_000);
    expect(w.calls.completed.map((c) => [c.action.instanceId, c.result])).toEqual([
      [LAUNCHING, 'CONTINUE'],
    ]);
  });

  it('keeps a ready instance the records do not name waiting: an alarm holds its weight at 0', async () => {
    const w = start({ ids: [LAUNCHING], health: { alarmNamePrefix: 'api-' } });
    w.clock.now = Date.parse('2026-11-22T22:02:20Z');
    w.lifecycle.set(LAUNCHING, { group: 'api-prod', state: 'Pending:Wait' });
    w.setStatuses(new Map([[LAUNCHING, { instance: 'ok', system: 'ok' }]]));
    w.setAlarms([{ name: 'api-5xx', state: 'ALARM', instanceIds: [LAUNCHING] }]);
    await w.deliver(w.itemOf(sampleEvent('autoscaling-launch-lifecycle-action')));
    expect(w.weightOf(LAUNCHING) ?? 0).toBe(0);
    expect(w.calls.completed).toEqual([]);
    expect(w.world.log.entries.some((e) => e.message === 'lifecycle action completed')).toBe(false);
    expect(w.lastRetry().delaySeconds).toBe(15);
  });

  it('admits a ready Pending:Wait instance only under its hook, and a later schedule keeps it', async () => {
    const w = start({ ids: [LAUNCHING] });
    w.clock.now = Date.parse('2026-11-22T22:02:20Z');
    w.lifecycle.set(LAUNCHING, { group: 'api-prod', state: 'Pending:Wait' });
    w.setStatuses(new Map([[LAUNCHING, { instance: 'ok', system: 'ok' }]]));
    await w.deliver(schedule);
    expect(w.weightOf(LAUNCHING)).toBeUndefined(); // someone else's hook may hold it: no record
    w.controls.inSync = false;
    await w.deliver(w.itemOf(sampleEvent('autoscaling-launch-lifecycle-action')));
    const weight = w.weightOf(LAUNCHING);
    expect(weight).toBeGreaterThan(0);
    // Still Pending:Wait (the hook not completed yet): the schedule does not take it out again.
    await w.deliver(schedule);
    expect(w.weightOf(LAUNCHING)).toBe(weight);
  });

  it('completes a launch hook with the default result at the launch timeout', async () => {
    const lifecycle = {
      ...DEFAULT_HOOK_SETTINGS,
      launchTimeoutSeconds: 60,
      launchDefaultResult: 'ABANDON' as const,
    };
    const w = start({ ids: [LAUNCHING], lifecycle });
    const started = Date.parse('2026-11-22T22:02:11Z');
    w.clock.now = started + 10_000;
    w.lifecycle.set(LAUNCHING, { group: 'api-prod', state: 'Pending:Wait' });
    w.setStatuses(new Map([[LAUNCHING, { instance: 'initializing', system: 'ok' }]]));
    await w.deliver(w.itemOf(sampleEvent('autoscaling-launch-lifecycle-action')));
    for (let i = 0; i < 10 && w.calls.completed.length === 0; i++)
      await redeliver(w, w.clock.now + w.lastRetry().delaySeconds * 1000);
    expect(w.calls.completed.map((c) => [c.result, c.at])).toEqual([['ABANDON', started + 60_000]]);
  });
});
