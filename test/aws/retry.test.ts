import { describe, expect, it } from 'vitest';
import type { RetryDeps, RetryPolicy } from '../../shared/aws/retry.js';
import {
  backoffDelay,
  DEFAULT_RETRY,
  isThrottling,
  realRetryDeps,
  withBackoff,
} from '../../shared/aws/retry.js';

const POLICY: RetryPolicy = { attempts: 6, baseMs: 100, capMs: 1_000 };

/** Deps that record each requested sleep instead of waiting. */
function recordingDeps(random: () => number = () => 1): RetryDeps & { slept: number[] } {
  const slept: number[] = [];
  return { slept, random, sleep: (ms) => Promise.resolve(void slept.push(ms)) };
}

const throttled = (): Error => Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });

/** A function that fails `failures` times with `error`, then returns 'done'. */
function failing(failures: number, error: () => unknown = throttled) {
  const attempts: number[] = [];
  const fn = (attempt: number): Promise<string> => {
    attempts.push(attempt);
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- errors of any shape reach the retry loop
    return attempts.length <= failures ? Promise.reject(error()) : Promise.resolve('done');
  };
  return { fn, attempts };
}

describe('withBackoff', () => {
  it('returns at once when the first attempt succeeds', async () => {
    const deps = recordingDeps();
    const { fn, attempts } = failing(0);
    await expect(withBackoff(fn, isThrottling, POLICY, deps)).resolves.toBe('done');
    expect(attempts).toEqual([0]);
    expect(deps.slept).toEqual([]);
  });

  it('doubles the wait after each retryable failure, numbering the attempts from 0', async () => {
    const deps = recordingDeps();
    const { fn, attempts } = failing(3);
    await expect(withBackoff(fn, isThrottling, POLICY, deps)).resolves.toBe('done');
    expect(attempts).toEqual([0, 1, 2, 3]);
    expect(deps.slept).toEqual([100, 200, 400]);
  });

  it('never waits longer than the cap', async () => {
    const deps = recordingDeps();
    await withBackoff(failing(5).fn, isThrottling, POLICY, deps);
    expect(deps.slept).toEqual([100, 200, 400, 800, 1_000]);
  });

  it('waits a random share of the backoff (full jitter)', async () => {
    const deps = recordingDeps(() => 0.25);
    await withBackoff(failing(3).fn, isThrottling, POLICY, deps);
    expect(deps.slept).toEqual([25, 50, 100]);
  });

  it('rethrows the last error once the attempts run out, without a final wait', async () => {
    const deps = recordingDeps();
    const { fn, attempts } = failing(Infinity);
    await expect(withBackoff(fn, isThrottling, POLICY, deps)).rejects.toThrow('Rate exceeded');
    expect(attempts).toHaveLength(POLICY.attempts);
    expect(deps.slept).toHaveLength(POLICY.attempts - 1);
  });

  it('throws a non-retryable error at once', async () => {
    const deps = recordingDeps();
    const { fn, attempts } = failing(1, () => new Error('AccessDenied'));
    await expect(withBackoff(fn, isThrottling, POLICY, deps)).rejects.toThrow('AccessDenied');
    expect(attempts).toEqual([0]);
    expect(deps.slept).toEqual([]);
  });

  it('tries once when the policy allows one attempt', async () => {
    const deps = recordingDeps();
    const { fn, attempts } = failing(1);
    await expect(withBackoff(fn, isThrottling, { ...POLICY, attempts: 1 }, deps)).rejects.toThrow();
    expect(attempts).toEqual([0]);
  });
});

describe('backoffDelay', () => {
  it('stays within [0, min(cap, base * 2^attempt)] for any random in [0, 1)', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      for (const random of [0, 0.5, 0.999]) {
        const delay = backoffDelay(attempt, DEFAULT_RETRY, random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(DEFAULT_RETRY.capMs, 250 * 2 ** attempt));
      }
    }
  });
});

describe('the default policy', () => {
  it('keeps retrying a burst for the better part of a minute at most', () => {
    const worst = Array.from({ length: DEFAULT_RETRY.attempts - 1 }, (_, attempt) =>
      backoffDelay(attempt, DEFAULT_RETRY, 1),
    ).reduce((sum, ms) => sum + ms, 0);
    expect(worst).toBeGreaterThan(10_000);
    expect(worst).toBeLessThan(90_000);
  });

  it('really sleeps with the real deps', async () => {
    const started = Date.now();
    await realRetryDeps.sleep(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(realRetryDeps.random()).toBeLessThan(1);
  });
});

describe('isThrottling', () => {
  it.each([
    'Throttling',
    'ThrottlingException',
    'PriorRequestNotComplete',
    'RequestLimitExceeded',
    'TooManyRequestsException',
  ])('recognises %s by name or by Code', (code) => {
    expect(isThrottling(Object.assign(new Error('slow down'), { name: code }))).toBe(true);
    expect(isThrottling({ Code: code })).toBe(true);
  });

  it('recognises an error the SDK flags as throttling', () => {
    expect(isThrottling({ name: 'SomethingElse', $retryable: { throttling: true } })).toBe(true);
  });

  it('rejects everything else', () => {
    for (const error of [
      new Error('boom'),
      { name: 'InvalidChangeBatch' },
      { $retryable: {} },
      { $retryable: { throttling: false } },
      'Throttling',
      undefined,
      null,
    ]) {
      expect(isThrottling(error)).toBe(false);
    }
  });
});
