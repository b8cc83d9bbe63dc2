import * as v from 'valibot';
import type { WorkItem } from '../domain/scope.js';
import { integerBetween, parseOrThrow, strictMapping } from './validation.js';

/** The bound on `attempt`: far beyond the retry schedule (shared/app/retry.ts), which gives up sooner. */
export const MAX_ATTEMPT = 100;

const selector = strictMapping({
  service: v.optional(v.string('expected a string')),
  region: v.optional(v.string('expected a string')),
});

const workItemSchema = strictMapping({
  scope: v.array(selector, 'expected a list'),
  reason: v.string('expected a string'),
  events: v.pipe(
    v.number('expected a number'),
    v.integer('expected an integer'),
    v.minValue(0, 'expected 0 or more'),
  ),
  // Items queued before retries existed carry none.
  attempt: v.optional(integerBetween(0, MAX_ATTEMPT)),
});

/** Validates a queued work item (with or without `attempt`); throws one InputError naming every bad field. */
export function parseWorkItem(value: unknown, source: string): WorkItem {
  return parseOrThrow(workItemSchema, value, source);
}
