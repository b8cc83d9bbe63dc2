/** A health check's settings read back from what ListHealthChecks returns, Route 53's defaults included. */
import { describe, expect, it } from 'vitest';
import { fromSdkConfig, toSdkConfig } from '../../shared/aws/health-check-config.js';
import type { HealthCheckConfig } from '../../shared/domain/health-checks/types.js';

describe('fromSdkConfig', () => {
  it('fills Route 53’s default FailureThreshold (3), and reads no Regions or an empty list as the default set', () => {
    expect(
      fromSdkConfig({
        Type: 'HTTP',
        IPAddress: '192.0.2.1',
        Port: 80,
        RequestInterval: 30,
        Regions: [],
      }),
    ).toStrictEqual({
      kind: 'endpoint',
      type: 'HTTP',
      ipAddress: '192.0.2.1',
      port: 80,
      resourcePath: undefined,
      searchString: undefined,
      requestInterval: 30,
      failureThreshold: 3,
      regions: undefined,
      inverted: false,
    });
  });

  it('reads a calculated check without children as one with none', () => {
    expect(fromSdkConfig({ Type: 'CALCULATED', HealthThreshold: 0 })).toStrictEqual({
      kind: 'calculated',
      childIds: [],
      healthThreshold: 0,
      inverted: false,
    });
  });

  it('says what is missing', () => {
    expect(fromSdkConfig(undefined)).toBe('no HealthCheckConfig');
    expect(fromSdkConfig({ Type: undefined })).toBe(
      'type (none) is not one the rebalancer creates',
    );
    expect(fromSdkConfig({ Type: 'TCP', IPAddress: '192.0.2.1', Port: 80 })).toBe(
      'RequestInterval undefined is neither 10 nor 30',
    );
  });

  it('reads back what toSdkConfig writes, for every protocol and both kinds', () => {
    const configs: HealthCheckConfig[] = [
      ...(['HTTP', 'HTTPS', 'TCP', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH'] as const).map(
        (type): HealthCheckConfig => ({
          kind: 'endpoint',
          type,
          ipAddress: '2001:db8::1',
          port: 8443,
          resourcePath: type === 'TCP' ? undefined : '/ready?deep=1',
          searchString: type.endsWith('STR_MATCH') ? 'UP' : undefined,
          requestInterval: 10,
          failureThreshold: 10,
          regions: ['us-west-1', 'us-west-2', 'eu-west-1'],
          inverted: true,
        }),
      ),
      { kind: 'calculated', childIds: ['a', 'b', 'c'], healthThreshold: 2, inverted: true },
    ];
    for (const config of configs) expect(fromSdkConfig(toSdkConfig(config))).toStrictEqual(config);
  });
});
