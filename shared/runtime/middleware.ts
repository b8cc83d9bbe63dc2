import type middy from '@middy/core';
import type { Logger } from '../app/log.js';

/**
 * Logs a failed invocation as one JSON line and lets the error go on to
 * Lambda, so retries, the dead-letter queue and the error alarm all work.
 */
export function logFailures(log: Logger): middy.MiddlewareObj {
  return {
    onError: (request) => {
      const error = request.error;
      log.log('error', 'invocation failed', {
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        requestId: (request.context as { awsRequestId?: string } | undefined)?.awsRequestId,
      });
    },
  };
}
