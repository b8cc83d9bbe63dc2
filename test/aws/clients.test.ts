/**
 * Every client is built with the same retry settings: the SDK's adaptive mode
 * and MAX_ATTEMPTS, whatever the environment says, and the SDK counts the
 * errors Route 53 uses to slow us down as throttling (what the wire tests
 * then see it retry).
 */
import { AdaptiveRetryStrategy, isThrottlingError } from '@smithy/core/retry';
import type { StandardRetryToken } from '@smithy/types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cloudWatchClient,
  ec2Client,
  MAX_ATTEMPTS,
  route53Client,
  sqsClient,
} from '../../shared/aws/clients.js';
import { recordedTiming } from '../support/retry-timing.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

const builders = [
  ['Route 53', () => route53Client()],
  ['EC2', () => ec2Client('us-east-2')],
  ['CloudWatch', () => cloudWatchClient('us-east-2')],
  ['SQS', () => sqsClient()],
] as const;

describe('the clients', () => {
  it.each(builders)('%s retries in adaptive mode, 6 attempts a call', async (_, build) => {
    // The environment's own settings would weaken the stated bound: they are not read.
    vi.stubEnv('AWS_MAX_ATTEMPTS', '20');
    vi.stubEnv('AWS_RETRY_MODE', 'standard');
    const client = await build();
    try {
      const strategy = await client.config.retryStrategy();
      expect(strategy).toBeInstanceOf(AdaptiveRetryStrategy);
      expect((strategy as AdaptiveRetryStrategy).mode).toBe('adaptive');
      await expect(client.config.maxAttempts()).resolves.toBe(MAX_ATTEMPTS);
      expect(MAX_ATTEMPTS).toBe(6);
    } finally {
      client.destroy();
    }
  });

  it('keeps the adaptive strategy and its attempts when a test replaces the waits', async () => {
    const client = route53Client({ retryTiming: recordedTiming() });
    try {
      // Its attempts: the wire tests count 6 requests through it.
      await expect(client.config.retryStrategy()).resolves.toBeInstanceOf(AdaptiveRetryStrategy);
      await expect(client.config.maxAttempts()).resolves.toBe(MAX_ATTEMPTS);
    } finally {
      client.destroy();
    }
  });

  it('gives each client its own strategy, so one throttled service does not slow another', async () => {
    const [one, two] = [route53Client(), route53Client()];
    try {
      expect(await one.config.retryStrategy()).not.toBe(await two.config.retryStrategy());
    } finally {
      one.destroy();
      two.destroy();
    }
  });
});

type SdkError = Parameters<typeof isThrottlingError>[0];

/** A bare error with this name: no HTTP status, no $retryable flag. */
function named(name: string): SdkError {
  return Object.assign(new Error('slow down'), { name }) as SdkError;
}

describe('what the SDK classifies as throttling (THROTTLING_ERROR_CODES)', () => {
  it.each(['Throttling', 'PriorRequestNotComplete', 'RequestLimitExceeded', 'ThrottlingException'])(
    'counts %s as throttling, by its name alone',
    (name) => {
      expect(isThrottlingError(named(name))).toBe(true);
    },
  );

  it('does not count a stale batch or a denied call', () => {
    for (const name of ['InvalidChangeBatch', 'AccessDenied', 'UnauthorizedOperation']) {
      expect(isThrottlingError(named(name))).toBe(false);
    }
  });
});

describe("the SDK's own timing for a throttled call (fake timers, production strategy)", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** Drives the strategy as the retry middleware does for a call throttled every time. */
  async function throttledCall(
    jitter: number,
    startMs: number,
  ): Promise<{ requests: number; waitedMs: number }> {
    // The limiter measures its rate in half-second buckets: where the call starts matters.
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 20, 8) + startMs });
    vi.spyOn(Math, 'random').mockReturnValue(jitter);
    // A real timer waits at least 1 ms; a fake one would advance by a fraction the
    // (whole-millisecond) clock never shows, and the limiter would wait forever.
    const fakeTimeout = globalThis.setTimeout;
    const atLeastOneMs = (fn: () => void, ms = 0) => fakeTimeout(fn, Math.ceil(ms));
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(atLeastOneMs);
    const client = route53Client();
    const strategy = (await client.config.retryStrategy()) as AdaptiveRetryStrategy;
    client.destroy();
    const started = Date.now();
    let token = (await strategy.acquireInitialRetryToken('')) as StandardRetryToken;
    for (let requests = 1; ; requests++) {
      const retry = strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' });
      retry.catch(() => undefined);
      await vi.runAllTimersAsync();
      try {
        token = (await retry) as StandardRetryToken;
      } catch {
        return { requests, waitedMs: Date.now() - started };
      }
    }
  }

  const starts = [0, 250, 400, 777, 999];

  it.each(starts)('makes 6 requests within 32 s at the most jitter (start +%i ms)', async (at) => {
    const { requests, waitedMs } = await throttledCall(0.999999, at);
    expect(requests).toBe(6);
    // The backoffs alone: just under 1 + 2 + 4 + 8 + 16 s; pacing overlaps them.
    expect(waitedMs).toBeGreaterThanOrEqual(30_995);
    expect(waitedMs).toBeLessThanOrEqual(32_000);
  });

  it.each(starts)(
    'paces at 0.5 requests/s when the jitter draws no wait (start +%i ms)',
    async (at) => {
      const { requests, waitedMs } = await throttledCall(0, at);
      expect(requests).toBe(6);
      // Adaptive mode: standard mode would retry at once; at most 2 s a retry.
      expect(waitedMs).toBeGreaterThan(5_000);
      expect(waitedMs).toBeLessThanOrEqual(10_000);
    },
  );

  it.each([0.25, 0.5, 0.75])('stays within 32 s at jitter %s', async (jitter) => {
    for (const at of starts) {
      const { requests, waitedMs } = await throttledCall(jitter, at);
      expect(requests).toBe(6);
      expect(waitedMs).toBeLessThanOrEqual(32_000);
      vi.useRealTimers();
    }
  });
});
