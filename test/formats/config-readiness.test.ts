import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/formats/config/parse.js';

const config = (health: string) => `
hostedZoneId: Z0EXAMPLE12345
ownerId: api-prod
services:
  - name: api
    recordName: api.example.com
    members: { tags: { "rebalancer:service": api } }
    health: ${health}
    regions: { us-east-2: { mode: weighted } }
`;

const readinessOf = (health: string) => parseConfig(config(health), 'c.yaml').services[0]?.health;

describe('health.readiness', () => {
  it('defaults to the instance status check being ok whenever status checks are read', () => {
    expect(readinessOf('{}')?.readiness).toEqual({
      graceSeconds: 0,
      statusOk: true,
      tag: undefined,
    });
    expect(readinessOf('{ statusChecks: false }')?.readiness.statusOk).toBe(false);
  });

  it('reads a grace period, the status rule and a readiness tag', () => {
    expect(
      readinessOf(
        '{ readiness: { graceSeconds: 90, statusCheck: false, tag: "rebalancer:ready=yes=1" } }',
      )?.readiness,
    ).toEqual({
      graceSeconds: 90,
      statusOk: false,
      tag: { key: 'rebalancer:ready', value: 'yes=1' },
    });
  });

  it.each([
    [
      '{ readiness: { graceSeconds: -1 } }',
      'health.readiness.graceSeconds: expected an integer from 0 to 86400',
    ],
    [
      '{ readiness: { graceSeconds: 1e9 } }',
      'health.readiness.graceSeconds: expected an integer from 0 to 86400',
    ],
    [
      '{ readiness: { tag: ready } }',
      'health.readiness.tag: expected key=value, e.g. rebalancer:ready=true',
    ],
    [
      '{ readiness: { grace: 10 } }',
      'health.readiness.grace: unknown key (expected one of graceSeconds, statusCheck, tag)',
    ],
  ])('refuses %s', (health, message) => {
    expect(() => readinessOf(health)).toThrow(`services[0].${message}`);
  });
});
