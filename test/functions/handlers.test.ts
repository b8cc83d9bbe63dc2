import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeInstancesCommand,
  DescribeInstanceStatusCommand,
  DescribeInstanceTypesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeRoute53, type FakeRoute53 } from '../support/fake-route53.js';
import { sampleEvent } from '../support/events.js';
import { sqsEvent } from '../support/sqs.js';
import { zoneWith } from '../support/zone.js';

/**
 * The exported, middy-wrapped handlers, wired from their environment as in
 * Lambda: config file beside the code, queue URL, region. AWS is mocked at the
 * client level, so this proves the wiring, not only the logic.
 */
const CONFIG = `
hostedZoneId: Z0EXAMPLE12345
ownerId: api-prod
services:
  - name: api
    recordName: api.example.com
    members: { tags: { "rebalancer:service": api } }
    health: { alarmNamePrefix: api- }
    regions:
      us-east-1: { mode: weighted }
`;

const context = {
  awsRequestId: 'req-123',
  functionName: 'f',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
} as Context;
const sqs = mockClient(SQSClient);
const ec2 = mockClient(EC2Client);
const cloudwatch = mockClient(CloudWatchClient);
let route53: FakeRoute53;
/** What the handlers logged: one JSON object per line. */
const lines: string[] = [];

beforeAll(() => {
  // Powertools' logger writes to stdout and (warnings, errors) stderr directly, not through console.log.
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((line) => line.startsWith('{')),
      );
      return true;
    });
  const dir = mkdtempSync(join(tmpdir(), 'rebalancer-lambda-'));
  writeFileSync(join(dir, 'rebalancer.yml'), CONFIG);
  vi.stubEnv('LAMBDA_TASK_ROOT', dir);
  vi.stubEnv(
    'WORK_QUEUE_URL',
    'https://sqs.us-east-1.amazonaws.com/123456789012/rebalancer-work.fifo',
  );
  vi.stubEnv(
    'RETRY_QUEUE_URL',
    'https://sqs.us-east-1.amazonaws.com/123456789012/rebalancer-events',
  );
  vi.stubEnv('METRICS_NAMESPACE', '');
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  route53 = fakeRoute53(zoneWith());
  sqs.on(SendMessageCommand).resolves({ MessageId: 'x' });
  ec2.on(DescribeInstancesCommand).resolves({
    Reservations: [
      {
        Instances: [
          {
            InstanceId: 'i-0123456789abcdef0',
            InstanceType: 'm5.large',
            State: { Name: 'running', Code: 16 },
            Placement: { AvailabilityZone: 'us-east-1a' },
            PublicIpAddress: '198.51.100.7',
            Tags: [{ Key: 'rebalancer:service', Value: 'api' }],
          },
        ],
      },
    ],
  });
  ec2.on(DescribeInstanceTypesCommand).resolves({
    InstanceTypes: [
      {
        InstanceType: 'm5.large',
        VCpuInfo: { DefaultVCpus: 2 },
        MemoryInfo: { SizeInMiB: 8192 },
      },
    ],
  });
  ec2.on(DescribeInstanceStatusCommand).resolves({
    InstanceStatuses: [
      {
        InstanceId: 'i-0123456789abcdef0',
        InstanceStatus: { Status: 'ok' },
        SystemStatus: { Status: 'ok' },
      },
    ],
  });
  cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
});

beforeEach(() => {
  sqs.resetHistory();
});

afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  route53.restore();
  sqs.restore();
  ec2.restore();
  cloudwatch.restore();
});

type AnyHandler = (event: unknown, context: Context) => Promise<unknown>;
const HANDLERS = {
  intake: async () => (await import('../../functions/intake.js')).handler,
  reconcile: async () => (await import('../../functions/reconcile.js')).handler,
  schedule: async () => (await import('../../functions/schedule.js')).handler,
  manual: async () => (await import('../../functions/manual.js')).handler,
} satisfies Record<string, () => Promise<AnyHandler>>;

