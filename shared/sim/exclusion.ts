import type { Scenario } from '../formats/scenario.js';
import {
  badAnswers,
  lastBadAt,
  sumBadAnswers,
  type Resolution,
  type Serving,
} from './bad-answers.js';

/*
 * Time to exclusion: after an application fails (EC2 sees nothing), how long
 * answers still point to it. With Route 53 health checks it is bounded by
 * interval x threshold (the check turning unhealthy) plus the TTL (cached
 * answers expiring); without, answers keep pointing to it until it heals, or
 * until something else (a schedule reading an alarm) takes it out.
 */

/** One application failure of a scenario, measured. */
export interface Exclusion {
  /** Seconds since the start: the app-fail step. */
  readonly at: number;
  /** The instances whose application failed, as frames label them. */
  readonly instances: readonly string[];
  /** When they could serve again (their app-heal), or the end of the measure. */
  readonly until: number;
  readonly healed: boolean;
  /** Seconds from the failure to the last answer pointing to them; 0 when none did. */
  readonly lastBadAfter: number;
  /** True when the answers stopped before they could serve again. */
  readonly excluded: boolean;
  /** Answer-seconds pointing to them over [at, until]. */
  readonly answerSeconds: number;
}

/** Who cannot serve in the serving entry in force at `t`. */
function downAt(serving: readonly Serving[], t: number): ReadonlyMap<string, string> {
  let found: Serving | undefined;
  for (const entry of serving) {
    if (entry.from > t) break;
    found = entry;
  }
  return found?.down ?? new Map();
}

/** Every app-fail step measured over each service's resolutions, until its instances serve again or `end`. */
export function exclusions(
  scenario: Scenario,
  services: readonly { readonly ttl: number; readonly resolutions: readonly Resolution[] }[],
  serving: readonly Serving[],
  end: number,
): Exclusion[] {
  return scenario.steps.flatMap((step) => {
    if (step.action.kind !== 'app-fail') return [];
    const before = new Set(downAt(serving, step.at - 1e-9).values());
    const labels = new Set([...downAt(serving, step.at).values()].filter((l) => !before.has(l)));
    if (labels.size === 0) return [];
    const back = serving.find(
      (s) => s.from > step.at && ![...s.down.values()].some((l) => labels.has(l)),
    );
    const until = back?.from ?? end;
    const span = { from: step.at, to: until };
    const last = Math.max(
      step.at,
      ...services.map((s) => lastBadAt(s.resolutions, serving, s.ttl, span, labels) ?? step.at),
    );
    const bad = sumBadAnswers(
      services.map((s) => badAnswers(s.resolutions, serving, s.ttl, span.from, span.to)),
    );
    const answerSeconds = [...bad.byInstance]
      .filter(([id]) => labels.has(id))
      .reduce((sum, [, s]) => sum + s, 0);
    return [
      {
        at: step.at,
        instances: [...labels].sort(),
        until,
        healed: back !== undefined,
        lastBadAfter: last - step.at,
        excluded: last < until,
        answerSeconds,
      },
    ];
  });
}
