import type { QueuedWorkDeps } from '../app/queued-work.js';
import { createRetryQueue } from '../aws/retry-queue.js';
import { createWorkQueue, sqsClient } from '../aws/work-queue.js';
import { once, required } from './env.js';
import type { LambdaLogger } from './logger.js';
import { writerEnvironment } from './writer-env.js';

/**
 * The reconcile function's wiring: the writer's (see writerEnvironment), the
 * queue unread regions and follow-ups go back to (RETRY_QUEUE_URL, the events
 * queue), the work queue the next slice of a scheduled reconcile goes to
 * (WORK_QUEUE_URL), and Auto Scaling for lifecycle hooks.
 * The manual function does without it: its caller sees what was not read.
 */
export function reconcileEnvironment(env: NodeJS.ProcessEnv = process.env): {
  logger: LambdaLogger;
  deps: () => Promise<QueuedWorkDeps>;
} {
  const writer = writerEnvironment(env);
  const deps = once(async () => {
    const aws = await writer.aws();
    const base = await writer.deps();
    // One client for both queues, made (and SQS loaded) at the first message.
    const sqs = once(() => sqsClient());
    return {
      ...base,
      retry: createRetryQueue(sqs, required(env, 'RETRY_QUEUE_URL')),
      // The zone's message group, as the intake and the schedule send to it.
      work: createWorkQueue(sqs, required(env, 'WORK_QUEUE_URL'), (await base.spec()).hostedZoneId),
      duties: {
        autoScaling: aws.autoScaling,
        tagger: aws.tagger,
        // A change id is Route 53's, whichever zone it was written to.
        isInSync: (changeId: string) => aws.route53.isInSync(changeId),
      },
    };
  });
  return { logger: writer.logger, deps };
}
