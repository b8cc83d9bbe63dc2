import { isServing } from '../domain/fleet/members.js';
import type { Logger, MetricPoint, MetricsSink } from './ports.js';
import type { Plan } from '../domain/plan/plan.js';

/** What metricsOf reads of a reconcile's result. */
export interface MetricsInput {
  readonly plan: Plan;
  readonly written: readonly unknown[];
  readonly conflicts: number;
}

/** The rebalancer's own metrics, one set per service and region planned. */
export function metricsOf(result: MetricsInput): MetricPoint[] {
  return result.plan.services.flatMap((service) =>
    service.regions.flatMap((region) => {
      const dimensions = { Service: service.name, Region: region.region };
      const serving = region.members.filter(isServing);
      const written = result.written.length > 0 ? region.changes.length : 0;
      const point = (
        name: MetricPoint['name'],
        value: number,
        unit: MetricPoint['unit'] = 'Count',
      ): MetricPoint => ({ name, value, unit, dimensions });
      return [
        point('HealthyInstances', serving.length),
        point(
          'HealthyCapacity',
          serving.reduce((sum, m) => sum + m.capacity.value, 0),
          'None',
        ),
        point('ChangesWritten', written),
        point('Conflicts', result.conflicts),
        point('Refusals', region.status === 'refused' ? 1 : 0),
        point('FailOpen', region.status === 'fail-open' ? 1 : 0),
        point('SkippedRegions', region.status === 'skipped' ? 1 : 0),
      ];
    }),
  );
}

/** Metrics come after the writes: whatever goes wrong with them is logged, never thrown. */
export function publishSafely(
  sink: MetricsSink,
  log: Logger,
  points: readonly MetricPoint[],
  at: Date,
): void {
  try {
    sink.publish(points, at);
  } catch (error) {
    log.log('warn', 'metrics not published', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
