import * as v from 'valibot';
import type { WorkItem } from '../domain/scope.js';
import { integerBetween, parseOrThrow, strictMapping } from './validation.js';

/** The bound on `attempt`: far beyond the retry schedule (shared/app/retry.ts), which gives up sooner. */
export const MAX_ATTEMPT = 100;

const selector = strictMapping({
  service: v.optional(v.string('expected a string')),
  region: v.optional(v.string('expected a string')),
});

const text = v.pipe(v.string('expected a string'), v.minLength(1, 'expected a non-empty string'));
const epochMs = v.pipe(
  v.number('expected a number'),
  v.integer('expected an integer'),
  v.minValue(0, 'expected 0 or more'),
);

const hookDuty = strictMapping({
  kind: v.literal('hook'),
  region: text,
  transition: v.picklist(['launching', 'terminating'], 'expected launching or terminating'),
  action: strictMapping({
    autoScalingGroupName: text,
    lifecycleHookName: text,
    lifecycleActionToken: text,
    instanceId: text,
  }),
  warmPool: v.boolean('expected true or false'),
  startedAt: epochMs,
  notBefore: v.optional(epochMs),
  changeId: v.optional(text),
  heartbeatAt: v.optional(epochMs),
  // Bounded: one entry per configured hosted zone, and there are far fewer.
  zonesLeft: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string('expected a hosted zone id'),
          v.regex(/^Z[A-Z0-9]{1,32}$/, 'expected a hosted zone id like Z0EXAMPLE12345'),
        ),
        'expected a list',
      ),
      v.maxLength(100, 'expected at most 100 hosted zones'),
    ),
  ),
});

const noticeDuty = strictMapping({
  kind: v.literal('notice'),
  region: text,
  instanceId: text,
  notice: v.picklist(
    ['spot-interruption', 'rebalance-recommendation'],
    'expected spot-interruption or rebalance-recommendation',
  ),
  until: v.optional(epochMs),
});

const rampDuty = strictMapping({
  kind: v.literal('ramp'),
  service: text,
  region: text,
  at: epochMs,
});

const workItemSchema = strictMapping({
  scope: v.array(selector, 'expected a list'),
  reason: v.string('expected a string'),
  events: v.pipe(
    v.number('expected a number'),
    v.integer('expected an integer'),
    v.minValue(0, 'expected 0 or more'),
  ),
  // Bounded: one burst of hooks is at most a group's size; a longer list is not ours.
  duties: v.optional(
    v.pipe(
      v.array(
        v.union([hookDuty, noticeDuty, rampDuty], 'expected a hook, a notice or a ramp duty'),
        'expected a list',
      ),
      v.maxLength(1000, 'expected at most 1000 duties'),
    ),
  ),
  // Items queued before retries existed carry none.
  attempt: v.optional(integerBetween(0, MAX_ATTEMPT)),
  // Items queued before several zones existed carry none: the one zone.
  zone: v.optional(
    v.pipe(
      v.string('expected a hosted zone id'),
      v.regex(/^Z[A-Z0-9]{1,32}$/, 'expected a hosted zone id like Z0EXAMPLE12345'),
    ),
  ),
  sweep: v.optional(
    strictMapping({
      chain: text,
      // Bounded: one entry per configured region, and there are fewer than 50.
      remaining: v.pipe(
        v.array(text, 'expected a list'),
        v.maxLength(100, 'expected at most 100 regions'),
      ),
      orphans: v.boolean('expected true or false'),
    }),
  ),
});

/** Validates a queued work item (with or without `attempt`); throws one InputError naming every bad field. */
export function parseWorkItem(value: unknown, source: string): WorkItem {
  return parseOrThrow(workItemSchema, value, source);
}
