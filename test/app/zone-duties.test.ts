import { describe, expect, it } from 'vitest';
import type { QueuedWorkDeps } from '../../shared/app/queued-work.js';
import { reconcileQueued } from '../../shared/app/queued-work.js';
import { workByZone } from '../../shared/app/zone-work.js';
import type { LifecycleActionRef } from '../../shared/domain/fleet/lifecycle-action.js';
import type { LifecycleInfo } from '../../shared/domain/fleet/readiness.js';
import { DEFAULT_HOOK_SETTINGS, type HookDuty } from '../../shared/domain/lifecycle/duties.js';
import type { WorkItem } from '../../shared/domain/scope.js';
import { instance, observation } from '../support/builders.js';
import { PRIVATE, PUBLIC, twoZoneSpec as spec, twoZoneWorld } from '../support/two-zones.js';

/*
 * Issue 11: with several zones, a hook is completed only once every zone that
 * renders its instance is safe, and a notice drains it in every zone.
 */

const T0 = Date.UTC(2026, 10, 22, 12);
const SAFE_MS = (60 + DEFAULT_HOOK_SETTINGS.drainMarginSeconds) * 1000;
const OLD = instance({ n: 901 });
const NEW = instance({ n: 904 });

function hookWorld() {
  const base = twoZoneWorld();
  const clock = { now: T0 };
  const lifecycle = new Map<string, LifecycleInfo>();
  const controls = {
    unreadable: undefined as string | undefined,
    inSync: true,
    failPrivate: false,
  };
  const calls = {
    completed: [] as { action: LifecycleActionRef; result: string; at: number }[],
    heartbeats: [] as number[],
    retried: [] as { item: WorkItem; delaySeconds: number }[],
  };
  const deps: QueuedWorkDeps = {
    ...base.deps,
    zoneFor: (id) => {
      const port = base.deps.zoneFor?.(id) ?? base.deps.zone;
      if (id !== PRIVATE || !controls.failPrivate) return port;
      return { ...port, readRecords: () => Promise.reject(new Error('Throttling: Rate exceeded')) };
    },
    now: () => new Date(clock.now),
    readRegion: (region) =>
      controls.unreadable === region
        ? Promise.reject(new Error('Throttling: Rate exceeded'))
        : Promise.resolve(
            observation(region, base.fleets.get(region) ?? [], { lifecycle: new Map(lifecycle) }),
          ),
    retry: {
      send: (item, delaySeconds) => {
        calls.retried.push({ item, delaySeconds });
        return Promise.resolve();
      },
    },
    duties: {
      autoScaling: () => ({
        lifecycleStates: () => Promise.resolve(new Map()),
        completeLifecycleAction: (action, result) => {
          calls.completed.push({ action, result, at: clock.now });
          return Promise.resolve('completed' as const);
        },
        recordHeartbeat: () => {
          calls.heartbeats.push(clock.now);
          return Promise.resolve('recorded' as const);
        },
      }),
      tagger: () => ({ tag: () => Promise.resolve() }),
      isInSync: () => Promise.resolve(controls.inSync),
    },
  };
  let sent = 0;
  const deliver = (item: WorkItem) =>
    reconcileQueued([{ messageId: `m${++sent}`, body: JSON.stringify(item) }], deps);
  /** Whether a record of the zone answers with the address (a weight of 0 does not). */
  const answers = (zone: string, ip: string | undefined) =>
    base.zones
      .get(zone)
      ?.records()
      .some((r) => (r.Weight ?? 1) > 0 && (r.ResourceRecords ?? []).some((v) => v.Value === ip)) ??
    false;
  /** The follow-ups queued since the last call, taken off the record. */
  const takeRetries = () => calls.retried.splice(0).map((r) => r.item);
  const hooksIn = (items: readonly WorkItem[]) =>
    items.filter((i) => i.duties?.some((d) => d.kind === 'hook') ?? false);
  return { ...base, clock, lifecycle, controls, calls, deliver, answers, takeRetries, hooksIn };
}

type HookWorld = ReturnType<typeof hookWorld>;

function hook(transition: HookDuty['transition'], id: string): HookDuty {
  return {
    kind: 'hook',
    region: 'us-east-2',
    transition,
    action: {
      autoScalingGroupName: 'api-prod',
      lifecycleHookName: 'drain-dns',
      lifecycleActionToken: `token-${id}`,
      instanceId: id,
    },
    warmPool: false,
    startedAt: T0,
  };
}

