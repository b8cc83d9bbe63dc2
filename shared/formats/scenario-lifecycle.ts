import * as v from 'valibot';
import { REGION_NAME } from './config/schema.js';
import { zoneInRegion } from './regions.js';
import { integerBetween, strictMapping } from './validation.js';

/*
 * The scenario's Auto Scaling actions, and the groups' hooks they obey: a
 * scale-in terminates instances (held in Terminating:Wait by a terminate
 * hook), a scale-out launches instances that boot before they can serve.
 */

const name = (what: string) =>
  v.pipe(v.string(`expected ${what}`), v.minLength(1, `expected ${what}`));

/** The most instances one scale-in or scale-out moves: a bound on what a scenario can ask. */
export const MAX_SCALE_COUNT = 500;
/** The longest boot a scale-out may ask for, in seconds. */
export const MAX_BOOT_SECONDS = 3600;
/** How long a new instance boots when the scenario does not say: its application listens after it. */
export const DEFAULT_BOOT_SECONDS = 90;

const count = integerBetween(1, MAX_SCALE_COUNT);
const region = v.pipe(
  name('a region'),
  v.regex(REGION_NAME, 'expected an AWS region name like us-east-2'),
);
const zones = v.pipe(
  v.union(
    [name('an availability zone'), v.array(name('an availability zone'))],
    'expected an availability zone or a list of them',
  ),
  v.transform((x) => (Array.isArray(x) ? x : [x])),
  v.check((list) => list.length > 0, 'expected at least one availability zone'),
);

/** `scale-in: { group, count }`: the group terminates `count` of its instances. */
export const scaleIn = v.pipe(
  strictMapping({ group: name('an Auto Scaling group name'), count }),
  v.transform((s) => ({ kind: 'scale-in' as const, group: s.group, count: s.count })),
);

/** `scale-out: { region, zones, count, bootSeconds, group }`: new instances that serve once booted. */
export const scaleOut = v.pipe(
  strictMapping({
    group: name('an Auto Scaling group name'),
    region,
    zones,
    count,
    bootSeconds: v.optional(integerBetween(0, MAX_BOOT_SECONDS)),
  }),
  v.forward(
    v.check(
      (s) => !REGION_NAME.test(s.region) || s.zones.every((z) => zoneInRegion(z, s.region)),
      (issue) =>
        `${issue.input.zones.filter((z) => !zoneInRegion(z, issue.input.region)).join(', ')} not in region ${issue.input.region}`,
    ),
    ['zones'],
  ),
  v.transform((s) => ({
    kind: 'scale-out' as const,
    group: s.group,
    region: s.region,
    zones: s.zones,
    count: s.count,
    bootSeconds: s.bootSeconds ?? DEFAULT_BOOT_SECONDS,
  })),
);

/** The longest heartbeat timeout Auto Scaling accepts (7200 s). */
export const MAX_HEARTBEAT_SECONDS = 7200;

/** One group's lifecycle hooks, as DescribeLifecycleHooks would list them. */
export const groupHooks = v.pipe(
  strictMapping({
    terminateHook: v.optional(name('a lifecycle hook name')),
    launchHook: v.optional(name('a lifecycle hook name')),
    heartbeatTimeout: v.optional(integerBetween(30, MAX_HEARTBEAT_SECONDS)),
  }),
  v.transform((g) => ({
    terminateHook: g.terminateHook,
    launchHook: g.launchHook,
    heartbeatTimeout: g.heartbeatTimeout ?? 3600,
  })),
);

/** A group's hooks: a hook holds each instance it moves until completed or timed out. */
export type GroupHooks = v.InferOutput<typeof groupHooks>;

/** `autoScalingGroups:` of a scenario: group name -> its hooks. */
export const autoScalingGroups = v.pipe(
  v.record(name('a group name'), groupHooks, 'expected a mapping of group names to their hooks'),
  v.transform((groups) => new Map(Object.entries(groups))),
);
