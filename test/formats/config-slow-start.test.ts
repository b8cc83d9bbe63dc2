import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../shared/domain/errors.js';
import { parseConfig } from '../../shared/formats/config/parse.js';

const config = (fields: string, region = 'weighted') => `
hostedZoneId: Z0EXAMPLE12345
ownerId: api-prod
services:
  - name: api
    recordName: api.example.com
    members: { tags: { "rebalancer:service": api } }
${fields}
    regions: { us-east-2: { mode: ${region} } }
`;

const serviceOf = (fields: string, region?: string) =>
  parseConfig(config(fields, region), 'c.yaml').services[0];

function problemsOf(fields: string, region?: string): readonly string[] {
  try {
    parseConfig(config(fields, region), 'c.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('services[].slowStart', () => {
  it('is off unless set', () => {
    expect(serviceOf('')?.slowStart).toBeUndefined();
  });

  it('reads the window in seconds and the number of steps', () => {
    expect(serviceOf('    slowStart: { window: 600, steps: 5 }')?.slowStart).toEqual({
      windowSeconds: 600,
      steps: 5,
    });
    expect(serviceOf('    ttl: 30\n    slowStart: { window: 60, steps: 1 }')?.slowStart).toEqual({
      windowSeconds: 60,
      steps: 1,
    });
  });

  it.each([
    ['{ window: 600 }', 'services[0].slowStart.steps: required'],
    ['{ window: 600, steps: 0 }', 'services[0].slowStart.steps: expected an integer from 1 to 100'],
    [
      '{ window: 600, steps: 2.5 }',
      'services[0].slowStart.steps: expected an integer from 1 to 100',
    ],
    [
      '{ window: 90.5, steps: 1 }',
      'services[0].slowStart.window: expected an integer from 1 to 86400',
    ],
    [
      '{ window: 1e9, steps: 1 }',
      'services[0].slowStart.window: expected an integer from 1 to 86400',
    ],
    [
      '{ window: 600, steps: 4, from: 0.1 }',
      'services[0].slowStart.from: unknown key (expected one of window, steps)',
    ],
    [
      '{ window: 100, steps: 4 }',
      'services[0].slowStart: window / steps must be at least the TTL (60 s): 100 / 4 = 25 s; use fewer steps or a longer window',
    ],
  ])('refuses %s', (slowStart, message) => {
    expect(problemsOf(`    slowStart: ${slowStart}`)).toEqual([message]);
  });

  it('measures the step against the service’s own TTL', () => {
    expect(problemsOf('    ttl: 300\n    slowStart: { window: 600, steps: 4 }')).toEqual([
      'services[0].slowStart: window / steps must be at least the TTL (300 s): 600 / 4 = 150 s; use fewer steps or a longer window',
    ]);
  });

  it('wants steps of a minute at least, whatever the TTL: Route 53 may take that long to be INSYNC', () => {
    expect(problemsOf('    ttl: 5\n    slowStart: { window: 100, steps: 3 }')).toEqual([
      'services[0].slowStart: window / steps must be at least 60 s, the time Route 53 may take to bring a change INSYNC: 100 / 3 = 33.33 s; use fewer steps or a longer window',
    ]);
  });

  it('is refused with a grouped region: a multi-value group cannot ramp one address', () => {
    expect(problemsOf('    slowStart: { window: 600, steps: 4 }', 'grouped')).toEqual([
      'services[0].slowStart: not available with mode grouped (us-east-2): a multi-value group answers each of its addresses alike, so one instance cannot get a smaller share; remove slowStart or use mode weighted',
    ]);
  });
});
