import { HEALTH_CHECK_PRICES } from '../domain/health-checks/limits.js';
import type { Plan } from '../domain/plan/plan.js';

/** The plan's health-check work as every view shows it; null when the checks were not part of the plan. */
export function healthCheckView(plan: Plan) {
  const checks = plan.healthChecks;
  if (checks === undefined) return null;
  return {
    create: checks.create.length,
    delete: checks.delete.length,
    pending: checks.pending,
    desired: checks.desired,
    /** US dollars a month for the checks the fleet needs, at Route 53's published prices. */
    monthlyCostUsd: checks.monthlyCost,
    prices: HEALTH_CHECK_PRICES,
    creates: checks.create.map((c) => ({ subject: c.subject, callerReference: c.callerReference })),
    deletes: checks.delete.map((c) => ({ id: c.id, subject: c.subject })),
  };
}

export type HealthCheckView = ReturnType<typeof healthCheckView>;

/** One line for people: what the plan does with the checks and what they cost. */
export function healthCheckLine(plan: Plan): string | undefined {
  const view = healthCheckView(plan);
  if (view === null) return undefined;
  const cost = view.monthlyCostUsd.toFixed(2);
  return `health checks: ${view.create} to create, ${view.delete} to delete, ${view.pending} pending; ${view.desired} needed, $${cost} a month at Route 53's published prices (${view.prices.source})`;
}
