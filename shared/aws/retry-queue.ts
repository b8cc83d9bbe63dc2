import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { AwsCallError } from '../domain/errors.js';
import type { RetryQueue } from '../app/ports.js';

/**
 * The retry path: a standard queue (the events queue), whose messages may each
 * wait their own DelaySeconds, as FIFO messages cannot. The intake forwards
 * what arrives there to the FIFO work queue, so the writer stays the only one.
 */
export function createRetryQueue(client: SQSClient, queueUrl: string): RetryQueue {
  return {
    send: async (item, delaySeconds) => {
      try {
        await client.send(
          new SendMessageCommand({
            QueueUrl: queueUrl,
            MessageBody: JSON.stringify(item),
            DelaySeconds: delaySeconds,
          }),
        );
      } catch (error) {
        throw new AwsCallError('SendMessage', undefined, error);
      }
    },
  };
}
