import * as v from 'valibot';
import { LineCounter, parseDocument } from 'yaml';
import { defined } from '../domain/defined.js';
import { InputError } from '../domain/errors.js';
import {
  looseMapping,
  parseOrThrow,
  problemsFrom,
  readInputFile,
  strictMapping,
} from './validation.js';

/** Something that happens to the fleet at one moment of a scenario. */
export type Action =
  | {
      readonly kind: 'stop' | 'start' | 'terminate' | 'impair' | 'recover' | 'drain' | 'undrain';
      readonly instances: readonly string[];
    }
  | {
      readonly kind: 'launch';
      readonly region: string;
      readonly zone: string;
      readonly type: string | undefined;
      readonly count: number;
      readonly name: string | undefined;
      readonly service: string | undefined;
    }
  | { readonly kind: 'alarm'; readonly name: string; readonly instances: readonly string[] }
  | { readonly kind: 'alarm-ok'; readonly name: string }
  | { readonly kind: 'lose-zone' | 'restore-zone'; readonly zone: string }
  | { readonly kind: 'empty-region'; readonly region: string }
  | { readonly kind: 'schedule' };

export interface ScenarioStep {
  /** Seconds since the start. */
  readonly at: number;
  readonly say: string | undefined;
  readonly action: Action;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly steps: readonly ScenarioStep[];
}

const INSTANCE_ACTIONS = [
  'stop',
  'start',
  'terminate',
  'impair',
  'recover',
  'drain',
  'undrain',
] as const;
const ACTION_KEYS = [
  ...INSTANCE_ACTIONS,
  'launch',
  'alarm',
  'alarm-ok',
  'lose-zone',
  'restore-zone',
  'empty-region',
  'schedule',
] as const;

const text = (what: string) =>
  v.pipe(v.string(`expected ${what}`), v.minLength(1, `expected ${what}`));
const instances = v.pipe(
  v.union(
    [text('an instance id or Name tag'), v.array(text('an instance id or Name tag'))],
    'expected an instance (id or Name tag) or a list of them',
  ),
  v.transform((x) => (Array.isArray(x) ? x : [x])),
);
const duration = v.pipe(
  v.union([v.number(), v.string()], 'expected seconds, or a duration like 90s, 2m or 1m30s'),
  v.transform((x) => (typeof x === 'number' ? x : parseDuration(x))),
  v.check(
    (x) => Number.isFinite(x) && x >= 0,
    'expected seconds, or a duration like 90s, 2m or 1m30s',
  ),
);

/** "90s", "2m", "1m30s", "45" -> seconds; NaN when not a duration. */
export function parseDuration(value: string): number {
  const match = /^\s*(?:(\d+)\s*m)?\s*(?:(\d+(?:\.\d+)?)\s*s?)?\s*$/.exec(value);
  if (match === null || (match[1] === undefined && match[2] === undefined)) return NaN;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

const stepSchema = strictMapping({
  at: duration,
  say: v.optional(v.string('expected a sentence')),
  stop: v.optional(instances),
  start: v.optional(instances),
  terminate: v.optional(instances),
  impair: v.optional(instances),
  recover: v.optional(instances),
  drain: v.optional(instances),
  undrain: v.optional(instances),
  launch: v.optional(
    strictMapping({
      region: text('a region'),
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
  ),
  alarm: v.optional(strictMapping({ name: text('an alarm name'), instances })),
  'alarm-ok': v.optional(text('an alarm name')),
  'lose-zone': v.optional(text('an availability zone')),
  'restore-zone': v.optional(text('an availability zone')),
  'empty-region': v.optional(text('a region')),
  schedule: v.optional(v.literal(true, 'expected true')),
});

const scenarioSchema = strictMapping({
  name: text('a name'),
  description: v.optional(v.string('expected a sentence')),
  steps: v.pipe(
    v.array(looseMapping({}), 'expected a list of steps'),
    v.minLength(1, 'expected at least one step'),
  ),
});

type StepEntry = v.InferOutput<typeof stepSchema>;

type ActionKey = (typeof ACTION_KEYS)[number];
type InstanceActionKey = (typeof INSTANCE_ACTIONS)[number];

const isInstanceAction = (key: ActionKey): key is InstanceActionKey =>
  INSTANCE_ACTIONS.some((k) => k === key);

/** The step's one action; `key` is the action key the step was found to hold. */
function actionOf(step: StepEntry, key: ActionKey): Action {
  const value = <T>(given: T | undefined) => defined(given, `the value of scenario action ${key}`);
  if (isInstanceAction(key)) return { kind: key, instances: value(step[key]) };
  switch (key) {
    case 'launch': {
      const l = value(step.launch);
      return {
        kind: 'launch',
        region: l.region,
        zone: l.zone,
        type: l.type,
        count: l.count ?? 1,
        name: l.name,
        service: l.service,
      };
    }
    case 'alarm': {
      const a = value(step.alarm);
      return { kind: 'alarm', name: a.name, instances: a.instances };
    }
    case 'alarm-ok':
      return { kind: 'alarm-ok', name: value(step['alarm-ok']) };
    case 'lose-zone':
    case 'restore-zone':
      return { kind: key, zone: value(step[key]) };
    case 'empty-region':
      return { kind: 'empty-region', region: value(step['empty-region']) };
    case 'schedule':
      return { kind: 'schedule' };
  }
}

/** Validates a scenario value; one InputError lists every problem with its path. */
export function scenarioFrom(value: unknown, source: string): Scenario {
  const top = parseOrThrow(scenarioSchema, value, source);
  const problems: string[] = [];
  const steps: ScenarioStep[] = [];
  let previous = 0;
  top.steps.forEach((raw, i) => {
    const path = `steps[${i}]`;
    const parsed = v.safeParse(stepSchema, raw, { abortEarly: false });
    if (!parsed.success) {
      problems.push(...problemsFrom(parsed.issues).map((p) => `${path}.${p}`));
      return;
    }
    if (parsed.output.at < previous) {
      problems.push(
        `${path}.at: steps must not go back in time (${parsed.output.at}s after ${previous}s)`,
      );
    }
    previous = Math.max(previous, parsed.output.at);
    const keys = ACTION_KEYS.filter((k) => parsed.output[k] !== undefined);
    const [key, ...others] = keys;
    if (key === undefined || others.length > 0) {
      const found = keys.length === 0 ? 'none' : keys.join(' and ');
      problems.push(
        `${path}: expected exactly one action (${ACTION_KEYS.join(', ')}), found ${found}`,
      );
      return;
    }
    steps.push({
      at: parsed.output.at,
      say: parsed.output.say,
      action: actionOf(parsed.output, key),
    });
  });
  if (problems.length > 0) throw new InputError(source, problems);
  return { name: top.name, description: top.description ?? '', steps };
}

/** Parses scenario text (YAML or JSON). */
export function parseScenario(text: string, source: string): Scenario {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const first = document.errors[0];
  if (first !== undefined) {
    const { line, col } = lines.linePos(first.pos[0]);
    throw new InputError(source, [
      `invalid YAML at ${line}:${col}: ${first.message.replace(/\s+/g, ' ').trim()}`,
    ]);
  }
  return scenarioFrom(document.toJS(), source);
}

export async function loadScenario(path: string): Promise<Scenario> {
  return parseScenario(
    await readInputFile(path, (problem) => new InputError(path, [problem])),
    path,
  );
}
