/**
 * The CloudWatch adapters against a local HTTP server. This SDK speaks AWS JSON
 * 1.0 to CloudWatch (X-Amz-Target GraniteServiceVersion20100801.<Op>), with
 * timestamps as epoch seconds, not the query protocol of the API reference.
 */
import { readFileSync } from 'node:fs';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClientConfig } from '@aws-sdk/client-cloudwatch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cloudWatchClient, MAX_ATTEMPTS } from '../../shared/aws/clients.js';
import { createCloudWatchAdapter } from '../../shared/aws/cloudwatch.js';
import { toAlarm } from '../../shared/formats/aws-shapes.js';
import { AwsCallError } from '../../shared/domain/errors.js';
import { startServer } from '../support/http-server.js';
import type { RecordedRequest, Reply, TestServer } from '../support/http-server.js';
import { recordedTiming } from '../support/retry-timing.js';

const REGION = 'us-east-2';
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wire-test-secret' };
const JSON_1_0 = 'application/x-amz-json-1.0';

let server: TestServer;
const clients: CloudWatchClient[] = [];

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
});

function client(config: CloudWatchClientConfig = {}): CloudWatchClient {
  const made = new CloudWatchClient({
    region: REGION,
    endpoint: server.url,
    credentials: CREDENTIALS,
    ...config,
  });
  clients.push(made);
  return made;
}

function json(body: string, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': JSON_1_0, ...headers }, body };
}

function fixture(name: string): Reply {
  return json(readFileSync(new URL(`../fixtures/cloudwatch/${name}`, import.meta.url), 'utf8'));
}

function sent(request: RecordedRequest | undefined): unknown {
  return JSON.parse(request?.body ?? 'null');
}

const THROTTLED = JSON.stringify({
  __type: 'com.amazonaws.cloudwatch#Throttling',
  message: 'Rate exceeded',
});

describe('DescribeAlarms on the wire', () => {
  it('posts JSON with the DescribeAlarms target and follows NextToken', async () => {
    server.enqueue(fixture('describe-alarms-page-1.json'), fixture('describe-alarms-page-2.json'));

    await createCloudWatchAdapter(client(), REGION).alarmsInAlarm('api-');

    const [first, second] = server.requests;
    expect(server.requests).toHaveLength(2);
    expect(first?.method).toBe('POST');
    expect(first?.path).toBe('/');
    expect(first?.headers['x-amz-target']).toBe('GraniteServiceVersion20100801.DescribeAlarms');
    expect(first?.headers['content-type']).toBe(JSON_1_0);
    // awsQueryCompatible: the SDK asks for query-style error codes in a header.
    expect(first?.headers['x-amzn-query-mode']).toBe('true');
    const query = {
      AlarmNamePrefix: 'api-',
      AlarmTypes: ['MetricAlarm'],
      StateValue: 'ALARM',
      MaxRecords: 100,
    };
    expect(sent(first)).toStrictEqual(query);
    expect(sent(second)).toStrictEqual({ ...query, NextToken: 'AAEAAQ-page-2' });
  });

  it('parses epoch-second timestamps and metric-math alarms, whose instances toAlarm finds', async () => {
    server.enqueue(fixture('describe-alarms-page-1.json'), fixture('describe-alarms-page-2.json'));

    const alarms = await createCloudWatchAdapter(client(), REGION).alarmsInAlarm('api-');

    expect(alarms[0]?.StateUpdatedTimestamp).toStrictEqual(new Date('2026-11-20T08:20:42.500Z'));
    expect(alarms[1]?.Metrics?.map((query) => query.Id)).toStrictEqual(['e1', 'm1', 'm2']);
    expect(alarms.map(toAlarm)).toStrictEqual([
      {
        name: 'api-status-i-0a1b2c3d4e5f60001',
        state: 'ALARM',
        instanceIds: ['i-0a1b2c3d4e5f60001'],
      },
      {
        name: 'api-cpu-skew-i-0a1b2c3d4e5f60004',
        state: 'ALARM',
        instanceIds: ['i-0a1b2c3d4e5f60004'],
      },
    ]);
  });

  it('surfaces a JSON Throttling error by name, wrapped in an AwsCallError', async () => {
    server.enqueue(json(THROTTLED, 400));

    const read = createCloudWatchAdapter(client({ maxAttempts: 1 }), REGION).alarmsInAlarm('api-');

    await expect(read).rejects.toBeInstanceOf(AwsCallError);
    await expect(read).rejects.toThrow(
      'DescribeAlarms in us-east-2 failed: Throttling: Rate exceeded',
    );
    await expect(read).rejects.toMatchObject({ cause: { name: 'Throttling', $fault: 'client' } });
  });

  it('takes the error name from x-amzn-query-error when CloudWatch sends it', async () => {
    const body = JSON.stringify({ __type: 'com.amazonaws.cloudwatch#ThrottlingException' });
    server.enqueue(json(body, 400, { 'x-amzn-query-error': 'Throttling;Sender' }));

    const read = createCloudWatchAdapter(client({ maxAttempts: 1 }), REGION).alarmsInAlarm('api-');

    await expect(read).rejects.toMatchObject({
      cause: { name: 'Throttling', Code: 'Throttling', Type: 'Sender' },
    });
  });

  it('lets the client retry a throttled page by itself: one adapter call, two requests', async () => {
    server.enqueue(json(THROTTLED, 400), fixture('describe-alarms-page-2.json'));
    const timing = recordedTiming();
    const built = cloudWatchClient(REGION, {
      endpoint: server.url,
      credentials: CREDENTIALS,
      retryTiming: timing,
    });
    clients.push(built);
    const reader = createCloudWatchAdapter(built, REGION);

    const alarms = await reader.alarmsInAlarm('api-');

    expect(alarms).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers['amz-sdk-request']).toBe(`attempt=2; max=${MAX_ATTEMPTS}`);
    expect(reader.calls()).toBe(1);
    expect(timing.reports).toEqual(['THROTTLING', 'SUCCESS']);
  });
});
