import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkQueue } from '../../shared/aws/work-queue.js';
import { AwsCallError } from '../../shared/domain/errors.js';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/route53-rebalancer-dev-work.fifo';
const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());

describe('the work queue', () => {
  it('sends the item as JSON in the zone message group, deduplicated by the sender id', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const item = { scope: [{ service: 'api', region: 'us-east-2' }], reason: 'manual', events: 1 };
    await createWorkQueue(() => Promise.resolve(new SQSClient({})), QUEUE, 'Z0EXAMPLE12345').send(
      item,
      'req-1',
    );
    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input)).toEqual([
      {
        QueueUrl: QUEUE,
        MessageBody: JSON.stringify(item),
        MessageGroupId: 'Z0EXAMPLE12345',
        MessageDeduplicationId: 'req-1',
      },
    ]);
  });

  it("sends an item of a named zone in that zone's message group, so zones are written in parallel", async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-2' });
    const queue = createWorkQueue(
      () => Promise.resolve(new SQSClient({})),
      QUEUE,
      'Z0EXAMPLE12345',
    );
    await queue.send({ scope: [], reason: 'schedule', events: 1, zone: 'Z0PRIVATE2' }, 'req-3');
    await queue.send({ scope: [], reason: 'schedule', events: 1, zone: 'Z0PUBLIC1' }, 'req-4');
    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input.MessageGroupId)).toEqual(
      ['Z0PRIVATE2', 'Z0PUBLIC1'],
    );
  });

  it('names the call that failed', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('AccessDenied'));
    const queue = createWorkQueue(
      () => Promise.resolve(new SQSClient({})),
      QUEUE,
      'Z0EXAMPLE12345',
    );
    const failure = queue.send({ scope: [], reason: 'scheduled reconcile', events: 1 }, 'req-2');
    await expect(failure).rejects.toThrow(AwsCallError);
    await expect(failure).rejects.toThrow(/^SendMessage failed: Error: AccessDenied$/);
  });
});
