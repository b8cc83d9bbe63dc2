import 'aws-sdk-client-mock-vitest/extend';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import type { DescribeAlarmsCommandInput, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { cloudWatchClient } from '../../shared/aws/clients.js';
import { createCloudWatchAdapter } from '../../shared/aws/cloudwatch.js';
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

/** The input without the keys the SDK's paginator sets to undefined (they are not sent). */
function defined<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as T;
}

/**
 * Answers each page by its NextToken ('' for the first) and records the input
 * as it was when sent: the paginator reuses one input object for every page.
 */
function byToken<I extends { NextToken?: string }, O>(pages: Record<string, O>, sent: I[]) {
  return (input: I): O => {
    sent.push(defined({ ...input }));
    const page = pages[input.NextToken ?? ''];
    if (page === undefined) throw new Error(`no page for ${String(input.NextToken)}`);
    return page;
  };
}

function inputs() {
  return cloudWatch.commandCalls(DescribeAlarmsCommand).map((call) => defined(call.args[0].input));
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
    const sent: DescribeAlarmsCommandInput[] = [];
    cloudWatch.on(DescribeAlarmsCommand).callsFake(
      byToken(
        {
          '': { MetricAlarms: [alarm('api-1', 'i-1')], NextToken: 'page-2' },
          'page-2': { MetricAlarms: [alarm('api-2', 'i-2')], NextToken: 'page-3' },
          'page-3': { MetricAlarms: [alarm('api-3', 'i-3')] },
        },
        sent,
      ),
    );
    const reader = adapter();

    const alarms = await reader.alarmsInAlarm('api-');

    expect(alarms.map((a) => a.AlarmName)).toStrictEqual(['api-1', 'api-2', 'api-3']);
    const query = {
      AlarmNamePrefix: 'api-',
      StateValue: 'ALARM',
      AlarmTypes: ['MetricAlarm'],
      MaxRecords: 100,
    };
    expect(sent).toStrictEqual([
      query,
      { ...query, NextToken: 'page-2' },
      { ...query, NextToken: 'page-3' },
    ]);
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

describe('listings that never end', () => {
  function tokenStream(token: (n: number) => string | undefined) {
    let pages = 0;
    cloudWatch.on(DescribeAlarmsCommand).callsFake(() => ({ NextToken: token(++pages) }));
    return () => pages;
  }

  it('refuses a NextToken cycle (A, B, A) in DescribeAlarms', async () => {
    const pages = tokenStream((n) => ['A', 'B'][(n - 1) % 2]);
    const reader = adapter();

    const read = reader.alarmsInAlarm('api-');

    await expect(read).rejects.toBeInstanceOf(AwsCallError);
    await expect(read).rejects.toThrow(
      'DescribeAlarms in us-east-2 failed: NextToken repeated after 3 pages',
    );
    expect(pages()).toBe(3);
    expect(reader.calls()).toBe(3);
  });

  it('refuses endless new tokens in DescribeAlarms after exactly 1,000 pages', async () => {
    const pages = tokenStream((n) => `token-${n}`);
    const reader = adapter();

    await expect(reader.alarmsInAlarm('api-')).rejects.toThrow(
      'DescribeAlarms in us-east-2 failed: more than 1000 pages',
    );
    expect(pages()).toBe(1_000);
    expect(reader.calls()).toBe(1_000);
  });

  it('ends a listing on an empty NextToken, as on a missing one', async () => {
    const pages = tokenStream((n) => (n === 1 ? 'page-2' : ''));

    await expect(adapter().alarmsInAlarm('api-')).resolves.toStrictEqual([]);
    expect(pages()).toBe(2);
  });
});
