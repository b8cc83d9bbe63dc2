import { describe, expect, it } from 'vitest';
import { healthCheckLine, healthCheckView } from '../../shared/app/health-check-view.js';
import { planSummary } from '../../shared/app/plan-view.js';
import type { Route53CheckSpec } from '../../shared/domain/health-checks/types.js';
import { plan } from '../../shared/domain/plan/planner.js';
import { renderPlanText } from '../../cli/render/plan-text.js';
import { instance, observation, serviceSpec, spec } from '../support/builders.js';

const HTTPS: Route53CheckSpec = {
  protocol: 'HTTPS',
  port: 443,
  path: '/',
  searchString: undefined,
  requestInterval: 30,
  failureThreshold: 3,
  regions: undefined,
  inverted: false,
  groupHealthyMembers: 1,
};
const base = serviceSpec();
const service = { ...base, health: { ...base.health, route53: HTTPS } };
const fleet = [1, 2, 3].map((n) => instance({ n }));
const planned = (maxHealthCheckCreates = 20) =>
  plan({
    spec: spec([service]),
    records: [],
    regions: new Map([['us-east-2', observation('us-east-2', fleet)]]),
    healthChecks: { owned: [], statuses: new Map() },
    maxHealthCheckCreates,
  });

describe('the plan view of health checks', () => {
  it('counts the checks to create, delete and still pending, and prices them', () => {
    expect(healthCheckView(planned(2))).toMatchObject({
      create: 2,
      delete: 0,
      pending: 1,
      desired: 3,
      monthlyCostUsd: 4.5,
      prices: { basic: 0.5, https: 1 },
    });
  });

  it('lists the checks it deletes by id and subject', () => {
    const subject = { service: 'api', region: 'us-east-2', instanceId: 'i-gone' };
    const config = {
      kind: 'calculated' as const,
      childIds: [],
      healthThreshold: 1,
      inverted: false,
    };
    const orphaned = plan({
      spec: spec([service]),
      records: [],
      regions: new Map([['us-east-2', observation('us-east-2', fleet)]]),
      healthChecks: {
        owned: [{ id: 'hc-9', callerReference: 'rb-x', subject, config }],
        statuses: new Map(),
      },
    });
    expect(healthCheckView(orphaned)?.deletes).toEqual([{ id: 'hc-9', subject }]);
  });

  it('names the source of its prices', () => {
    expect(healthCheckView(planned())?.prices.source).toContain('aws.amazon.com/route53/pricing');
  });

  it('is in the JSON summary, and null when the checks were not part of the plan', () => {
    expect(planSummary(planned()).healthChecks?.create).toBe(3);
    const without = plan({ spec: spec([base]), records: [], regions: new Map() });
    expect(planSummary(without).healthChecks).toBeNull();
  });

  it('prints one line in the text plan', () => {
    const line =
      "health checks: 2 to create, 0 to delete, 1 pending; 3 needed, $4.50 a month at Route 53's published prices (https://aws.amazon.com/route53/pricing/ (Health checks, AWS endpoints))";
    expect(healthCheckLine(planned(2))).toBe(line);
    expect(renderPlanText(planned(2), new Map()).split('\n')).toContain(line);
  });
});
