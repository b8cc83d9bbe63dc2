/**
 * A one-region world for lifecycle hooks and interruption notices, driven
 * through reconcileQueued: Auto Scaling, the retry queue, the tagger and
 * INSYNC are fakes that record their calls, and the clock only moves when a
 * test moves it.
 */
import type { LifecycleActionRef } from '../../shared/domain/fleet/lifecycle-action.js';
import type { Alarm, Instance, InstanceStatus } from '../../shared/domain/fleet/fleet.js';
import type { LifecycleInfo } from '../../shared/domain/fleet/readiness.js';
import type { HookSettings } from '../../shared/domain/lifecycle/duties.js';
import type { RegionSpec, ServiceSpec } from '../../shared/domain/spec.js';
import type { WorkItem } from '../../shared/domain/scope.js';
import { parseEvent } from '../../shared/formats/events/parse.js';
import { reconcileQueued } from '../../shared/app/queued-work.js';
import type { RegionReader } from '../../shared/app/ports.js';
import { workFromEvents } from '../../shared/app/work.js';
import { instance, observation, OWNER, regionSpec, serviceSpec, spec } from './builders.js';
import { testWorld, type TestWorld } from './world.js';

export const REGION = 'us-east-2';
export const RECORD = `${REGION}.api.example.com.`;

export interface LifecycleWorldOptions {
  readonly mode?: RegionSpec['mode'];
  readonly lifecycle?: HookSettings;
  readonly ttl?: number;
  readonly health?: Partial<ServiceSpec['health']>;
  readonly slowStart?: ServiceSpec['slowStart'];
  /** Ids of the instances beyond two unnamed ones. */
  readonly ids: readonly string[];
}

type Outcome<T> = T | Error;

/** A world whose Auto Scaling, retry queue, tagger, INSYNC and clock a test controls. */
export function lifecycleWorld(options: LifecycleWorldOptions) {
  const named = options.ids.map((id, i) => instance({ n: 100 + i, id }));
  const fleet: Instance[] = [instance({ n: 1 }), instance({ n: 2, zone: 'us-east-2b' }), ...named];
  const world: TestWorld = testWorld({ [REGION]: fleet });
  const lifecycle = new Map<string, LifecycleInfo>(
    fleet.map((i) => [i.id, { group: 'api-prod', state: 'InService' }]),
  );
  let statuses: Map<string, InstanceStatus> | undefined;
  let alarms: readonly Alarm[] | undefined;
  const base = serviceSpec();
  const config = {
    ...spec([
      serviceSpec({
        ttl: options.ttl ?? 60,
        health: { ...base.health, ...options.health },
        ...(options.slowStart !== undefined && { slowStart: options.slowStart }),
        regions: [regionSpec(REGION, { mode: options.mode ?? 'weighted', groupSize: 2 })],
      }),
    ]),
    ...(options.lifecycle !== undefined && { lifecycle: options.lifecycle }),
  };
  const clock = { now: Date.parse('2026-11-22T22:09:00Z') };
  const calls = {
    completed: [] as { action: LifecycleActionRef; result: string; at: number }[],
    heartbeats: [] as { action: LifecycleActionRef; at: number }[],
    retried: [] as { item: WorkItem; delaySeconds: number }[],
    tagged: [] as { instanceId: string; key: string; value: string }[],
    inSyncAsked: [] as string[],
  };
  const controls = {
    inSync: true,
    completeOutcomes: [] as Outcome<'completed' | 'gone'>[],
    heartbeatOutcomes: [] as Outcome<'recorded' | 'gone'>[],
    tagOutcomes: [] as Outcome<undefined>[],
  };
  const next = <T>(queue: Outcome<T>[], fallback: T): Promise<T> => {
    const outcome = queue.shift() ?? fallback;
    return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
  };
  const readRegion: RegionReader = (region) => {
    const instances = world.fleets.get(region) ?? [];
    return Promise.resolve(
      observation(region, instances, {
        lifecycle: new Map(lifecycle),
        ...(statuses !== undefined && { statuses: new Map(statuses) }),
        ...(alarms !== undefined && { alarms }),
      }),
    );
  };
  const deps = {
    ...world.deps,
    readRegion,
    now: () => new Date(clock.now),
    spec: () => Promise.resolve(config),
    retry: {
      send: (item: WorkItem, delaySeconds: number) => {
        calls.retried.push({ item, delaySeconds });
        return Promise.resolve();
      },
    },
    duties: {
      autoScaling: () => ({
        lifecycleStates: () => Promise.resolve(new Map()),
        completeLifecycleAction: (action: LifecycleActionRef, result: 'CONTINUE' | 'ABANDON') => {
          const outcome = next(controls.completeOutcomes, 'completed' as const);
          calls.completed.push({ action, result, at: clock.now });
          return outcome;
        },
        recordHeartbeat: (action: LifecycleActionRef) => {
          calls.heartbeats.push({ action, at: clock.now });
          return next(controls.heartbeatOutcomes, 'recorded' as const);
        },
      }),
      tagger: () => ({
        tag: (instanceId: string, key: string, value: string) => {
          calls.tagged.push({ instanceId, key, value });
          return next(controls.tagOutcomes, undefined);
        },
      }),
      isInSync: (changeId: string) => {
        calls.inSyncAsked.push(changeId);
        return Promise.resolve(controls.inSync);
      },
    },
  };
  let sent = 0;
  /** Runs the writer over these work items, as SQS would deliver them. */
  const deliver = (...items: WorkItem[]) =>
    reconcileQueued(
      items.map((item) => ({ messageId: `m${++sent}`, body: JSON.stringify(item) })),
      deps,
    );
  return {
    world,
    config,
    clock,
    calls,
    controls,
    lifecycle,
    setStatuses: (s: Map<string, InstanceStatus> | undefined) => {
      statuses = s;
    },
    setAlarms: (a: readonly Alarm[] | undefined) => {
      alarms = a;
    },
    deliver,
    /** The work item the intake makes of these EventBridge events. */
    itemOf: (...events: unknown[]): WorkItem => {
      const item = workFromEvents(
        events.map((e) => parseEvent(e)),
        config,
      ).item;
      if (item === undefined) throw new Error('no work in these events');
      return item;
    },
    /** The latest follow-up queued, taken off the record. */
    lastRetry: () => {
      const last = calls.retried.at(-1);
      if (last === undefined) throw new Error('nothing was queued again');
      return last;
    },
    weightOf: (id: string) => world.route53.zone.get(RECORD, 'A', `${OWNER}/${id}`)?.Weight,
    /** The records that answer with this address. */
    answering: (ip: string | undefined) =>
      world.route53.zone
        .records()
        .filter((r) => r.ResourceRecords?.some((v) => v.Value === ip) ?? false),
    instanceOf: (id: string) => fleet.find((i) => i.id === id),
  };
}

export type LifecycleWorld = ReturnType<typeof lifecycleWorld>;
