import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Logger } from '../app/ports.js';

/**
 * The functions' logger: Powertools for AWS Lambda's, so every line is one
 * JSON object with its level, the request id and cold start (added by the
 * injectLambdaContext middleware), filtered by POWERTOOLS_LOG_LEVEL.
 */
export interface LambdaLogger {
  /** Handed to Powertools' middleware, which adds the Lambda context to every line. */
  readonly powertools: PowertoolsLogger;
  /** The same logger behind the application's port. */
  readonly log: Logger;
}

export function lambdaLogger(serviceName = 'route53-rebalancer'): LambdaLogger {
  const powertools = new PowertoolsLogger({ serviceName });
  return {
    powertools,
    log: {
      log: (level, message, fields = {}) => {
        powertools[level](message, { ...fields });
      },
    },
  };
}
