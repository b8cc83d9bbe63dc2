import { hashText } from './hash.js';
import type { HealthCheckConfig, HealthCheckSubject } from './types.js';

/** CreateHealthCheck's CallerReference is at most 64 characters. */
export const MAX_CALLER_REFERENCE = 64;

/** Object keys sorted, so that the same value always serialises the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A deterministic CallerReference (`rb-` and 28 hex digits): a pure function of
 * owner, subject, config and `generation`. A retried create of the same check
 * sends the same reference, so Route 53 returns the first check instead of a
 * second one; another config gives another reference. Route 53 refuses a
 * reference once used by a deleted check, so `generation` tells apart checks
 * of the same subject and config over time: the instance's launch time (a
 * stopped and started instance is a new life) and the id of the check being
 * replaced, if any (a group's membership that comes back to an earlier set).
 */
export function callerReference(
  ownerId: string,
  subject: HealthCheckSubject,
  config: HealthCheckConfig,
  generation: readonly string[] = [],
): string {
  return `rb-${hashText(canonical({ ownerId, subject, config, generation }))}`;
}
