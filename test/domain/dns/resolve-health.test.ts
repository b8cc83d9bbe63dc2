import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import { resolveShares, type HealthLookup } from '../../../shared/domain/dns/resolve.js';
import { ZONE_ID } from '../../support/builders.js';

const NAME = 'api.example.com.';
const alias = (
  name: string,
  target: string,
  extra: Partial<ResourceRecordSet> = {},
): ResourceRecordSet => ({
  Name: name,
  Type: 'A',
  AliasTarget: { HostedZoneId: ZONE_ID, DNSName: target, EvaluateTargetHealth: true },
  ...extra,
});
const weighted = (
  name: string,
  id: string,
  weight: number,
  ip: string,
  check?: string,
): ResourceRecordSet => ({
  Name: name,
  Type: 'A',
  SetIdentifier: id,
  Weight: weight,
  TTL: 60,
  ResourceRecords: [{ Value: ip }],
  ...(check !== undefined && { HealthCheckId: check }),
});
const latency = (region: string, target: string, extra: Partial<ResourceRecordSet> = {}) =>
  alias(NAME, target, { SetIdentifier: region, Region: region, ...extra });
const down =
  (...ids: string[]): HealthLookup =>
  (id) =>
    ids.includes(id) ? false : true;
const shares = (records: ResourceRecordSet[], health?: HealthLookup, clients = ['us-east-2']) =>
  Object.fromEntries(resolveShares(records, ZONE_ID, NAME, 'A', clients, health));

const east = (checks: readonly (string | undefined)[], weights = [1, 1, 1]) => [
  latency('us-east-2', 'e.example.com.'),
  ...weights.map((w, i) => weighted('e.example.com.', `e${i}`, w, `192.0.2.${i + 1}`, checks[i])),
];

describe('resolveShares with health checks', () => {
  it('skips an unhealthy record of a weighted set', () => {
    expect(shares(east(['hc-0', 'hc-1', 'hc-2']), down('hc-0'))).toEqual({
      '192.0.2.2': 0.5,
      '192.0.2.3': 0.5,
    });
  });

  it('treats every record as healthy when every one is unhealthy', () => {
    expect(shares(east(['hc-0', 'hc-1', 'hc-2']), down('hc-0', 'hc-1', 'hc-2'))).toEqual(
      shares(east(['hc-0', 'hc-1', 'hc-2'])),
    );
  });

  it('answers weight-0 records only when every non-zero one is unhealthy', () => {
    const records = east(['hc-0', 'hc-1', 'hc-2'], [0, 1, 1]);
    expect(shares(records)).toEqual({ '192.0.2.2': 0.5, '192.0.2.3': 0.5 });
    expect(shares(records, down('hc-1'))).toEqual({ '192.0.2.3': 1 });
    expect(shares(records, down('hc-1', 'hc-2'))).toEqual({ '192.0.2.1': 1 });
  });

  it('counts a record whose check has no data, or that has none, as healthy', () => {
    expect(shares(east(['hc-0', undefined, 'hc-2']), () => undefined)).toEqual(shares(east([])));
  });

  it('fails over to the next region when an alias evaluating target health leads only to unhealthy records', () => {
    const records = [
      ...east(['hc-0', 'hc-1', 'hc-2']),
      latency('us-west-2', 'w.example.com.'),
      weighted('w.example.com.', 'w0', 1, '198.51.100.1', 'hc-w'),
    ];
    expect(shares(records, down('hc-0', 'hc-1', 'hc-2'))).toEqual({ '198.51.100.1': 1 });
  });

  it('fails over from a collapsed region whose plain latency record has a failing check', () => {
    const records = [
      {
        ...weighted(NAME, 'us-east-2', 0, '192.0.2.9', 'hc-e'),
        Weight: undefined,
        Region: 'us-east-2',
      },
      latency('us-west-2', 'w.example.com.'),
      weighted('w.example.com.', 'w0', 1, '198.51.100.1'),
    ];
    expect(shares(records)).toEqual({ '192.0.2.9': 1 });
    expect(shares(records, down('hc-e'))).toEqual({ '198.51.100.1': 1 });
  });

  it('does not inherit the target health of an alias that does not evaluate it', () => {
    const records = [
      latency('us-east-2', 'e.example.com.', {
        AliasTarget: {
          HostedZoneId: ZONE_ID,
          DNSName: 'e.example.com.',
          EvaluateTargetHealth: false,
        },
      }),
      weighted('e.example.com.', 'e0', 1, '192.0.2.1', 'hc-0'),
      latency('us-west-2', 'w.example.com.'),
      weighted('w.example.com.', 'w0', 1, '198.51.100.1'),
    ];
    expect(shares(records, down('hc-0'))).toEqual({ '192.0.2.1': 1 });
  });

  it('answers with the nearest region when every region is unhealthy', () => {
    const records = [
      ...east(['hc-0']).slice(0, 2),
      latency('us-west-2', 'w.example.com.'),
      weighted('w.example.com.', 'w0', 1, '198.51.100.1', 'hc-w'),
    ];
    expect(shares(records, down('hc-0', 'hc-w'))).toEqual({ '192.0.2.1': 1 });
  });

  it('never answers an unhealthy record while a healthy one of the set has weight (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ weight: fc.integer({ min: 0, max: 5 }), healthy: fc.boolean() }), {
          minLength: 1,
          maxLength: 8,
        }),
        (rows) => {
          const checks = rows.map((_, i) => `hc-${i}`);
          const records = east(
            checks,
            rows.map((r) => r.weight),
          );
          const result = shares(records, (id) => rows[Number(id.slice(3))]?.healthy);
          const answered = rows.flatMap((r, i) =>
            (result[`192.0.2.${i + 1}`] ?? 0) > 0 ? [{ ...r, i }] : [],
          );
          const anyHealthy = rows.some((r) => r.healthy);
          const healthyNonZero = rows.some((r) => r.healthy && r.weight > 0);
          if (anyHealthy) expect(answered.every((r) => r.healthy)).toBe(true);
          if (healthyNonZero) expect(answered.every((r) => r.weight > 0)).toBe(true);
          expect(Object.values(result).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
        },
      ),
    );
  });
});
