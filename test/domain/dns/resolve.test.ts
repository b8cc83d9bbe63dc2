import { describe, expect, it } from 'vitest';
import type { ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import { regionDistance, resolveShares } from '../../../shared/domain/dns/resolve.js';
import { ZONE_ID } from '../../support/builders.js';

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
const weighted = (name: string, id: string, weight: number, ip: string): ResourceRecordSet => ({
  Name: name,
  Type: 'A',
  SetIdentifier: id,
  Weight: weight,
  TTL: 60,
  ResourceRecords: [{ Value: ip }],
});
const latency = (region: string, target: string) =>
  alias('api.example.com.', target, { SetIdentifier: region, Region: region });
const shares = (records: ResourceRecordSet[], clients = ['us-east-2']) =>
  Object.fromEntries(resolveShares(records, ZONE_ID, 'api.example.com.', 'A', clients));

describe('resolveShares', () => {
  it('follows the latency alias to the weighted set and splits by weight', () => {
    const records = [
      latency('us-east-2', 'r.example.com.'),
      weighted('r.example.com.', 'a', 1, '192.0.2.1'),
      weighted('r.example.com.', 'b', 3, '192.0.2.2'),
    ];
    expect(shares(records)).toEqual({ '192.0.2.1': 0.25, '192.0.2.2': 0.75 });
  });

  it('answers every record equally when all weights are zero, as Route 53 does', () => {
    const records = [
      latency('us-east-2', 'r.example.com.'),
      weighted('r.example.com.', 'a', 0, '192.0.2.1'),
      weighted('r.example.com.', 'b', 0, '192.0.2.2'),
    ];
    expect(shares(records)).toEqual({ '192.0.2.1': 0.5, '192.0.2.2': 0.5 });
  });

  it('spreads a multi-value group evenly and follows aliases two levels down', () => {
    const records = [
      latency('us-east-2', 'r.example.com.'),
      alias('r.example.com.', 'endpoint-a.r.example.com.', { SetIdentifier: 'a', Weight: 1 }),
      alias('r.example.com.', 'endpoint-b.r.example.com.', { SetIdentifier: 'b', Weight: 1 }),
      {
        Name: 'endpoint-a.r.example.com.',
        Type: 'A',
        TTL: 60,
        ResourceRecords: [{ Value: '192.0.2.1' }, { Value: '192.0.2.2' }],
      },
      {
        Name: 'endpoint-b.r.example.com.',
        Type: 'A',
        TTL: 60,
        ResourceRecords: [{ Value: '192.0.2.3' }],
      },
    ];
    expect(shares(records)).toEqual({ '192.0.2.1': 0.25, '192.0.2.2': 0.25, '192.0.2.3': 0.5 });
  });

  it('sends the clients of a region without a latency record to the nearest region that has one', () => {
    const records = [
      latency('us-east-2', 'us.example.com.'),
      weighted('us.example.com.', 'a', 1, '192.0.2.1'),
      latency('ap-northeast-1', 'ap.example.com.'),
      weighted('ap.example.com.', 'a', 1, '192.0.2.9'),
    ];
    expect(shares(records, ['us-east-2', 'eu-west-1', 'ap-northeast-1'])).toEqual({
      '192.0.2.1': 2 / 3,
      '192.0.2.9': 1 / 3,
    });
  });

  it('skips a latency record that leads nowhere, as EvaluateTargetHealth would', () => {
    const records = [
      latency('us-east-2', 'gone.example.com.'),
      latency('us-west-2', 'w.example.com.'),
      weighted('w.example.com.', 'a', 1, '192.0.2.5'),
    ];
    expect(shares(records)).toEqual({ '192.0.2.5': 1 });
  });

  it('ignores aliases into other zones and records of another type', () => {
    const records = [
      latency('us-east-2', 'r.example.com.'),
      { ...weighted('r.example.com.', 'a', 1, '2001:db8::1'), Type: 'AAAA' },
      alias('r.example.com.', 'lb.elb.amazonaws.com.', {
        SetIdentifier: 'elb',
        Weight: 1,
        AliasTarget: {
          HostedZoneId: 'Z35SXDOTRQ7X7K',
          DNSName: 'lb.elb.amazonaws.com.',
          EvaluateTargetHealth: true,
        },
      }),
      weighted('r.example.com.', 'b', 1, '192.0.2.2'),
    ];
    expect(shares(records)).toEqual({ '192.0.2.2': 1 });
  });
});

describe('regionDistance', () => {
  it('puts Dublin nearer to Ohio than to Tokyo', () => {
    expect(regionDistance('eu-west-1', 'us-east-2')).toBeLessThan(
      regionDistance('eu-west-1', 'ap-northeast-1'),
    );
  });

  it('is zero for the same region and symmetric', () => {
    expect(regionDistance('us-east-1', 'us-east-1')).toBe(0);
    expect(regionDistance('eu-west-1', 'sa-east-1')).toBeCloseTo(
      regionDistance('sa-east-1', 'eu-west-1'),
    );
  });
});
