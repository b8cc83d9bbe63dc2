import { describe, expect, it } from 'vitest';
import { endpointConfig } from '../../../shared/domain/health-checks/config.js';
import { hashText } from '../../../shared/domain/health-checks/hash.js';
import {
  callerReference,
  MAX_CALLER_REFERENCE,
} from '../../../shared/domain/health-checks/reference.js';
import type { Route53CheckSpec } from '../../../shared/domain/health-checks/types.js';

const spec: Route53CheckSpec = {
  protocol: 'HTTP',
  port: 80,
  path: '/health',
  searchString: undefined,
  requestInterval: 30,
  failureThreshold: 3,
  regions: undefined,
  inverted: false,
  groupHealthyMembers: 1,
};
const subject = { service: 'api', region: 'us-east-2', instanceId: 'i-1' };
const config = endpointConfig(spec, '198.51.0.2');

describe('callerReference', () => {
  it('is the same for the same owner, subject and config: a retried create is idempotent', () => {
    expect(callerReference('api-prod', subject, config)).toBe(
      callerReference(
        'api-prod',
        { region: 'us-east-2', instanceId: 'i-1', service: 'api' },
        { ...config },
      ),
    );
  });

  it('fits CreateHealthCheck (at most 64 characters)', () => {
    const reference = callerReference(
      'o'.repeat(63),
      { ...subject, instanceId: 'i'.repeat(100) },
      config,
    );
    expect(reference.length).toBeLessThanOrEqual(MAX_CALLER_REFERENCE);
    expect(reference).toMatch(/^rb-[0-9a-f]{28}$/);
  });

  it('changes with the config, the subject, the owner and the generation', () => {
    const base = callerReference('api-prod', subject, config);
    const others = [
      callerReference('api-prod', subject, endpointConfig({ ...spec, port: 8080 }, '198.51.0.2')),
      callerReference('api-prod', subject, endpointConfig({ ...spec, path: '/' }, '198.51.0.2')),
      callerReference('api-prod', { ...subject, instanceId: 'i-2' }, config),
      callerReference('api-staging', subject, config),
      callerReference('api-prod', subject, config, ['2026-01-02T00:00:00.000Z', '']),
      callerReference('api-prod', subject, config, ['', 'hc-1']),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });
});

describe('hashText', () => {
  it('gives 28 hex digits and no collision over 20,000 close inputs', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(hashText(`api|us-east-2|i-${i}`));
    expect(seen.size).toBe(20_000);
    expect(hashText('x')).toMatch(/^[0-9a-f]{28}$/);
  });
});
