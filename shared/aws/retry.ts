/**
 * Retrying AWS calls with exponential backoff and full jitter. The SDK already
 * retries throttling three times; under a burst against Route 53's 5 requests/s
 * account limit that is not enough, so the adapters retry further on top.
 */

/** How often and how long to retry: `attempts` counts every try, the first one included. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseMs: number;
  readonly capMs: number;
}

/** Eight tries spread over up to about a minute: long enough for a burst to pass. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseMs: 250, capMs: 20_000 };

/** The clock and the dice, injected so that tests never wait and see every delay. */
export interface RetryDeps {
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

export const realRetryDeps: RetryDeps = {
  sleep: (ms) =>
    new Promise((resolve) => {
      setTimeout(resolve, ms);
    }),
  random: Math.random,
};

/** The wait after failed attempt `attempt` (0-based): full jitter, never above the cap. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: number): number {
  return random * Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
}

/**
 * Calls fn until it succeeds, a non-retryable error is thrown, or attempts run
 * out (then rethrows the last error); sleeps backoffDelay between attempts.
 */
export async function withBackoff<T>(
  fn: (attempt: number) => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  policy: RetryPolicy,
  deps: RetryDeps,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt + 1 >= policy.attempts || !isRetryable(error)) throw error;
      await deps.sleep(backoffDelay(attempt, policy, deps.random()));
    }
  }
}

// The codes AWS services use for "slow down"; Route 53 answers Throttling, or
// PriorRequestNotComplete while an earlier change to the zone is in progress.
const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'PriorRequestNotComplete',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

/** True for an error that asks the caller to slow down, by its name, Code or $retryable flag. */
export function isThrottling(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, Code, $retryable } = error as {
    name?: unknown;
    Code?: unknown;
    $retryable?: { throttling?: unknown };
  };
  return (
    (typeof name === 'string' && THROTTLING_CODES.has(name)) ||
    (typeof Code === 'string' && THROTTLING_CODES.has(Code)) ||
    $retryable?.throttling === true
  );
}