async function serving(w: HookWorld): Promise<void> {
  for (const item of workByZone({ scope: [], reason: 'schedule', events: 1 }, spec))
    await w.deliver(item);
  w.takeRetries();
}

/** The one hook follow-up queued since the last look, delivered at `at`. */
async function followHook(w: HookWorld, at: number): Promise<WorkItem> {
  const [item, ...more] = w.hooksIn(w.takeRetries());
  expect(more).toEqual([]);
  if (item === undefined) throw new Error('no hook follow-up was queued');
  w.clock.now = at;
  await w.deliver(item);
  return item;
}

describe('a terminate hook over two zones', () => {
  it('is confirmed by the public zone, then the private one, and completed once after both drains + TTL + margin', async () => {
    const w = hookWorld();
    await serving(w);
    expect([w.answers(PUBLIC, OLD.publicIp), w.answers(PRIVATE, OLD.privateIp)]).toEqual([
      true,
      true,
    ]);
    w.lifecycle.set(OLD.id, { group: 'api-prod', state: 'Terminating:Wait' });
    const items = workByZone(
      {
        scope: [{ region: 'us-east-2' }],
        reason: 'hook',
        events: 1,
        duties: [hook('terminating', OLD.id)],
      },
      spec,
    );
    expect(items.map((i) => [i.zone, i.duties?.length ?? 0])).toEqual([
      [PUBLIC, 1],
      [PRIVATE, 0],
    ]);
    // Only the public zone's item is delivered: the private zone still answers with the instance.
    await w.deliver(items[0] as WorkItem);
    expect(w.answers(PUBLIC, OLD.publicIp)).toBe(false);
    expect(w.answers(PRIVATE, OLD.privateIp)).toBe(true);
    await followHook(w, T0 + SAFE_MS);
    expect(w.calls.completed).toEqual([]);
    // Handed on to the private zone, at once, in its own group.
    const handed = await followHook(w, T0 + SAFE_MS);
    expect(handed.zone).toBe(PRIVATE);
    expect(w.calls.completed).toEqual([]);
    expect(w.answers(PRIVATE, OLD.privateIp)).toBe(false);
    const privateDrain = T0 + SAFE_MS;
    // Early in the private zone's wait: not yet.
    await followHook(w, privateDrain + SAFE_MS - 1_000);
    expect(w.calls.completed).toEqual([]);
    await followHook(w, privateDrain + SAFE_MS);
    expect(w.calls.completed.map((c) => [c.action.instanceId, c.result, c.at])).toEqual([
      [OLD.id, 'CONTINUE', privateDrain + SAFE_MS],
    ]);
    expect(w.hooksIn(w.takeRetries())).toEqual([]);
  });

  it('waits in a zone whose drain is not INSYNC, and never completes before it is', async () => {
    const w = hookWorld();
    await serving(w);
    w.lifecycle.set(OLD.id, { group: 'api-prod', state: 'Terminating:Wait' });
    const [pub] = workByZone(
      { scope: [], reason: 'hook', events: 1, duties: [hook('terminating', OLD.id)] },
      spec,
    );
    await w.deliver(pub as WorkItem);
    await followHook(w, T0 + SAFE_MS);
    w.controls.inSync = false;
    for (const offset of [0, SAFE_MS, 10 * SAFE_MS]) {
      await followHook(w, T0 + SAFE_MS + offset);
      expect(w.calls.completed).toEqual([]);
    }
    w.controls.inSync = true;
    const seen = T0 + 12 * SAFE_MS;
    await followHook(w, seen);
    expect(w.calls.completed).toEqual([]);
    await followHook(w, seen + SAFE_MS);
    expect(w.calls.completed.map((c) => c.at)).toEqual([seen + SAFE_MS]);
  });

  it('keeps waiting, with heartbeats, while the private zone cannot read the region', async () => {
    const w = hookWorld();
    await serving(w);
    w.lifecycle.set(OLD.id, { group: 'api-prod', state: 'Terminating:Wait' });
    const [pub] = workByZone(
      { scope: [], reason: 'hook', events: 1, duties: [hook('terminating', OLD.id)] },
      spec,
    );
    await w.deliver(pub as WorkItem);
    await followHook(w, T0 + SAFE_MS);
    w.controls.unreadable = 'us-east-2';
    // Close to the heartbeat timeout: the wait beats.
    const late = T0 + (DEFAULT_HOOK_SETTINGS.heartbeatTimeoutSeconds / 2 - 5) * 1000;
    const handed = await followHook(w, late);
    expect(handed.zone).toBe(PRIVATE);
    expect(w.calls.completed).toEqual([]);
    expect(w.calls.heartbeats).toEqual([late]);
    expect(w.answers(PRIVATE, OLD.privateIp)).toBe(true);
    const [again] = w.hooksIn(w.calls.retried.map((r) => r.item));
    expect(again?.zone).toBe(PRIVATE);
  });

  it('never takes an instance of a region it could not read for no instance of its services', async () => {
    const w = hookWorld();
    await serving(w);
    w.controls.unreadable = 'us-east-2';
    // The last zone to confirm (as in a one-zone configuration): nothing left to hand on to.
    await w.deliver({
      scope: [],
      reason: 'hook',
      events: 1,
      zone: PRIVATE,
      duties: [hook('terminating', OLD.id)],
    });
    expect(w.calls.completed).toEqual([]);
    expect(w.hooksIn(w.takeRetries()).map((i) => i.zone)).toEqual([PRIVATE]);
  });

  it('hands back, not completed, while the private zone’s records cannot be read', async () => {
    const w = hookWorld();
    await serving(w);
    w.controls.failPrivate = true;
    w.lifecycle.set(OLD.id, { group: 'api-prod', state: 'Terminating:Wait' });
    const [pub] = workByZone(
      { scope: [], reason: 'hook', events: 1, duties: [hook('terminating', OLD.id)] },
      spec,
    );
    await w.deliver(pub as WorkItem);
    const [item] = w.hooksIn(w.takeRetries());
    w.clock.now = T0 + SAFE_MS;
    await w.deliver(item as WorkItem);
    const [handed] = w.hooksIn(w.takeRetries());
    w.clock.now = T0 + 10 * SAFE_MS;
    // A batch of one zone whose records cannot be read fails: SQS hands the hook back.
    await expect(w.deliver(handed as WorkItem)).rejects.toThrow('Throttling');
    expect(w.hooksIn(w.takeRetries())).toEqual([]);
    expect(w.calls.completed).toEqual([]);
  });
});

