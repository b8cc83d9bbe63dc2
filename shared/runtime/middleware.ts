import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import type { LambdaLogger } from './logger.js';

/**
 * Logs a failed invocation as one line and lets the error go on to Lambda, so
 * retries, the dead-letter queue and the error alarm all work.
 */
export function logFailures(logger: LambdaLogger): middy.MiddlewareObj {
  return {
    onError: (request) => {
      const error = request.error;
      logger.log.log('error', 'invocation failed', {
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    },
  };
}

/**
 * Every function's handler: Powertools adds the request id and cold start to
 * each log line (and clears per-invocation keys), failures are logged once.
 */
export function lambdaHandler<TEvent, TResult>(
  logger: LambdaLogger,
  handle: (event: TEvent, context: Context) => Promise<TResult>,
) {
  return middy<TEvent, TResult>()
    .use(injectLambdaContext(logger.powertools, { resetKeys: true }))
    .use(logFailures(logger))
    .handler(handle);
}
