import { inScope, type WorkItem } from '../domain/scope.js';
import type { ServiceRegion } from './reconcile.js';

/** Reconciles that try to read a unit before it is given up: the first one and 4 retries. */
export const READ_ATTEMPTS = 5;
/** The first retry waits this long, each next one twice as long: 30, 60, 120, 240 s. */
export const FIRST_RETRY_DELAY_SECONDS = 30;
/** SQS's longest per-message delay: a longer wait comes back and waits again. */
export const MAX_DELAY_SECONDS = 900;

export interface Retry {
  readonly item: WorkItem;
  readonly delaySeconds: number;
}

export interface RetryDecision {
  /** Items to queue again, one per attempt count, delayed. */
  readonly retries: readonly Retry[];
  /** Units no reconcile could read, READ_ATTEMPTS times in a row: retried no more. */
  readonly givenUp: readonly (ServiceRegion & { readonly attempts: number })[];
}

/** The delay before retry `attempt` (1-based): doubling from the first, at most SQS's 900 s. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(MAX_DELAY_SECONDS, FIRST_RETRY_DELAY_SECONDS * 2 ** (attempt - 1));
}

/** How many reconciles in a row have now failed to read the unit: one more than any item covering it counted. */
function failedReads(items: readonly WorkItem[], unit: ServiceRegion): number {
  const covering = items.filter((i) => inScope(i.scope, unit.service, unit.region));
  return 1 + Math.max(0, ...covering.map((i) => i.attempt ?? 0));
}

/**
 * What to do about the units a reconcile of `items` could not read: only
 * those go back, never the units it reconciled. Below `attempts` failed reads
 * a unit is queued again with its count; at it, it is given up (and alarmed).
 */
export function retryUnread(
  items: readonly WorkItem[],
  unread: readonly ServiceRegion[],
  attempts = READ_ATTEMPTS,
): RetryDecision {
  const byCount = new Map<number, ServiceRegion[]>();
  const givenUp: (ServiceRegion & { attempts: number })[] = [];
  for (const unit of unread) {
    const failed = failedReads(items, unit);
    if (failed >= attempts) givenUp.push({ ...unit, attempts: failed });
    else byCount.set(failed, [...(byCount.get(failed) ?? []), unit]);
  }
  const retries = [...byCount]
    .sort(([a], [b]) => a - b)
    .map(([attempt, units]): Retry => {
      const regions = [...new Set(units.map((u) => u.region))].join(', ');
      return {
        item: {
          scope: units.map((u) => ({ service: u.service, region: u.region })),
          reason: `retry ${attempt} of ${attempts - 1}: ${regions} unread`,
          events: 0,
          attempt,
        },
        delaySeconds: retryDelaySeconds(attempt),
      };
    });
  return { retries, givenUp };
}
