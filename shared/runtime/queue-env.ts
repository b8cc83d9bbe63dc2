import { createWorkQueue, sqsClient } from '../aws/work-queue.js';
import { lambdaBasics, once, required } from './env.js';

/**
 * What the queueing functions (intake, schedule) need: the config, the log and
 * the FIFO work queue (WORK_QUEUE_URL), and nothing else, so their bundles
 * carry no EC2, CloudWatch or Route 53 client.
 */
export function queueEnvironment(env: NodeJS.ProcessEnv = process.env) {
  const { log, spec } = lambdaBasics(env);
  const queue = once(async () =>
    createWorkQueue(sqsClient(), required(env, 'WORK_QUEUE_URL'), (await spec()).hostedZoneId),
  );
  return {
    log,
    intakeDeps: once(async () => ({ spec, queue: await queue(), log })),
    scheduleDeps: once(async () => ({ queue: await queue(), log })),
  };
}
