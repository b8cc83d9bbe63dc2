import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/formats/config/parse.js';

const config = (route53: string, extra = '', mode = 'weighted') => `
hostedZoneId: Z0EXAMPLE12345
ownerId: api-prod
services:
  - name: api
    recordName: api.example.com
    members: { tags: { "rebalancer:service": api } }
    ${extra}
    health: { route53: ${route53} }
    regions: { us-east-2: { mode: ${mode} } }
`;

const route53Of = (route53: string, extra = '', mode = 'weighted') =>
  parseConfig(config(route53, extra, mode), 'c.yaml').services[0]?.health.route53;

describe('health.route53', () => {
  it('is absent unless configured', () => {
    const text = config('null').replace('health: { route53: null }', '');
    expect(parseConfig(text, 'c.yaml').services[0]?.health.route53).toBeUndefined();
  });

  it('fills in the defaults: path /, every 30 s, 3 failures, not inverted, 1 healthy member', () => {
    expect(route53Of('{ protocol: HTTP, port: 80 }')).toEqual({
      protocol: 'HTTP',
      port: 80,
      path: '/',
      searchString: undefined,
      requestInterval: 30,
      failureThreshold: 3,
      regions: undefined,
      inverted: false,
      groupHealthyMembers: 1,
    });
  });

  it('reads every field', () => {
    expect(
      route53Of(
        '{ protocol: HTTPS_STR_MATCH, port: 443, path: /health, searchString: ok, requestInterval: 10, failureThreshold: 2, regions: [us-east-1, eu-west-1, sa-east-1], inverted: false, groupHealthyMembers: 2 }',
        '',
        'grouped',
      ),
    ).toEqual({
      protocol: 'HTTPS_STR_MATCH',
      port: 443,
      path: '/health',
      searchString: 'ok',
      requestInterval: 10,
      failureThreshold: 2,
      regions: ['us-east-1', 'eu-west-1', 'sa-east-1'],
      inverted: false,
      groupHealthyMembers: 2,
    });
  });

  it('has no path for TCP', () => {
    expect(route53Of('{ protocol: TCP, port: 5432 }')?.path).toBeUndefined();
  });

  it.each([
    [
      '{ protocol: FTP, port: 21 }',
      'protocol: expected HTTP | HTTPS | TCP | HTTP_STR_MATCH | HTTPS_STR_MATCH',
    ],
    ['{ protocol: HTTP, port: 0 }', 'port: expected an integer from 1 to 65535'],
    ['{ protocol: HTTP, port: 65536 }', 'port: expected an integer from 1 to 65535'],
    ['{ protocol: HTTP }', 'port: required'],
    [
      '{ protocol: HTTP, port: 80, path: health }',
      'path: expected a path starting with / (at most 255 characters)',
    ],
    [
      '{ protocol: TCP, port: 80, path: /health }',
      'path: only allowed with protocol HTTP, HTTPS or a *_STR_MATCH',
    ],
    [
      '{ protocol: HTTP_STR_MATCH, port: 80 }',
      'searchString: required with protocol HTTP_STR_MATCH',
    ],
    [
      `{ protocol: HTTPS_STR_MATCH, port: 443, searchString: ${'x'.repeat(256)} }`,
      'searchString: expected a non-empty string of at most 255 characters',
    ],
    [
      '{ protocol: HTTP, port: 80, searchString: ok }',
      'searchString: only allowed with protocol HTTP_STR_MATCH or HTTPS_STR_MATCH',
    ],
    ['{ protocol: HTTP, port: 80, requestInterval: 20 }', 'requestInterval: expected 10 | 30'],
    [
      '{ protocol: HTTP, port: 80, failureThreshold: 0 }',
      'failureThreshold: expected an integer from 1 to 10',
    ],
    [
      '{ protocol: HTTP, port: 80, failureThreshold: 11 }',
      'failureThreshold: expected an integer from 1 to 10',
    ],
    [
      '{ protocol: HTTP, port: 80, regions: [us-east-1, eu-west-1] }',
      'regions: expected a list of at least 3 distinct health-checker regions of us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1',
    ],
    [
      '{ protocol: HTTP, port: 80, regions: [us-east-1, eu-west-1, eu-west-1] }',
      'regions: expected a list of at least 3 distinct health-checker regions',
    ],
    [
      '{ protocol: HTTP, port: 80, regions: [us-east-1, eu-west-1, us-east-2] }',
      'regions[2]: expected a list of at least 3 distinct health-checker regions',
    ],
    ['{ protocol: HTTP, port: 80, inverted: maybe }', 'inverted: expected true or false'],
    [
      '{ protocol: HTTP, port: 80, groupHealthyMembers: 2 }',
      'groupHealthyMembers: only allowed when a region has mode grouped',
    ],
    [
      '{ protocol: HTTP, port: 80, interval: 10 }',
      'interval: unknown key (expected one of protocol, port, path, searchString, requestInterval, failureThreshold, regions, inverted, groupHealthyMembers)',
    ],
  ])('refuses %s', (route53, message) => {
    expect(() => route53Of(route53)).toThrow(`services[0].health.route53.${message}`);
  });

  it('refuses groupHealthyMembers below 1', () => {
    expect(() =>
      route53Of('{ protocol: HTTP, port: 80, groupHealthyMembers: 0 }', '', 'grouped'),
    ).toThrow('services[0].health.route53.groupHealthyMembers: expected an integer from 1 to 100');
  });

  it('refuses private addresses, which Route 53 health checkers cannot reach', () => {
    expect(() => route53Of('{ protocol: HTTP, port: 80 }', 'address: private')).toThrow(
      'services[0].health.route53: Route 53 health checkers cannot reach private addresses (address: private)',
    );
  });

  it('refuses health checks in a configuration of several zones, whose reconciles would take each other’s checks for orphans', () => {
    const text = config(
      '{ protocol: HTTP, port: 80 }',
      'zones: [{ zone: Z0PUBLIC1 }, { zone: Z0PRIVATE2 }]',
    ).replace(
      'hostedZoneId: Z0EXAMPLE12345',
      'zones: [{ id: Z0PUBLIC1, name: example.com }, { id: Z0PRIVATE2, name: example.com, private: true }]',
    );
    expect(() => parseConfig(text, 'c.yaml')).toThrow(
      'services[0].health.route53: not available in a configuration of several zones',
    );
  });

  it('refuses health checks beside a zone of its own account, which the checks would miss', () => {
    const text = config('{ protocol: HTTP, port: 80 }', 'zones: [{ zone: Z0PUBLIC1 }]').replace(
      'hostedZoneId: Z0EXAMPLE12345',
      [
        'accounts: { dns: { roleArn: "arn:aws:iam::111122223333:role/zone", externalId: x-2026 } }',
        'zones: [{ id: Z0PUBLIC1, name: example.com, account: dns }]',
      ].join('\n'),
    );
    expect(() => parseConfig(text, 'c.yaml')).toThrow(
      "services[0].health.route53: not available with zones[].account (health checks go through zoneAccount's role, and must live in the zone's account); name that account in zoneAccount instead",
    );
    // The same account as zoneAccount is the supported form.
    const supported = text
      .replace(', account: dns }]', ' }]')
      .replace('zones: [{ id', 'zoneAccount: dns\nzones: [{ id');
    expect(() => parseConfig(supported, 'c.yaml')).not.toThrow();
  });
});
