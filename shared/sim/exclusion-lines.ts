import type { Exclusion } from './exclusion.js';
import type { HealthCheckComparison } from './frames.js';

/*
 * The time to exclusion as rows of text, shared by the command line's output
 * and the HTML report so both say the same thing.
 */

function answerSeconds(value: number): string {
  return value < 1e-9 ? '0' : value.toFixed(2);
}

/** "80 s (excluded)" or "360 s: never excluded, until it served again". */
export function exclusionCell(e: Exclusion | undefined): string {
  if (e === undefined) return '-';
  if (e.lastBadAfter === 0) return 'no bad answer';
  const until = e.healed ? 'until it served again' : 'until the end';
  return e.excluded
    ? `${e.lastBadAfter} s, ${answerSeconds(e.answerSeconds)} answer-seconds`
    : `${e.lastBadAfter} s, ${answerSeconds(e.answerSeconds)} answer-seconds: never excluded, ${until}`;
}

/** One row per application failure: when, who, with checks, without. */
export function exclusionRows(c: HealthCheckComparison): string[][] {
  return c.withChecks.map((e, i) => [
    `t+${e.at}s`,
    e.instances.join(', '),
    exclusionCell(e),
    exclusionCell(c.withoutChecks[i]),
  ]);
}

export const EXCLUSION_HEADERS = ['failure', 'instance', 'with health checks', 'without'];

/** The heading line: what is measured, and the bound the checks should keep. */
export function exclusionHeading(c: HealthCheckComparison): string {
  return `time from an application failure to the last answer pointing to it (goal with Route 53 health checks: at most interval x threshold + TTL = ${c.boundSeconds} s)`;
}

/** The whole scenario's answer-seconds, with and without. */
export function exclusionTotals(c: HealthCheckComparison, withChecks: number): string {
  return `bad answers in total: ${answerSeconds(withChecks)} answer-seconds with health checks, ${answerSeconds(c.withoutAnswerSeconds)} without`;
}
