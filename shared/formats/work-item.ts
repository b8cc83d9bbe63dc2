import * as v from 'valibot';
import type { WorkItem } from '../domain/scope.js';
import { parseOrThrow, strictMapping } from './validation.js';

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
});

/** Validates a queued work item; throws one InputError naming every bad field. */
export function parseWorkItem(value: unknown, source: string): WorkItem {
  return parseOrThrow(workItemSchema, value, source);
}
