import type { Logger, WorkQueue } from '../app/ports.js';
import { createWorkQueue, sqsClient } from '../aws/work-queue.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { lambdaBasics, once, required } from './env.js';
import type { LambdaLogger } from './logger.js';

/** What the queueing functions (intake and schedule) are given. */
export interface QueueDeps {
  readonly spec: () => Promise<RebalancerSpec>;
  readonly queue: WorkQueue;
  readonly log: Logger;
}

/**
 * The queueing functions' wiring: the config, the log and the FIFO work queue
 * (WORK_QUEUE_URL), and nothing else, so their bundles carry no EC2,
 * CloudWatch or Route 53 client.
 */
export function queueEnvironment(env: NodeJS.ProcessEnv = process.env): {
  logger: LambdaLogger;
  deps: () => Promise<QueueDeps>;
} {
  const { logger, spec } = lambdaBasics(env);
  const deps = once(async () => ({
    spec,
    queue: createWorkQueue(
      once(() => sqsClient()),
      required(env, 'WORK_QUEUE_URL'),
      (await spec()).hostedZoneId,
    ),
    log: logger.log,
  }));
  return { logger, deps };
}
