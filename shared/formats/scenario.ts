import * as v from 'valibot';
import { InputError } from '../domain/errors.js';
import { actionSchema, text, type Action } from './scenario-actions.js';
import { autoScalingGroups, type GroupHooks } from './scenario-lifecycle.js';
import {
  isPlainObject,
  issuePath,
  looseMapping,
  parseOrThrow,
  readInputFile,
  strictMapping,
} from './validation.js';
import { readYaml } from './yaml-text.js';

export type { Action } from './scenario-actions.js';
export type { GroupHooks } from './scenario-lifecycle.js';

/*
 * A scenario file: timed steps, each with exactly one action (scenario-actions.ts).
 * When a step happens is decoded apart from its action, so that the steps'
 * order is checked even where an action is wrong.
 */

/** The latest a step may happen: a what-if covers hours or days, and a bound keeps times readable. */
export const MAX_AT_SECONDS = 30 * 24 * 60 * 60;

const DURATION = 'expected seconds, or a duration like 90s, 2m or 1m30s';

/** "90s", "2m", "1m30s", "45" -> seconds; NaN when not a duration. */
export function parseDuration(value: string): number {
  const match = /^\s*(?:(\d+)\s*m)?\s*(?:(\d+(?:\.\d+)?)\s*s?)?\s*$/.exec(value);
  if (match === null || (match[1] === undefined && match[2] === undefined)) return NaN;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

const duration = v.pipe(
  v.union([v.number(), v.string()], DURATION),
  v.transform((x) => (typeof x === 'number' ? x : parseDuration(x))),
  v.check((x) => Number.isFinite(x) && x >= 0, DURATION),
  v.check(
    (x) => !Number.isFinite(x) || x <= MAX_AT_SECONDS,
    `expected at most 30 days (${MAX_AT_SECONDS}s) after the start`,
  ),
);

/** When a step happens and what it says; its action is left to actionSchema. */
const timingSchema = v.pipe(
  v.custom<Record<string, unknown>>(isPlainObject, 'expected a mapping'),
  v.looseObject({ at: duration, say: v.optional(v.string('expected a sentence')) }, 'required'),
);

export interface ScenarioStep {
  /** Seconds since the start. */
  readonly at: number;
  readonly say: string | undefined;
  readonly action: Action;
}

export interface Scenario {
  /** The file (or other source) the scenario came from, for messages about its steps. */
  readonly source: string;
  readonly name: string;
  readonly description: string;
  /** The Auto Scaling groups whose hooks the scenario's scale-ins and scale-outs obey; groups not listed have none. */
  readonly autoScalingGroups: ReadonlyMap<string, GroupHooks>;
  readonly steps: readonly ScenarioStep[];
}

const scenarioSchema = strictMapping({
  name: text('a name'),
  description: v.optional(v.string('expected a sentence')),
  autoScalingGroups: v.optional(autoScalingGroups),
  steps: v.pipe(
    v.array(looseMapping({}), 'expected a list of steps'),
    v.minLength(1, 'expected at least one step'),
  ),
});

/** `steps[3].launch.zone: message`; the variant's own issue is about the whole step, not its tag. */
function stepProblems(path: string, issues: readonly v.BaseIssue<unknown>[] | undefined): string[] {
  return (issues ?? []).map((issue) => {
    const inner = issue.type === 'variant' ? '' : issuePath(issue);
    return `${inner === '' ? path : `${path}.${inner}`}: ${issue.message}`;
  });
}

/** Validates a scenario value; one InputError lists every problem with its path. */
export function scenarioFrom(value: unknown, source: string): Scenario {
  const top = parseOrThrow(scenarioSchema, value, source);
  const problems: string[] = [];
  const steps: ScenarioStep[] = [];
  let previous = 0;
  top.steps.forEach((raw, i) => {
    const path = `steps[${i}]`;
    const timing = v.safeParse(timingSchema, raw, { abortEarly: false });
    problems.push(...stepProblems(path, timing.issues));
    if (timing.success && timing.output.at < previous) {
      problems.push(
        `${path}.at: steps must not go back in time (${timing.output.at}s after ${previous}s)`,
      );
    }
    if (timing.success) previous = Math.max(previous, timing.output.at);
    const decoded = v.safeParse(actionSchema, raw, { abortEarly: false });
    problems.push(...stepProblems(path, decoded.issues));
    if (timing.success && decoded.success) {
      steps.push({ at: timing.output.at, say: timing.output.say, action: decoded.output });
    }
  });
  if (problems.length > 0) throw new InputError(source, problems);
  return {
    source,
    name: top.name,
    description: top.description ?? '',
    autoScalingGroups: top.autoScalingGroups ?? new Map(),
    steps,
  };
}

/** Parses scenario text (YAML or JSON); every problem names `source`. */
export function parseScenario(text: string, source: string): Scenario {
  const { problem, value } = readYaml(text);
  if (problem !== undefined) throw new InputError(source, [problem]);
  return scenarioFrom(value, source);
}

/** Reads and parses a scenario file; every problem names its path. */
export async function loadScenario(path: string): Promise<Scenario> {
  return parseScenario(
    await readInputFile(path, (problem) => new InputError(path, [problem])),
    path,
  );
}
