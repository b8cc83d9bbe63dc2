/**
 * Retry timing for clients built by shared/aws/clients.ts in tests: every
 * backoff the SDK asks for is recorded and none is slept, and the adaptive
 * rate limiter is a recording stand-in that never waits.
 *
 * ```ts
 * const timing = recordedTiming();
 * const client = route53Client({ endpoint: server.url, credentials, retryTiming: timing });
 * // ... a call that was throttled twice, then succeeded:
 * expect(timing.backoffs).toEqual([1, 2]); // the retries the SDK made
 * expect(timing.reports).toEqual(['THROTTLING', 'THROTTLING', 'SUCCESS']);
 * ```
 */
import type { RetryTiming } from '../../shared/aws/clients.js';

export interface RecordedTiming extends RetryTiming {
  /** The retries the SDK waited before, numbered from 1. */
  readonly backoffs: number[];
  /** Send tokens the limiter handed out: one before every request. */
  readonly sendTokens: () => number;
  /** What the SDK told the limiter after each response: its error type, or SUCCESS. */
  readonly reports: string[];
}

/** Timing that records and never waits. */
export function recordedTiming(): RecordedTiming {
  const backoffs: number[] = [];
  const reports: string[] = [];
  let tokens = 0;
  return {
    backoffs,
    reports,
    sendTokens: () => tokens,
    backoff: (retry) => {
      backoffs.push(retry);
      return 0;
    },
    rateLimiter: {
      getSendToken: () => {
        tokens++;
        return Promise.resolve();
      },
      updateClientSendingRate: (response: { errorType?: string }) => {
        reports.push(response.errorType ?? 'SUCCESS');
      },
    },
  };
}
