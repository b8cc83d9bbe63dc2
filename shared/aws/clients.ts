import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
/**
 * The one place every AWS client is built, so that all of them retry alike:
 * the SDK's adaptive mode, MAX_ATTEMPTS requests per call, and nothing on top.
 *
 * The SDK classifies as throttling (and so retries, with its longer throttling
 * backoff and, in adaptive mode, a slower send rate) every error whose name is
 * in THROTTLING_ERROR_CODES (@smithy/core 3.41, dist-es/submodules/retry/
 * service-error-classification/constants.js, used by isThrottlingError in
 * service-error-classification.js): among them Route 53's `Throttling` and
 * `PriorRequestNotComplete`, EC2's `RequestLimitExceeded` and CloudWatch's
 * `Throttling`; HTTP 429 and `$retryable.throttling` count too.
 *
 * The bound, per call (pinned in test/aws/clients.test.ts): at most
 * MAX_ATTEMPTS requests, and at most 32 s of waiting between them. The SDK's
 * full-jitter backoff waits at most min(1 s x 2^n, 20 s) before retry n+1:
 * 1, 2, 4, 8 and 16 s. The adaptive limiter, down to 0.5 requests/s once
 * throttled, refills during those waits, so it only lengthens one shorter than
 * 2 s, to 2 s. Add up to 2 s before the first request when the same client was
 * throttled just before, more while other calls compete for the client, and up
 * to 5 s a retry for a Retry-After header. Each client's retry quota (500; a
 * throttled retry costs 5, a success gives back 5, or 1 if it was not retried)
 * stops retrying altogether in a long storm.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { Route53Client } from '@aws-sdk/client-route-53';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { RateLimiter } from '@smithy/core/retry';
import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  RetryStrategyV2,
} from '@smithy/types';

/** Requests per call, the first one included. */
export const MAX_ATTEMPTS = 6;

/** The waits between attempts, replaced so that a test sees every one and never sleeps. */
export interface RetryTiming {
  /** Milliseconds to wait before retry `retry` (1 = the first retry), instead of the SDK's backoff. */
  readonly backoff: (retry: number) => number;
  /** Paces every send instead of the SDK's DefaultRateLimiter, which sleeps once throttled. */
  readonly rateLimiter: RateLimiter;
}

export interface ClientOptions {
  /** Where requests go; by default the standard chain decides (AWS_ENDPOINT_URL, ...). */
  readonly endpoint?: string;
  /** Who signs them; by default the standard credential chain (a provider: an assumed role). */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** For tests only: production keeps the SDK's own backoff and adaptive rate limiter. */
  readonly retryTiming?: RetryTiming;
  /** For tests only: production uses REQUEST_TIMEOUTS. */
  readonly timeouts?: RequestTimeouts;
}

export interface RequestTimeouts {
  /** Milliseconds to open the TCP (and TLS) connection. */
  readonly connectMs: number;
  /** Milliseconds from sending a request to the end of its response. */
  readonly requestMs: number;
}

/**
 * Without these the SDK waits forever (both default to 0): one connection that
 * a network fault leaves open stalls the reconcile until Lambda kills it, with
 * nothing logged and the zone's FIFO group held. A timed-out request is an
 * error the adaptive strategy retries like any transient one, within
 * MAX_ATTEMPTS. The largest call made here (a page of 1,000 instances, 300
 * records, a 1,000-change batch) is answered in a second or two; 10 s leaves a
 * 30 s function (intake, schedule) room to retry a hung request.
 */
export const REQUEST_TIMEOUTS: RequestTimeouts = { connectMs: 3_000, requestMs: 10_000 };

/** The HTTP handler's options every client is built with, STS's included. */
export function requestHandlerOptions(timeouts: RequestTimeouts = REQUEST_TIMEOUTS) {
  return {
    connectionTimeout: timeouts.connectMs,
    requestTimeout: timeouts.requestMs,
    // Else the SDK only logs a warning when the request timeout passes and goes on waiting.
    throwOnRequestTimeout: true,
  };
}

/** The same adaptive strategy the SDK builds for retryMode 'adaptive', with the test's waits. */
function timedStrategy(timing: RetryTiming): RetryStrategyV2 {
  return new AdaptiveRetryStrategy(MAX_ATTEMPTS, {
    maxAttempts: MAX_ATTEMPTS,
    rateLimiter: timing.rateLimiter,
    backoff: {
      // The SDK counts completed retries from 0.
      computeNextBackoffDelay: (retries) => timing.backoff(retries + 1),
      setDelayBase: () => undefined,
    },
  });
}

/** The configuration every client shares: retries, and where a test points it. */
function common(options: ClientOptions) {
  const { endpoint, credentials, retryTiming, timeouts } = options;
  return {
    requestHandler: requestHandlerOptions(timeouts),
    // Set here, not left to AWS_MAX_ATTEMPTS / AWS_RETRY_MODE, so the bound above holds.
    retryMode: 'adaptive',
    maxAttempts: MAX_ATTEMPTS,
    ...(retryTiming !== undefined && { retryStrategy: timedStrategy(retryTiming) }),
    ...(endpoint !== undefined && { endpoint }),
    ...(credentials !== undefined && { credentials }),
  };
}

/** A Route 53 client: the service is global, signed in us-east-1. */
export function route53Client(options: ClientOptions = {}): Route53Client {
  return new Route53Client({ region: 'us-east-1', ...common(options) });
}

/** An EC2 client for the region. */
export function ec2Client(region: string, options: ClientOptions = {}): EC2Client {
  return new EC2Client({ region, ...common(options) });
}

/** A CloudWatch client for the region. */
export function cloudWatchClient(region: string, options: ClientOptions = {}): CloudWatchClient {
  return new CloudWatchClient({ region, ...common(options) });
}

/**
 * An SQS client; the region comes from the environment (the Lambda's own).
 * The SDK's SQS module is imported here, when a client is first made, not at
 * load: a writer sends after its Route 53 writes, if at all, so its cold start
 * does not load SQS before writing (bench/cold-start.ts).
 */
export async function sqsClient(options: ClientOptions = {}): Promise<SQSClient> {
  const { SQSClient } = await import('./sqs-sdk.js');
  return new SQSClient(common(options));
}

/**
 * An Auto Scaling client for the region, its SDK module imported when the
 * first is made: a reconcile asks Auto Scaling only about members an EC2 page
 * has shown to be in a group, so it loads the client while other reads are in
 * flight, and a fleet in no group never loads it (bench/cold-start.ts).
 */
export async function autoScalingClient(
  region: string,
  options: ClientOptions = {},
): Promise<AutoScalingClient> {
  const { AutoScalingClient } = await import('./auto-scaling-sdk.js');
  return new AutoScalingClient({ region, ...common(options) });
}
