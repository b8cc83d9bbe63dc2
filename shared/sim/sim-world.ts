import { createHostedZone } from '../domain/dns/zone/index.js';
import type { Plan } from '../domain/plan/plan.js';
import type { ChangeBatch } from '../domain/dns/records.js';
import type { RebalancerSpec } from '../domain/spec.js';
import type { WorkItem } from '../domain/scope.js';
import { intake } from '../app/intake.js';
import type { Logger } from '../app/ports.js';
import { reconcileQueued, type QueuedWorkDeps } from '../app/queued-work.js';
import type { ReconcileResult } from '../app/reconcile.js';
import type { OfflineState } from '../formats/state-file.js';
import type { GroupHooks } from '../formats/scenario.js';
import { agenda } from './agenda.js';
import type { Handling } from './frames.js';
import { simulationStart } from './epoch.js';
import { memoryFleet } from './memory-fleet.js';
import { propagatingZone } from './propagation.js';
import { wantsHealthChecks } from '../app/health-checks.js';
import type { Serving } from './bad-answers.js';
import { healthWatch } from './health-watch.js';

/** Events today's deployment had no rule for: lifecycle hooks and interruption notices. */
const NOT_HANDLED_TODAY = [
  'EC2 Instance-launch Lifecycle Action',
  'EC2 Instance-terminate Lifecycle Action',
  'EC2 Spot Instance Interruption Warning',
  'EC2 Instance Rebalance Recommendation',
];

/** What one delivery to the writer did. */
export interface Delivery {
  readonly item: WorkItem | undefined;
  readonly ignored: readonly string[];
  readonly reasons: readonly string[];
  readonly plan: Plan;
  readonly written: readonly ChangeBatch[];
}

/**
 * Hands bodies to the intake and its work to the writer, as SQS would; the
 * fallback item runs when none is work (the schedule catching a change).
 */
function writerOf(
  spec: RebalancerSpec,
  today: boolean,
  deps: QueuedWorkDeps,
  latest: () => ReconcileResult | undefined,
  forget: () => void,
) {
  let messages = 0;
  return async (
    bodies: readonly string[],
    fallback: WorkItem | undefined,
  ): Promise<Delivery | undefined> => {
    const heard = today
      ? bodies.filter((b) => !NOT_HANDLED_TODAY.some((t) => b.includes(`"detail-type":"${t}"`)))
      : bodies;
    const { item, forwarded, failures, ignored } = intake(
      heard.map((body) => ({ messageId: `m${++messages}`, body })),
      spec,
    );
    if (failures.length > 0)
      throw new Error(`simulated events rejected: ${failures.map((f) => f.problem).join('; ')}`);
    const items = [...(item === undefined ? [] : [item]), ...forwarded.map((f) => f.item)];
    const work = items.length === 0 && fallback !== undefined ? [fallback] : items;
    if (work.length === 0) return undefined;
    forget();
    await reconcileQueued(
      work.map((w) => ({ messageId: `m${++messages}`, body: JSON.stringify(w) })),
      deps,
    );
    const done = latest();
    if (done === undefined) return undefined;
    // Today's deployment had no EventBridge rule for them: they never reached the intake.
    const unheard = Array.from(
      { length: bodies.length - heard.length },
      () => 'sim: no rule for it under state-change-only handling',
    );
    return {
      item,
      ignored: [...ignored, ...unheard],
      reasons: work.map((w) => w.reason),
      plan: done.plan,
      written: done.written,
    };
  };
}

/**
 * The simulated AWS around the writer: the fleet and its Auto Scaling, the
 * zone behind its propagation delay, the retry queue and the clock, wired to
 * the intake and to reconcileQueued exactly as the Lambda functions are.
 */
export function simWorld(
  spec: RebalancerSpec,
  state: OfflineState,
  groups: ReadonlyMap<string, GroupHooks>,
  handling: Handling,
  propagationSeconds: number,
  log: Logger,
) {
  const today = handling === 'state-change-only';
  const clock = agenda();
  const notes: string[] = [];
  const serving: Serving[] = [];
  const withChecks = !today && wantsHealthChecks(spec);
  // The checks that exist, as the zone model judges a record's HealthCheckId.
  const checkIds = new Set<string>();
  const zone = createHostedZone(
    {
      zoneId: spec.hostedZoneId,
      ...(withChecks && { healthCheckIds: checkIds }),
    },
    state.records,
  );
  const dns = propagatingZone(zone, () => clock.now, propagationSeconds);
  const post = (events: unknown[]) => {
    for (const e of events) clock.mail.push({ at: clock.now, body: JSON.stringify(e) });
  };
  // Every instance of the state file was launched before t+0s.
  const epoch = simulationStart(state.regions);
  const fleet = memoryFleet(spec, state.regions, {
    epoch,
    // Without anyone to complete them, today's groups have no hooks.
    groups: today ? new Map() : groups,
    readLifecycle: !today,
    clock: {
      now: () => clock.now,
      later: (at, note, run) => clock.timers.push({ at, note, run }),
      emit: (note, events) => {
        notes.push(note);
        post(events);
      },
    },
  });
  // The checkers probe what the bad-answers measure counts as serving: EC2 running, the app up.
  const health = withChecks
    ? healthWatch(
        clock,
        checkIds,
        (address, t) =>
          t >= clock.now ? !fleet.cannotServe().has(address) : !downAt(serving, t).has(address),
        (id) => zone.records().some((r) => r.HealthCheckId === id),
      )
    : undefined;
  const seen: { last?: ReconcileResult | undefined } = {};
  const deps: QueuedWorkDeps = {
    zone: dns.port,
    readRegion: (region) => {
      const observed = fleet.observe(region);
      return observed === undefined
        ? Promise.reject(new Error(`no data for ${region} in the state file`))
        : Promise.resolve(observed);
    },
    log,
    now: () => new Date(epoch + clock.now * 1000),
    spec: () => Promise.resolve(spec),
    retry: {
      send: (item, delaySeconds) => {
        clock.mail.push({ at: clock.now + delaySeconds, body: JSON.stringify(item) });
        return Promise.resolve();
      },
    },
    ...(!today && {
      duties: { autoScaling: fleet.autoScaling, tagger: fleet.tagger, isInSync: dns.isInSync },
    }),
    ...(health !== undefined && { healthChecks: health.port }),
    onReconciled: (result) => {
      seen.last = result;
    },
  };
  const deliver = writerOf(
    spec,
    today,
    deps,
    () => seen.last,
    () => {
      seen.last = undefined;
    },
  );

  return {
    clock,
    notes,
    zone,
    dns,
    fleet,
    deps,
    deliver,
    post,
    propagationSeconds,
    serving,
    health,
  };
}

export type SimWorld = ReturnType<typeof simWorld>;

/** Who could not serve at `t` on the serving timeline (nobody before its first entry). */
function downAt(serving: readonly Serving[], t: number): ReadonlyMap<string, string> {
  let found: Serving | undefined;
  for (const entry of serving) {
    if (entry.from > t) break;
    found = entry;
  }
  return found?.down ?? new Map();
}
