import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createRetryQueue } from '../../shared/aws/retry-queue.js';
import { AwsCallError } from '../../shared/domain/errors.js';

const sqs = mockClient(SQSClient);
afterEach(() => {
  sqs.reset();
});

const URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/rebalancer-events';
const item = {
  scope: [{ service: 'api', region: 'eu-west-1' }],
  reason: 'r',
  events: 0,
  attempt: 1,
};

describe('createRetryQueue', () => {
  it('sends the item to the standard queue with its own delay, no group and no deduplication id', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'x' });
    await createRetryQueue(() => Promise.resolve(new SQSClient({ region: 'us-east-1' })), URL).send(
      item,
      60,
    );
    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: URL, MessageBody: JSON.stringify(item), DelaySeconds: 60 },
    ]);
  });

  it('names the call that failed', async () => {
    sqs
      .on(SendMessageCommand)
      .rejects(
        Object.assign(new Error('Access to the resource is denied.'), { name: 'AccessDenied' }),
      );
    const call = createRetryQueue(
      () => Promise.resolve(new SQSClient({ region: 'us-east-1' })),
      URL,
    ).send(item, 30);
    await expect(call).rejects.toThrow(AwsCallError);
    await expect(call).rejects.toThrow(
      'SendMessage failed: AccessDenied: Access to the resource is denied.',
    );
  });
});
