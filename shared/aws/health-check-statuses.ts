/**
 * Health-check statuses from CloudWatch, not from Route 53: the HealthCheckStatus
 * metric (1 healthy, 0 not) that Route 53 publishes in us-east-1 for every
 * check, up to 500 checks in one GetMetricData, so the reconcile makes no call
 * per check. GetHealthCheckStatus (one call per check, and "not for production
 * query rates" by its own documentation) is left to diagnosis.
 */
import { paginateGetMetricData } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { allPages } from './pages.js';

/** GetMetricData takes at most 500 queries. */
export const METRIC_QUERIES_PER_CALL = 500;
/** Where Route 53 publishes the metric, and so where the client must point. */
export const HEALTH_CHECK_METRIC_REGION = 'us-east-1';
// The metric has one datapoint a minute; the newest minute may not be published yet,
// so look back three and take the newest there is.
const PERIOD_SECONDS = 60;
const WINDOW_SECONDS = 180;
// Three datapoints for 500 queries is one page; a few more allow for CloudWatch's own paging.
const MAX_PAGES = 10;

/** Query ids must start with a lower-case letter: `h<index>` within one call. */
function query(id: string, index: number): MetricDataQuery {
  return {
    Id: `h${index}`,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Route53',
        MetricName: 'HealthCheckStatus',
        Dimensions: [{ Name: 'HealthCheckId', Value: id }],
      },
      Period: PERIOD_SECONDS,
      // One checker region failing within the minute makes the minute's Minimum 0.
      Stat: 'Minimum',
    },
    ReturnData: true,
  };
}

/**
 * Healthy or not per id from the newest minute's Minimum; ids without a
 * datapoint in the window (a check too new, or deleted) are absent.
 */
export async function readStatuses(
  client: CloudWatchClient,
  ids: readonly string[],
  now: Date,
  beforeRequest: () => void,
): Promise<Map<string, boolean>> {
  const statuses = new Map<string, boolean>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += METRIC_QUERIES_PER_CALL) {
    const batch = unique.slice(start, start + METRIC_QUERIES_PER_CALL);
    const pages = await allPages(
      paginateGetMetricData,
      client,
      {
        MetricDataQueries: batch.map(query),
        StartTime: new Date(now.getTime() - WINDOW_SECONDS * 1000),
        EndTime: now,
        // Newest first: the first value seen for a query is its newest.
        ScanBy: 'TimestampDescending',
      },
      {
        operation: 'GetMetricData',
        region: HEALTH_CHECK_METRIC_REGION,
        maxPages: MAX_PAGES,
        beforeRequest,
      },
    );
    for (const result of pages.flatMap((page) => page.MetricDataResults ?? [])) {
      const index = Number(/^h(\d+)$/.exec(result.Id ?? '')?.[1] ?? Number.NaN);
      const id = batch[index];
      const newest = result.Values?.[0];
      if (id === undefined || newest === undefined || statuses.has(id)) continue;
      statuses.set(id, newest >= 1);
    }
  }
  return statuses;
}
