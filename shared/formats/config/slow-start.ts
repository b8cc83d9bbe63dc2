import { isPlainObject } from '../validation.js';

/*
 * The rules of services[].slowStart that span fields: each step lasts at
 * least the TTL, and a grouped region cannot ramp. They read the raw input,
 * like checks.ts; values the schema rejects are left to the schema.
 */

const DEFAULT_TTL = 60;

/** Route 53 takes up to a minute to bring a change INSYNC: a shorter step may never be seen. */
const MIN_STEP_SECONDS = 60;

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1;

function stepProblem(slowStart: Record<string, unknown>, ttl: number): string | undefined {
  const { window, steps } = slowStart;
  if (!isCount(window) || !isCount(steps)) return undefined;
  const step = window / steps;
  const shown = `${window} / ${steps} = ${Math.round(step * 100) / 100} s`;
  if (step < ttl)
    return `window / steps must be at least the TTL (${ttl} s): ${shown}; use fewer steps or a longer window`;
  if (step < MIN_STEP_SECONDS)
    return `window / steps must be at least ${MIN_STEP_SECONDS} s, the time Route 53 may take to bring a change INSYNC: ${shown}; use fewer steps or a longer window`;
  return undefined;
}

function groupedRegions(service: Record<string, unknown>): string[] {
  if (!isPlainObject(service.regions)) return [];
  return Object.entries(service.regions).flatMap(([region, spec]) =>
    isPlainObject(spec) && spec.mode === 'grouped' ? [region] : [],
  );
}

/** Problems of each service's slowStart beyond its own fields, `path: message`. */
export function slowStartProblems(input: unknown): string[] {
  const services = isPlainObject(input) && Array.isArray(input.services) ? input.services : [];
  return services.flatMap((service: unknown, index) => {
    if (!isPlainObject(service) || !isPlainObject(service.slowStart)) return [];
    const at = `services[${index}].slowStart`;
    const ttl = typeof service.ttl === 'number' ? service.ttl : DEFAULT_TTL;
    const problems: string[] = [];
    const step = stepProblem(service.slowStart, ttl);
    if (step !== undefined) problems.push(`${at}: ${step}`);
    const grouped = groupedRegions(service);
    if (grouped.length > 0)
      problems.push(
        `${at}: not available with mode grouped (${grouped.join(', ')}): a multi-value group answers each of its addresses alike, so one instance cannot get a smaller share; remove slowStart or use mode weighted`,
      );
    return problems;
  });
}
