import { describe, expect, it } from 'vitest';
import {
  calculatedConfig,
  checkedAddress,
  endpointConfig,
  matchesConfig,
} from '../../../shared/domain/health-checks/config.js';
import { HEALTH_CHECKER_REGIONS } from '../../../shared/domain/health-checks/limits.js';
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
  groupHealthyMembers: 2,
};
const ip = '198.51.0.2';

describe('matchesConfig', () => {
  it('matches the same settings, whatever the order of lists', () => {
    const regions = ['us-east-1', 'eu-west-1', 'sa-east-1'];
    expect(
      matchesConfig(
        endpointConfig({ ...spec, regions }, ip),
        endpointConfig({ ...spec, regions: [...regions].reverse() }, ip),
      ),
    ).toBe(true);
    expect(
      matchesConfig(calculatedConfig(spec, ['b', 'a']), calculatedConfig(spec, ['a', 'b'])),
    ).toBe(true);
  });

  it('does not take a check listing every checker region for changed when the default set is asked for', () => {
    const reported = endpointConfig({ ...spec, regions: [...HEALTH_CHECKER_REGIONS] }, ip);
    expect(matchesConfig(reported, endpointConfig(spec, ip))).toBe(true);
  });

  it.each<[string, Partial<Route53CheckSpec>]>([
    ['port', { port: 8080 }],
    ['path', { path: '/' }],
    ['protocol', { protocol: 'HTTPS' }],
    ['interval', { requestInterval: 10 }],
    ['failure threshold', { failureThreshold: 2 }],
    ['regions asked for', { regions: ['us-east-1', 'us-west-1', 'us-west-2'] }],
    ['inversion', { inverted: true }],
  ])('sees a change of %s', (_, change) => {
    expect(
      matchesConfig(endpointConfig(spec, ip), endpointConfig({ ...spec, ...change }, ip)),
    ).toBe(false);
  });

  it('sees a change of address, of children and of threshold', () => {
    expect(matchesConfig(endpointConfig(spec, ip), endpointConfig(spec, '198.51.0.3'))).toBe(false);
    expect(matchesConfig(calculatedConfig(spec, ['a']), calculatedConfig(spec, ['a', 'b']))).toBe(
      false,
    );
    expect(
      matchesConfig(
        calculatedConfig(spec, ['a', 'b']),
        calculatedConfig({ ...spec, groupHealthyMembers: 1 }, ['a', 'b']),
      ),
    ).toBe(false);
    expect(matchesConfig(calculatedConfig(spec, ['a']), endpointConfig(spec, ip))).toBe(false);
  });

  it('caps a group threshold at its number of members', () => {
    expect(calculatedConfig({ ...spec, groupHealthyMembers: 5 }, ['a', 'b']).healthThreshold).toBe(
      2,
    );
  });
});

describe('checkedAddress', () => {
  it('checks the address kind the records answer with', () => {
    const instance = { publicIp: '198.51.0.2', privateIp: '10.0.0.2', ipv6: '2001:db8::2' };
    expect(checkedAddress(instance, 'public')).toBe('198.51.0.2');
    expect(checkedAddress(instance, 'private')).toBe('10.0.0.2');
    expect(checkedAddress(instance, 'ipv6')).toBe('2001:db8::2');
  });
});
