/** SQS events as Lambda delivers them, around the bodies a test gives. */
import type { SQSEvent, SQSRecord } from 'aws-lambda';

export function sqsEvent(bodies: readonly unknown[], queue = 'events'): SQSEvent {
  return {
    Records: bodies.map((body, i): SQSRecord => ({
      messageId: `m${i + 1}`,
      receiptHandle: `r${i + 1}`,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1732240000000',
        SenderId: 'AIDA',
        ApproximateFirstReceiveTimestamp: '1732240000001',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:us-east-1:123456789012:${queue}`,
      awsRegion: 'us-east-1',
    })),
  };
}
