import { DEFAULT_HOOK_SETTINGS, type Duty } from '../domain/lifecycle/duties.js';
import { FleetTooLargeError } from '../domain/errors.js';
import type { WorkItem } from '../domain/scope.js';
import { nextSlice } from '../domain/sweep.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { parseWorkItem } from '../formats/work-item.js';
import { noticesOf, settleDuties, type DutyDeps } from './duties.js';
import type { QueuedMessage } from './intake.js';
import { publishSafely } from './metrics.js';
import type { MetricPoint, RetryQueue, WorkQueue } from './ports.js';
import { reconcile, type ReconcileDeps, type ReconcileResult } from './reconcile.js';
import { READ_ATTEMPTS, retryUnread } from './retry.js';
import { mergeWork, usableWork } from './work.js';

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
): { items: WorkItem[]; failures: string[] } {
  const items: WorkItem[] = [];
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
    const usable = usableWork(item, spec);
    if (usable.problems.length > 0)
      deps.log.log('error', 'unusable work item', {
        messageId: message.messageId,
        problems: usable.problems,
        kept: usable.item?.scope ?? 'nothing: acknowledged',
      });
    if (usable.item !== undefined) items.push(usable.item);
  }
  return { items, failures };
}

/** Queues the unread units again, delayed; after READ_ATTEMPTS, logs and alarms instead. */
async function retryOrGiveUp(
  items: readonly WorkItem[],
  result: ReconcileResult,
  deps: QueuedWorkDeps,
): Promise<void> {
  const decision = retryUnread(items, result.unread);
  for (const retry of decision.retries) {
    await deps.retry.send(retry.item, retry.delaySeconds);
    deps.log.log('warn', 'work queued again', { ...retry.item, delaySeconds: retry.delaySeconds });
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
 * zone: merged into one reconcile, acknowledged once it is done. Units whose
 * region could not be read go back alone, as a new delayed item, so what was
 * reconciled is not redone and the zone's group is not held up. Returns the
 * ids of the messages to hand back.
 */
export async function reconcileQueued(
  messages: readonly QueuedMessage[],
  deps: QueuedWorkDeps,
): Promise<string[]> {
  const spec = await deps.spec();
  const { items, failures } = usableItems(messages, spec, deps);
  if (items.length === 0) return failures;
  const work = mergeWork(items);
  const duties = work.duties ?? [];
  let result: ReconcileResult;
  try {
    result = await reconcile(
      {
        spec,
        scope: work.scope,
        reason: work.reason,
        ...(duties.length > 0 && { notices: noticesOf(duties) }),
      },
      deps,
    );
  } catch (error) {
    // Logged and counted by the reconcile; handed back, it could only fail again until
    // redeployed with more memory, holding up the zone's group each time.
    if (error instanceof FleetTooLargeError) return failures;
    throw error;
  }
  await retryOrGiveUp(items, result, deps);
  await continueSweeps(items, result, deps);
  if (duties.length > 0) await settleAll(duties, result, spec, deps);
  return failures;
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
  });
}
