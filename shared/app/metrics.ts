import { isServing } from '../domain/fleet/members.js';
import type { MetricPoint } from './ports.js';
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