describe('a launch hook over two zones', () => {
  it('completes only once both zones name the instance', async () => {
    const w = hookWorld();
    await serving(w);
    w.fleets.get('us-east-2')?.push(NEW);
    w.lifecycle.set(NEW.id, { group: 'api-prod', state: 'Pending:Wait' });
    const [pub] = workByZone(
      { scope: [], reason: 'hook', events: 1, duties: [hook('launching', NEW.id)] },
      spec,
    );
    await w.deliver(pub as WorkItem);
    expect(w.answers(PUBLIC, NEW.publicIp)).toBe(true);
    expect(w.answers(PRIVATE, NEW.privateIp)).toBe(false);
    expect(w.calls.completed).toEqual([]);
    const handed = await followHook(w, T0 + 1_000);
    expect(handed.zone).toBe(PRIVATE);
    expect(w.answers(PRIVATE, NEW.privateIp)).toBe(true);
    expect(w.calls.completed.map((c) => [c.action.instanceId, c.result])).toEqual([
      [NEW.id, 'CONTINUE'],
    ]);
  });
});

describe('a Spot interruption notice over two zones', () => {
  it('drains the instance in both zones', async () => {
    const w = hookWorld();
    await serving(w);
    const notice = {
      kind: 'notice' as const,
      region: 'us-east-2',
      instanceId: OLD.id,
      notice: 'spot-interruption' as const,
    };
    const items = workByZone(
      { scope: [{ region: 'us-east-2' }], reason: 'spot', events: 1, duties: [notice] },
      spec,
    );
    for (const item of items) await w.deliver(item);
    expect(w.answers(PUBLIC, OLD.publicIp)).toBe(false);
    expect(w.answers(PRIVATE, OLD.privateIp)).toBe(false);
  });
});
