import type { RetryQueue } from '../app/ports.js';
import { sendMessage, type LazySqsClient } from './sqs-send.js';

/**
 * The retry path: a standard queue (the events queue), whose messages may each
 * wait their own DelaySeconds, as FIFO messages cannot. The intake forwards
 * what arrives there to the FIFO work queue, so the writer stays the only one.
 */
export function createRetryQueue(client: LazySqsClient, queueUrl: string): RetryQueue {
  return {
    send: (item, delaySeconds) =>
      sendMessage(client, {
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(item),
        DelaySeconds: delaySeconds,
      }),
  };
}
