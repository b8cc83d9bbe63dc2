import * as v from 'valibot';
import { REGION_NAME } from './config/schema.js';
import { zoneInRegion } from './regions.js';
import { scaleIn, scaleOut } from './scenario-lifecycle.js';
import { isPlainObject, strictMapping, unknownKeysCheck } from './validation.js';

/*
 * The actions of a scenario's steps, each named by its key in the step
 * (`stop: web-1`, `launch: {...}`), decoded by a valibot variant keyed by that
 * key: the Action type is the schema's output, and a step holding no action or
 * several is the variant's own problem.
 */

/** A non-empty string; `what` names it in the message. */
export const text = (what: string) =>
  v.pipe(v.string(`expected ${what}`), v.minLength(1, `expected ${what}`));

const instances = v.pipe(
  v.union(
    [text('an instance id or Name tag'), v.array(text('an instance id or Name tag'))],
    'expected an instance (id or Name tag) or a list of them',
  ),
  v.transform((x) => (Array.isArray(x) ? x : [x])),
);
const region = v.pipe(
  text('a region'),
  v.regex(REGION_NAME, 'expected an AWS region name like us-east-2'),
);
const instanceAction = <const K extends string>(kind: K) =>
  v.pipe(
    instances,
    v.transform((list) => ({ kind, instances: list })),
  );
const zoneAction = <const K extends string>(kind: K) =>
  v.pipe(
    text('an availability zone'),
    v.transform((zone) => ({ kind, zone })),
  );

const launch = v.pipe(
  strictMapping({
    region,
    zone: text('an availability zone'),
    type: v.optional(text('an instance type')),
    count: v.optional(
      v.pipe(
        v.number('expected a number'),
        v.integer('expected a whole number'),
        v.minValue(1, 'expected 1 or more'),
        v.maxValue(500, 'expected at most 500'),
      ),
    ),
    name: v.optional(text('a Name tag')),
    service: v.optional(text('a service name')),
  }),
  v.forward(
    v.check(
      (l) => !REGION_NAME.test(l.region) || zoneInRegion(l.zone, l.region),
      (issue) => `${issue.input.zone} is not in region ${issue.input.region}`,
    ),
    ['zone'],
  ),
  v.transform((l) => ({
    kind: 'launch' as const,
    region: l.region,
    zone: l.zone,
    type: l.type,
    count: l.count ?? 1,
    name: l.name,
    service: l.service,
  })),
);

/** The synthetic key the variant is keyed by: which action key the step holds. */
const TAG = 'action';

/** One action: its key in a step, and the schema of its value there. */
function action<const K extends string, TSchema extends v.GenericSchema>(
  key: K,
  entry: { [P in K]: TSchema },
) {
  return v.pipe(
    v.object({ [TAG]: v.literal(key), ...entry }),
    v.transform((step) => step[key]),
  );
}

const ACTIONS = [
  action('stop', { stop: instanceAction('stop') }),
  action('start', { start: instanceAction('start') }),
  action('terminate', { terminate: instanceAction('terminate') }),
  action('impair', { impair: instanceAction('impair') }),
  action('recover', { recover: instanceAction('recover') }),
  action('drain', { drain: instanceAction('drain') }),
  action('undrain', { undrain: instanceAction('undrain') }),
  action('launch', { launch }),
  action('alarm', {
    alarm: v.pipe(
      strictMapping({ name: text('an alarm name'), instances }),
      v.transform((a) => ({ kind: 'alarm' as const, name: a.name, instances: a.instances })),
    ),
  }),
  action('alarm-ok', {
    'alarm-ok': v.pipe(
      text('an alarm name'),
      v.transform((name) => ({ kind: 'alarm-ok' as const, name })),
    ),
  }),
  action('lose-zone', { 'lose-zone': zoneAction('lose-zone') }),
  action('restore-zone', { 'restore-zone': zoneAction('restore-zone') }),
  action('empty-region', {
    'empty-region': v.pipe(
      region,
      v.transform((name) => ({ kind: 'empty-region' as const, region: name })),
    ),
  }),
  action('scale-in', { 'scale-in': scaleIn }),
  action('scale-out', { 'scale-out': scaleOut }),
  action('spot-interruption', { 'spot-interruption': instanceAction('spot-interruption') }),
  action('app-fail', { 'app-fail': instanceAction('app-fail') }),
  action('app-heal', { 'app-heal': instanceAction('app-heal') }),
  action('schedule', {
    schedule: v.pipe(
      v.literal(true, 'expected true'),
      v.transform(() => ({ kind: 'schedule' as const })),
    ),
  }),
];

/** Something that happens to the fleet at one moment of a scenario. */
export type Action = v.InferOutput<(typeof ACTIONS)[number]>;

const ACTION_KEYS = ACTIONS.map((option) => option.entries[TAG].literal);
const ACTION_LIST = ACTION_KEYS.join(', ');

/** The step with its action key under TAG, or what it holds instead of exactly one. */
function tagged(step: Record<string, unknown>): Record<string, unknown> {
  const keys = ACTION_KEYS.filter((key) => step[key] !== undefined);
  const tag = keys.length === 1 ? keys[0] : keys.length === 0 ? 'none' : keys.join(' and ');
  return { ...step, [TAG]: tag };
}

/**
 * A step's action. An unknown key may be a misspelt action, so it is reported
 * (with the closest key) in place of a count of the actions.
 */
export const actionSchema = v.pipe(
  v.custom<Record<string, unknown>>(isPlainObject, 'expected a mapping'),
  unknownKeysCheck(['at', 'say', ...ACTION_KEYS]),
  v.transform(tagged),
  v.variant(
    TAG,
    ACTIONS,
    (issue) => `expected exactly one action (${ACTION_LIST}), found ${String(issue.input)}`,
  ),
);
