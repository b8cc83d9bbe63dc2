import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient, MetricDatum } from '@aws-sdk/client-cloudwatch';
import { AwsCallError, InputError } from '../domain/errors.js';
import type { MetricPoint } from '../app/reconcile.js';

export type { MetricPoint };

export interface MetricsPublisher {
  /** Sends every point with one timestamp, in as few PutMetricData calls as CloudWatch allows. */
  publish(points: readonly MetricPoint[], timestamp: Date): Promise<void>;
}

const METRICS_PER_CALL = 1000; // PutMetricData's MetricData ceiling

function datum(point: MetricPoint, timestamp: Date): MetricDatum {
  return {
    MetricName: point.name,
    Value: point.value,
    Unit: point.unit,
    Timestamp: timestamp,
    Dimensions: Object.entries(point.dimensions).map(([Name, Value]) => ({ Name, Value })),
  };
}

/** The region the client sends to, for error messages; undefined if it cannot be told. */
async function regionOf(client: CloudWatchClient): Promise<string | undefined> {
  try {
    return await client.config.region();
  } catch {
    return undefined;
  }
}

/** A publisher of the rebalancer's metrics under the namespace (never "AWS/…", which is AWS's own). */
export function createMetricsPublisher(
  client: CloudWatchClient,
  namespace: string,
): MetricsPublisher {
  // Fail at start-up rather than on every publish: CloudWatch would reject each call.
  if (namespace === '' || namespace.startsWith('AWS/')) {
    throw new InputError(`metrics namespace "${namespace}"`, [
      'expected a non-empty namespace that does not start with "AWS/"',
    ]);
  }

  async function publish(points: readonly MetricPoint[], timestamp: Date): Promise<void> {
    for (let start = 0; start < points.length; start += METRICS_PER_CALL) {
      const MetricData = points
        .slice(start, start + METRICS_PER_CALL)
        .map((point) => datum(point, timestamp));
      try {
        await client.send(new PutMetricDataCommand({ Namespace: namespace, MetricData }));
      } catch (error) {
        throw new AwsCallError('PutMetricData', await regionOf(client), error);
      }
    }
  }

  return { publish };
}
