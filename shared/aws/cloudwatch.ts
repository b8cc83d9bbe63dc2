import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { AwsCallError } from '../domain/errors.js';

/*
 * CloudWatch alarm reads for one region: the client is injected, every page is
 * read, nothing is decided here. Which alarms name which instance (including
 * metric-math alarms) is worked out by shapes.ts `toAlarm`.
 */

export interface CloudWatchAdapter {
  /** Metric alarms in ALARM whose name starts with the prefix, all pages. */
  alarmsInAlarm(prefix: string): Promise<MetricAlarm[]>;
  /** How many requests this adapter has sent, failed ones included. */
  readonly calls: () => number;
}

const PAGE_SIZE = 100; // DescribeAlarms MaxRecords ceiling

/** A CloudWatch client for the region; credentials and AWS_ENDPOINT_URL come from the standard chain. */
export function cloudWatchClient(region: string): CloudWatchClient {
  return new CloudWatchClient({ region });
}

/** CloudWatch reads for one region through the given client. */
export function createCloudWatchAdapter(
  client: CloudWatchClient,
  region: string,
): CloudWatchAdapter {
  let calls = 0;

  async function alarmsInAlarm(prefix: string): Promise<MetricAlarm[]> {
    const alarms: MetricAlarm[] = [];
    let token: string | undefined;
    do {
      calls += 1;
      const output = await client
        .send(
          new DescribeAlarmsCommand({
            // AWS rejects an empty prefix (length 1..255); "starts with ''" means every alarm.
            ...(prefix !== '' && { AlarmNamePrefix: prefix }),
            StateValue: 'ALARM',
            // Composite alarms name no instance; asking only for metric alarms keeps pages small.
            AlarmTypes: ['MetricAlarm'],
            MaxRecords: PAGE_SIZE,
            ...(token !== undefined && { NextToken: token }),
          }),
        )
        .catch((error: unknown) => {
          throw new AwsCallError('DescribeAlarms', region, error);
        });
      alarms.push(...(output.MetricAlarms ?? []));
      token = output.NextToken;
    } while (token !== undefined && token !== '');
    return alarms;
  }

  return { alarmsInAlarm, calls: () => calls };
}
