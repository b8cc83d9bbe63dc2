import type { Logger, MetricPoint, MetricsSink } from '../app/ports.js';
import { InputError } from '../domain/errors.js';

/*
 * Metrics as CloudWatch embedded metric format: one JSON line per dimension
 * set on stdout, which CloudWatch Logs turns into metrics. No API call, so no
 * throttling, no IAM action and nothing that can fail after records were
 * written. Not Powertools Metrics: it adds a `service` dimension to every
 * metric, and the FailOpen alarm's query names the exact set (Region, Service).
 */

/** CloudWatch rejects values beyond ±2^360 (PutMetricData's documented range; EMF shares it). */
const LARGEST = 2 ** 360;
/** EMF allows at most 100 metrics per line. */
const METRICS_PER_LINE = 100;

export interface EmfOptions {
  readonly namespace: string;
  /** Where lines go; stdout by default (not console.log, which Lambda prefixes). */
  readonly write?: (line: string) => void;
  readonly log?: Logger;
}

function usable(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= LARGEST;
}

function keyOf(dimensions: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(dimensions));
}

/** Groups points by their dimension values, keeping first-seen order. */
function byDimensions(points: readonly MetricPoint[]): MetricPoint[][] {
  const groups = new Map<string, MetricPoint[]>();
  for (const point of points) {
    const key = keyOf(point.dimensions);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [point]);
    else group.push(point);
  }
  return [...groups.values()];
}

/** One EMF document for points that share their dimensions. */
export function emfLine(namespace: string, points: readonly MetricPoint[], at: Date): string {
  const dimensions = points[0]?.dimensions ?? {};
  const document: Record<string, unknown> = {
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [Object.keys(dimensions)],
          Metrics: points.map((p) => ({ Name: p.name, Unit: p.unit })),
        },
      ],
    },
    ...dimensions,
  };
  for (const point of points) document[point.name] = point.value;
  return JSON.stringify(document);
}

/** A metrics sink writing EMF lines; values CloudWatch would refuse are dropped and logged, never thrown. */
export function createEmfMetrics(options: EmfOptions): MetricsSink {
  // Fail at start-up, not after a write: CloudWatch would drop every line.
  if (options.namespace === '' || options.namespace.startsWith('AWS/'))
    throw new InputError(`metrics namespace "${options.namespace}"`, [
      'expected a non-empty namespace that does not start with "AWS/"',
    ]);
  const write =
    options.write ??
    ((line: string) => {
      process.stdout.write(`${line}\n`);
    });
  return {
    publish(points, timestamp) {
      const dropped = points.filter((p) => !usable(p.value));
      if (dropped.length > 0)
        options.log?.log('warn', 'metric values out of range dropped', {
          dropped: dropped.map((p) => ({ name: p.name, value: String(p.value), ...p.dimensions })),
        });
      for (const group of byDimensions(points.filter((p) => usable(p.value)))) {
        for (let start = 0; start < group.length; start += METRICS_PER_LINE)
          write(
            emfLine(options.namespace, group.slice(start, start + METRICS_PER_LINE), timestamp),
          );
      }
    },
  };
}