describe('the deployed handlers', () => {
  it('intake queues one work item on the FIFO queue, grouped by hosted zone', async () => {
    const { handler } = await import('../../functions/intake.js');
    const response = await handler(sqsEvent([sampleEvent('ec2-instance-state-change')]), context);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(lines.map((l) => JSON.parse(l) as unknown)).toContainEqual(
      expect.objectContaining({ message: 'work queued', events: 1 }),
    );
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/rebalancer-work.fifo',
      MessageBody: JSON.stringify({
        scope: [{ region: 'us-east-1' }],
        reason: '1 instance state change',
        events: 1,
      }),
      MessageGroupId: 'Z0EXAMPLE12345',
      MessageDeduplicationId: 'req-123',
    });
  });

  it('manual plans a dry run from live reads', async () => {
    const { handler } = await import('../../functions/manual.js');
    const response = await handler({ dryRun: true }, context);
    expect(response.changeBatches[0]?.Changes.map((c) => c.ResourceRecordSet.Name)).toEqual([
      'us-east-1.api.example.com.',
      'api.example.com.',
    ]);
    expect(route53.callCount('ChangeResourceRecordSets')).toBe(0);
  });

  it('reconcile writes through the work queue batch', async () => {
    const { handler } = await import('../../functions/reconcile.js');
    const response = await handler(
      sqsEvent([{ scope: [], reason: 'scheduled reconcile', events: 1 }], 'work.fifo'),
      context,
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(route53.zone.get('api.example.com.', 'A', 'api-prod/us-east-1')).toBeDefined();
  });

  it('a bad manual payload fails the invocation with one clear message, logged as one JSON line', async () => {
    const { handler } = await import('../../functions/manual.js');
    await expect(handler({ servise: 'api' }, context)).rejects.toThrow(
      'invoke payload: servise: unknown key (did you mean service?)',
    );
    expect(lines.map((l) => JSON.parse(l) as unknown)).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'invocation failed',
        service: 'route53-rebalancer',
        error: 'InputError: invoke payload: servise: unknown key (did you mean service?)',
        function_request_id: 'req-123',
        cold_start: expect.any(Boolean) as unknown,
      }),
    );
  });

  it.each<[keyof typeof HANDLERS, unknown, string]>([
    [
      'intake',
      null,
      'intake event: expected an SQS event, {"Records": [...]}, as Lambda delivers a queue batch',
    ],
    [
      'reconcile',
      null,
      'reconcile event: expected an SQS event, {"Records": [...]}, as Lambda delivers a queue batch',
    ],
    ['reconcile', { Records: [{ body: '{}' }] }, 'reconcile event: Records[0].messageId: required'],
    ['schedule', null, 'scheduled event: expected an object'],
    ['manual', [], 'invoke payload: expected a mapping'],
  ])(
    '%s refuses an event of the wrong shape with one InputError, logged',
    async (name, event, message) => {
      const handler = await HANDLERS[name]();
      await expect(handler(event, context)).rejects.toThrow(message);
      expect(lines.map((l) => JSON.parse(l) as unknown)).toContainEqual(
        expect.objectContaining({ message: 'invocation failed', error: `InputError: ${message}` }),
      );
    },
  );

  it('a region reconcile cannot read goes back through the events queue, delayed, and intake hands it to the FIFO queue', async () => {
    ec2.on(DescribeInstancesCommand).rejectsOnce(
      Object.assign(new Error('You are not authorized to perform this operation.'), {
        name: 'UnauthorizedOperation',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const reconcile = (await import('../../functions/reconcile.js')).handler;
    const response = await reconcile(
      sqsEvent([{ scope: [], reason: 'scheduled reconcile', events: 1 }], 'work.fifo'),
      context,
    );
    expect(response).toEqual({ batchItemFailures: [] });
    const retry = {
      scope: [{ service: 'api', region: 'us-east-1' }],
      reason: 'retry 1 of 4: us-east-1 unread',
      events: 0,
      attempt: 1,
    };
    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input)).toEqual([
      {
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/rebalancer-events',
        MessageBody: JSON.stringify(retry),
        DelaySeconds: 30,
      },
    ]);
    const intake = (await import('../../functions/intake.js')).handler;
    expect(await intake(sqsEvent([retry]), context)).toEqual({ batchItemFailures: [] });
    expect(sqs.commandCalls(SendMessageCommand)[1]?.args[0].input).toEqual({
      QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/rebalancer-work.fifo',
      MessageBody: JSON.stringify(retry),
      MessageGroupId: 'Z0EXAMPLE12345',
      MessageDeduplicationId: 'retry-m1',
    });
  });
});
