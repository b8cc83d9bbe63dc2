import 'aws-sdk-client-mock-vitest/extend';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { cloudWatchClient, createCloudWatchAdapter } from '../../shared/aws/cloudwatch.js';
import type { CloudWatchAdapter } from '../../shared/aws/cloudwatch.js';
import { toAlarm } from '../../shared/formats/aws-shapes.js';
import { AwsCallError } from '../../shared/domain/errors.js';

const REGION = 'us-east-2';

const cloudWatch = mockClient(CloudWatchClient);

afterEach(() => {
  cloudWatch.reset();
});

function adapter(): CloudWatchAdapter {
  return createCloudWatchAdapter(cloudWatchClient(REGION), REGION);
}

function alarm(name: string, instanceId: string): MetricAlarm {
  return {
    AlarmName: name,
    StateValue: 'ALARM',
    Namespace: 'AWS/EC2',
    MetricName: 'StatusCheckFailed',
    Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
  };
}

/** CPU of one instance against the fleet's: no Dimensions of its own, only inside Metrics. */
const mathAlarm: MetricAlarm = {
  AlarmName: 'api-cpu-skew',
  StateValue: 'ALARM',
  Metrics: [
    { Id: 'e1', Expression: 'm1 / m2', ReturnData: true },
    {
      Id: 'm1',
      ReturnData: false,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/EC2',
          MetricName: 'CPUUtilization',
          Dimensions: [{ Name: 'InstanceId', Value: 'i-0math' }],
        },
        Period: 60,
        Stat: 'Average',
      },
    },
    {
      Id: 'm2',
      ReturnData: false,
      MetricStat: {
        Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization' },
        Period: 60,
        Stat: 'Average',
      },
    },
  ],
};

function inputs() {
  return cloudWatch.commandCalls(DescribeAlarmsCommand).map((call) => call.args[0].input);
}

describe('alarmsInAlarm', () => {
  it('asks for metric alarms in ALARM whose name starts with the prefix, 100 a page', async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('api-1', 'i-1')] });

    const alarms = await adapter().alarmsInAlarm('api-');

    expect(alarms).toStrictEqual([alarm('api-1', 'i-1')]);
    expect(inputs()).toStrictEqual([
      {
        AlarmNamePrefix: 'api-',
        StateValue: 'ALARM',
        AlarmTypes: ['MetricAlarm'],
        MaxRecords: 100,
      },
    ]);
  });

  it('follows NextToken across three pages', async () => {
    cloudWatch
      .on(DescribeAlarmsCommand)
      .resolves({ MetricAlarms: [alarm('api-1', 'i-1')], NextToken: 'page-2' })
      .on(DescribeAlarmsCommand, { NextToken: 'page-2' })
      .resolves({ MetricAlarms: [alarm('api-2', 'i-2')], NextToken: 'page-3' })
      .on(DescribeAlarmsCommand, { NextToken: 'page-3' })
      .resolves({ MetricAlarms: [alarm('api-3', 'i-3')] });
    const reader = adapter();

    const alarms = await reader.alarmsInAlarm('api-');

    expect(alarms.map((a) => a.AlarmName)).toStrictEqual(['api-1', 'api-2', 'api-3']);
    expect(cloudWatch).toHaveReceivedNthCommandWith(DescribeAlarmsCommand, 3, {
      AlarmNamePrefix: 'api-',
      NextToken: 'page-3',
    });
    expect(reader.calls()).toBe(3);
  });

  it('passes a metric-math alarm through unchanged, so toAlarm finds its instance', async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [mathAlarm] });

    const [read] = await adapter().alarmsInAlarm('api-');

    expect(read).toStrictEqual(mathAlarm);
    expect(read && toAlarm(read).instanceIds).toStrictEqual(['i-0math']);
  });

  it('returns no alarm when a page holds none', async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({});

    expect(await adapter().alarmsInAlarm('api-')).toStrictEqual([]);
  });

  it('leaves the prefix out when it is empty, as AWS rejects an empty one', async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });

    await adapter().alarmsInAlarm('');

    expect(inputs()).toStrictEqual([
      { StateValue: 'ALARM', AlarmTypes: ['MetricAlarm'], MaxRecords: 100 },
    ]);
  });

  it('wraps a failure as an AwsCallError naming DescribeAlarms and the region', async () => {
    cloudWatch
      .on(DescribeAlarmsCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));

    const read = adapter().alarmsInAlarm('api-');

    await expect(read).rejects.toBeInstanceOf(AwsCallError);
    await expect(read).rejects.toThrow(
      'DescribeAlarms in us-east-2 failed: Throttling: Rate exceeded',
    );
  });
});
