import { paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { allPages } from './pages.js';

/*
 * CloudWatch alarm reads for one region: the client is injected, every page is
 * read, nothing is decided here. Which alarms name which instance (including
 * metric-math alarms) is worked out by shapes.ts `toAlarm`.
 */

export interface CloudWatchAdapter {
  /** Metric alarms in ALARM whose name starts with the prefix, all pages. */
  alarmsInAlarm(prefix: string): Promise<MetricAlarm[]>;
  /** How many requests (pages) this adapter has sent, failed ones included; the SDK's retries not. */
  readonly calls: () => number;
}

const PAGE_SIZE = 100; // DescribeAlarms MaxRecords ceiling
// The most pages one listing may take before it is refused as not converging: one alarm
// in ALARM for each instance of the largest fleet we support (100,000), 100 a page.
const MAX_PAGES = 1_000;

/** CloudWatch reads for one region through the given client. */
export function createCloudWatchAdapter(
  client: CloudWatchClient,
  region: string,
): CloudWatchAdapter {
  let calls = 0;

  async function alarmsInAlarm(prefix: string): Promise<MetricAlarm[]> {
    const outputs = await allPages(
      paginateDescribeAlarms,
      client,
      {
        // AWS rejects an empty prefix (length 1..255); "starts with ''" means every alarm.
        ...(prefix !== '' && { AlarmNamePrefix: prefix }),
        StateValue: 'ALARM',
        // Composite alarms name no instance; asking only for metric alarms keeps pages small.
        AlarmTypes: ['MetricAlarm'],
        MaxRecords: PAGE_SIZE,
      },
      {
        operation: 'DescribeAlarms',
        region,
        maxPages: MAX_PAGES,
        beforeRequest: () => {
          calls++;
        },
      },
    );
    return outputs.flatMap((output) => output.MetricAlarms ?? []);
  }

  return { alarmsInAlarm, calls: () => calls };
}
