import 'aws-sdk-client-mock-vitest/extend';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { cloudWatchClient } from '../../shared/aws/cloudwatch.js';
import { createMetricsPublisher } from '../../shared/aws/metrics.js';
import type { MetricPoint } from '../../shared/aws/metrics.js';
import { AwsCallError, InputError } from '../../shared/domain/errors.js';

const NAMESPACE = 'Route53Rebalancer';
const AT = new Date('2026-11-20T08:15:00.000Z');
const DIMENSIONS = { Service: 'api', Region: 'us-east-2' };

const cloudWatch = mockClient(CloudWatchClient);

afterEach(() => {
  cloudWatch.reset();
});

function point(value: number, name: MetricPoint['name'] = 'HealthyInstances'): MetricPoint {
  return { name, value, unit: 'Count', dimensions: DIMENSIONS };
}

function sentData() {
  return cloudWatch
    .commandCalls(PutMetricDataCommand)
    .map((call) => call.args[0].input.MetricData ?? []);
}

describe('createMetricsPublisher', () => {
  it('sends the points in one call, with their dimensions, namespace and timestamp', async () => {
    cloudWatch.on(PutMetricDataCommand).resolves({});
    const publisher = createMetricsPublisher(cloudWatchClient('us-east-2'), NAMESPACE);

    await publisher.publish(
      [point(3), { name: 'HealthyCapacity', value: 0.5, unit: 'None', dimensions: DIMENSIONS }],
      AT,
    );

    expect(cloudWatch).toHaveReceivedCommandOnce(PutMetricDataCommand);
    expect(cloudWatch.commandCalls(PutMetricDataCommand)[0]?.args[0].input).toStrictEqual({
      Namespace: NAMESPACE,
      MetricData: [
        {
          MetricName: 'HealthyInstances',
          Value: 3,
          Unit: 'Count',
          Timestamp: AT,
          Dimensions: [
            { Name: 'Service', Value: 'api' },
            { Name: 'Region', Value: 'us-east-2' },
          ],
        },
        {
          MetricName: 'HealthyCapacity',
          Value: 0.5,
          Unit: 'None',
          Timestamp: AT,
          Dimensions: [
            { Name: 'Service', Value: 'api' },
            { Name: 'Region', Value: 'us-east-2' },
          ],
        },
      ],
    });
  });

  it('sends exactly 1,000 points in one call', async () => {
    cloudWatch.on(PutMetricDataCommand).resolves({});

    await createMetricsPublisher(cloudWatchClient('us-east-2'), NAMESPACE).publish(
      Array.from({ length: 1000 }, (_, n) => point(n)),
      AT,
    );

    expect(sentData().map((data) => data.length)).toStrictEqual([1000]);
  });

  it('splits 2,500 points into calls of 1,000, 1,000 and 500, in order', async () => {
    cloudWatch.on(PutMetricDataCommand).resolves({});

    await createMetricsPublisher(cloudWatchClient('us-east-2'), NAMESPACE).publish(
      Array.from({ length: 2500 }, (_, n) => point(n)),
      AT,
    );

    const sent = sentData();
    expect(sent.map((data) => data.length)).toStrictEqual([1000, 1000, 500]);
    expect(sent.flat().map((datum) => datum.Value)).toStrictEqual(
      Array.from({ length: 2500 }, (_, n) => n),
    );
  });

  it('makes no call when there is nothing to publish', async () => {
    await createMetricsPublisher(cloudWatchClient('us-east-2'), NAMESPACE).publish([], AT);

    expect(cloudWatch).not.toHaveReceivedAnyCommand();
  });

  it('refuses a namespace of AWS’s own, before any call', () => {
    expect(() => createMetricsPublisher(cloudWatchClient('us-east-2'), 'AWS/EC2')).toThrow(
      InputError,
    );
    expect(() => createMetricsPublisher(cloudWatchClient('us-east-2'), '')).toThrow(InputError);
  });

  it('wraps a failure as an AwsCallError naming PutMetricData and the client’s region', async () => {
    cloudWatch
      .on(PutMetricDataCommand)
      .rejects(Object.assign(new Error('Access denied'), { name: 'AccessDenied' }));

    const publish = createMetricsPublisher(cloudWatchClient('eu-west-1'), NAMESPACE).publish(
      [point(1)],
      AT,
    );

    await expect(publish).rejects.toBeInstanceOf(AwsCallError);
    await expect(publish).rejects.toMatchObject({
      operation: 'PutMetricData',
      region: 'eu-west-1',
      message: 'PutMetricData in eu-west-1 failed: AccessDenied: Access denied',
    });
  });
});
