import { DEFAULT_HOOK_SETTINGS, type Duty } from '../domain/lifecycle/duties.js';
import { FleetTooLargeError } from '../domain/errors.js';
import type { WorkItem } from '../domain/scope.js';
import { nextSlice } from '../domain/sweep.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { parseWorkItem } from '../formats/work-item.js';
import { launchingOf, noticesOf, settleDuties, type DutyDeps } from './duties.js';
import type { QueuedMessage } from './intake.js';
import { publishSafely } from './metrics.js';
import type { MetricPoint, RetryQueue, WorkQueue, ZonePort } from './ports.js';
import { reconcile, type ReconcileDeps, type ReconcileResult } from './reconcile.js';
import { settleSlowStart } from './slow-start.js';
import { READ_ATTEMPTS, retryUnread } from './retry.js';
import { mergeWork, usableWork } from './work.js';
import { specForItem, zoneOfItem } from './zone-work.js';

export interface QueuedWorkDeps extends ReconcileDeps {
  readonly spec: () => Promise<RebalancerSpec>;
  readonly retry: RetryQueue;
  /**
   * Where the next slice of a scheduled reconcile goes: the zone's FIFO group,
   * behind what is queued. Without it, the retry queue (undelayed), which the
   * intake forwards there after its batching window.
   */
  readonly work?: WorkQueue;
  /** Lifecycle hooks and interruption notices; without it, duties are logged and dropped. */
  readonly duties?: Omit<DutyDeps, 'retry' | 'log' | 'now' | 'settings'>;
  /** Sees each reconcile's result before its duties are settled (the simulator's frames). */
  readonly onReconciled?: (result: ReconcileResult) => void;
  /** The Route 53 port of each hosted zone; without it, `zone` serves the spec's one zone. */
  readonly zoneFor?: (zoneId: string) => ZonePort;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The items of a batch that can be worked on. A message that is not a work
 * item is handed back (SQS retries it, then dead-letters it, where it can be
 * read). Selectors naming a service or region the configuration does not have
 * are logged and dropped, the message acknowledged: the bundled configuration
 * cannot change before a deploy, so retrying cannot help, and a message handed
 * back would hold up the zone's FIFO group for a visibility timeout each time.
 */
function usableItems(
  messages: readonly QueuedMessage[],
  spec: RebalancerSpec,
  deps: QueuedWorkDeps,
): { zones: Map<string, ZoneWork>; failures: string[] } {
  const zones = new Map<string, ZoneWork>();
  const failures: string[] = [];
  for (const message of messages) {
    let item: WorkItem;
    try {
      const source = `work item ${message.messageId}`;
      item = parseWorkItem(JSON.parse(message.body) as unknown, source);
    } catch (error) {
      deps.log.log('error', 'unusable work item', {
        messageId: message.messageId,
        error: describe(error),
      });
      failures.push(message.messageId);
      continue;
    }
    const zone = zoneOfItem(item, spec);
    const zoneSpec = specForItem(item, spec);
    if (zoneSpec === undefined) {
      // Like an unknown service: the bundled configuration cannot change before a deploy.
      deps.log.log('error', 'unusable work item', {
        messageId: message.messageId,
        problems: [`zone: hosted zone ${zone} is not configured`],
        kept: 'nothing: acknowledged',
      });
      continue;
    }
    const usable = usableWork(item, zoneSpec);
    if (usable.problems.length > 0)
      deps.log.log('error', 'unusable work item', {
        messageId: message.messageId,
        problems: usable.problems,
        kept: usable.item?.scope ?? 'nothing: acknowledged',
      });
    if (usable.item === undefined) continue;
    const work = zones.get(zone) ?? { spec: zoneSpec, items: [], messageIds: [] };
    work.items.push(usable.item);
    work.messageIds.push(message.messageId);
    zones.set(zone, work);
  }
  return { zones, failures };
}

/** The usable items of one hosted zone in a batch, with the one-zone spec they are reconciled with. */
interface ZoneWork {
  readonly spec: RebalancerSpec;
  readonly items: WorkItem[];
  readonly messageIds: string[];
}

/** Queues the unread units again, delayed; after READ_ATTEMPTS, logs and alarms instead. */
async function retryOrGiveUp(
  items: readonly WorkItem[],
  result: ReconcileResult,
  deps: QueuedWorkDeps,
): Promise<void> {
  const decision = retryUnread(items, result.unread);
  const zone = items[0]?.zone;
  for (const retry of decision.retries) {
    const item = zone === undefined ? retry.item : { ...retry.item, zone };
    await deps.retry.send(item, retry.delaySeconds);
    deps.log.log('warn', 'work queued again', { ...item, delaySeconds: retry.delaySeconds });
  }
  if (decision.givenUp.length === 0) return;
  deps.log.log('error', 'regions stayed unread', {
    units: decision.givenUp,
    attempts: READ_ATTEMPTS,
    readFailures: result.readFailures,
  });
  const points = decision.givenUp.map((u): MetricPoint => ({
    name: 'UnreadRegions',
    value: 1,
    unit: 'Count',
    dimensions: { Service: u.service, Region: u.region },
  }));
  if (deps.metrics !== undefined) publishSafely(deps.metrics, deps.log, points, deps.now());
}

/**
 * The writer's batch, which SQS FIFO hands over one at a time per hosted
 * zone (a batch may hold the groups of several zones): each zone's items are
 * merged into one reconcile of that zone, acknowledged once it is done. Units
 * whose region could not be read go back alone, as a new delayed item, so
 * what was reconciled is not redone and the zone's group is not held up. A
 * zone whose reconcile fails (its records could not be read, a batch was
 * refused) hands back its own messages and leaves the other zones' work done;
 * when every zone of the batch failed, the error fails the invocation.
 * Returns the ids of the messages to hand back.
 */
export async function reconcileQueued(
  messages: readonly QueuedMessage[],
  deps: QueuedWorkDeps,
): Promise<string[]> {
  const spec = await deps.spec();
  const { zones, failures } = usableItems(messages, spec, deps);
  const errors: unknown[] = [];
  for (const [zone, work] of zones) {
    try {
      await reconcileZone(zone, work, deps);
    } catch (error) {
      if (zones.size === 1) throw error;
      errors.push(error);
      deps.log.log('error', 'zone not reconciled; its work is handed back', {
        zone,
        error: describe(error),
        messages: work.messageIds.length,
      });
      failures.push(...work.messageIds);
    }
  }
  if (zones.size > 1 && errors.length === zones.size) throw errors[0];
  return failures;
}

async function reconcileZone(zone: string, work: ZoneWork, deps: QueuedWorkDeps): Promise<void> {
  const { spec, items } = work;
  const merged = mergeWork(items);
  const duties = merged.duties ?? [];
  const zoneDeps = deps.zoneFor === undefined ? deps : { ...deps, zone: deps.zoneFor(zone) };
  let result: ReconcileResult;
  try {
    result = await reconcile(
      {
        spec,
        scope: merged.scope,
        reason: merged.reason,
        ...(duties.length > 0 && { notices: noticesOf(duties), launching: launchingOf(duties) }),
      },
      zoneDeps,
    );
  } catch (error) {
    // Logged and counted by the reconcile; handed back, it could only fail again until
    // redeployed with more memory, holding up the zone's group each time.
    if (error instanceof FleetTooLargeError) return;
    throw error;
  }
  deps.onReconciled?.(result);
  await retryOrGiveUp(items, result, deps);
  await continueSweeps(items, result, deps);
  if (duties.length > 0) await settleAll(duties, result, spec, deps, items[0]?.zone);
  if (spec.services.some((s) => s.slowStart !== undefined))
    await settleSlowStart(result, duties, {
      tagger: deps.duties?.tagger,
      retry: deps.retry,
      log: deps.log,
      now: deps.now,
      zone: items[0]?.zone,
    });
}

/**
 * Queues the next slice of each scheduled reconcile in the batch, at the back
 * of the zone's FIFO group: whatever was queued while this slice ran (an
 * event) goes first. A failed send fails the batch, which SQS hands back, so
 * the sweep resumes from this slice rather than stopping.
 */
async function continueSweeps(
  items: readonly WorkItem[],
  result: ReconcileResult,
  deps: QueuedWorkDeps,
): Promise<void> {
  for (const item of items) {
    const next = nextSlice(item, (result.orphansSeen ?? 0) > 0);
    if (next === undefined) continue;
    if (deps.work !== undefined) await deps.work.send(next.item, next.deduplicationId);
    else await deps.retry.send(next.item, 0);
    deps.log.log('info', 'work queued', { reason: next.item.reason, scope: next.item.scope });
  }
}

/** After the writes: hooks completed once safe, notices held; never fails the batch. */
async function settleAll(
  duties: readonly Duty[],
  result: ReconcileResult,
  spec: RebalancerSpec,
  deps: QueuedWorkDeps,
  zone: string | undefined,
): Promise<void> {
  if (deps.duties === undefined) {
    deps.log.log('warn', 'duties dropped: no Auto Scaling wiring', { duties: duties.length });
    return;
  }
  await settleDuties(duties, result, spec, {
    ...deps.duties,
    retry: deps.retry,
    log: deps.log,
    now: deps.now,
    settings: spec.lifecycle ?? DEFAULT_HOOK_SETTINGS,
    zone,
  });
}
