import type { ChangeBatch, ResourceRecordSet } from '../dns/records.js';
import { PlanInvariantError } from '../errors.js';
import { MAX_CREATES_PER_RECONCILE } from '../health-checks/limits.js';
import { detachBeforeDeleteProblem } from '../health-checks/named.js';
import { planHealthChecks, type HealthCheckPlan } from '../health-checks/plan-checks.js';
import { regionChecks } from '../health-checks/region-checks.js';
import type { CheckContext, HealthCheckWorld } from '../health-checks/unit-checks.js';
import type { ServicePlan } from './plan.js';
import type { RebalancerSpec } from '../spec.js';

/* The health-check part of a plan, once its records are planned. */

interface ChecksInput {
  readonly spec: RebalancerSpec;
  readonly records: readonly ResourceRecordSet[];
  readonly healthChecks?: HealthCheckWorld;
  readonly maxHealthCheckCreates?: number;
  readonly checks: CheckContext;
  readonly services: readonly ServicePlan[];
  readonly batches: readonly ChangeBatch[];
  readonly full: boolean;
}

const PLANNED = new Set(['unchanged', 'changed', 'evacuated']);

/** The plan's health-check work for the regions planned, its detach-before-delete order proven: a violation is a bug and throws. */
export function healthCheckPlan(input: ChecksInput): HealthCheckPlan {
  const { checks, services, batches, full } = input;
  const planned = new Map(
    services.flatMap((s) => s.regions.map((r) => [`${s.name}|${r.region}`, r] as const)),
  );
  const units = input.spec.services.flatMap((service) => {
    const spec = service.health.route53;
    if (spec === undefined) return [];
    return service.regions.map(({ region }) => {
      const plan = planned.get(`${service.name}|${region}`);
      const lookup =
        plan === undefined || !PLANNED.has(plan.status)
          ? undefined
          : regionChecks(
              {
                ownerId: input.spec.ownerId,
                service: service.name,
                region,
                spec,
                owned: checks.owned,
              },
              plan.members,
              plan.groups,
            );
      return { service: service.name, region, lookup };
    });
  });
  const result = planHealthChecks({
    owned: input.healthChecks?.owned ?? [],
    units,
    full,
    records: input.records,
    batches,
    maxCreates: input.maxHealthCheckCreates ?? MAX_CREATES_PER_RECONCILE,
  });
  const problem = detachBeforeDeleteProblem(
    input.records,
    batches,
    result.delete.map((c) => c.id),
  );
  if (problem !== undefined) throw new PlanInvariantError(problem);
  return result;
}

/** The warning of a plan made without reading the checks a service asks for. */
export function unreadChecksWarning(input: Pick<ChecksInput, 'spec' | 'healthChecks'>): string[] {
  if (input.healthChecks !== undefined) return [];
  if (!input.spec.services.some((s) => s.health.route53 !== undefined)) return [];
  return [
    'Route 53 health checks were not read: records keep the checks they name, none is created or deleted',
  ];
}
