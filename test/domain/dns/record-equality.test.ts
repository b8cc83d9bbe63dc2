import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameByCanonicalForm, sameRecord } from '../../../shared/domain/dns/record-equality.js';
import type { ResourceRecordSet } from '../../../shared/domain/dns/records.js';

const value = fc.constantFrom('192.0.2.1', '192.0.2.2', '192.0.2.3');
const record: fc.Arbitrary<ResourceRecordSet> = fc.record(
  {
    Name: fc.constantFrom('a.example.com.', 'b.example.com.'),
    Type: fc.constantFrom('A', 'AAAA'),
    SetIdentifier: fc.constantFrom('x', 'y'),
    Weight: fc.constantFrom(0, 1, 255),
    TTL: fc.constantFrom(60, 300),
    HealthCheckId: fc.constantFrom('hc-1'),
    Region: fc.constantFrom('us-east-1', 'eu-west-1'),
    Failover: fc.constantFrom('PRIMARY', 'SECONDARY'),
    MultiValueAnswer: fc.boolean(),
    TrafficPolicyInstanceId: fc.constantFrom('tp-1'),
    CidrRoutingConfig: fc.constantFrom({ CollectionId: 'c', LocationName: 'l' }),
    ResourceRecords: fc.array(
      value.map((Value) => ({ Value })),
      { maxLength: 3 },
    ),
    AliasTarget: fc.record({
      HostedZoneId: fc.constantFrom('Z1', 'Z2'),
      DNSName: fc.constantFrom(
        't.example.com.',
        'T.example.com',
        't.example.com',
        'u.example.com.',
      ),
      EvaluateTargetHealth: fc.boolean(),
    }),
    GeoLocation: fc.constantFrom({ CountryCode: 'DE' }, { CountryCode: 'FR' }),
  },
  { requiredKeys: ['Name', 'Type'] },
);

/** A copy of `r` with its values in another order and, sometimes, undefined fields spelled out. */
const variant = (r: ResourceRecordSet, reverse: boolean, spell: boolean): ResourceRecordSet => ({
  ...(spell ? { Region: undefined } : {}),
  ...r,
  ...(r.ResourceRecords && {
    ResourceRecords: reverse ? [...r.ResourceRecords].reverse() : r.ResourceRecords,
  }),
});

describe('sameRecord', () => {
  it('always agrees with the canonical comparison', () => {
    fc.assert(
      fc.property(record, record, fc.boolean(), fc.boolean(), (a, b, reverse, spell) => {
        expect(sameRecord(a, b)).toBe(sameByCanonicalForm(a, b));
        const copy = variant(a, reverse, spell);
        expect(sameRecord(a, copy)).toBe(sameByCanonicalForm(a, copy));
      }),
      { numRuns: 2000 },
    );
  });

  it('treats values in another order, and a differently spelt alias target, as the same', () => {
    const a: ResourceRecordSet = {
      Name: 'x.',
      Type: 'A',
      TTL: 60,
      ResourceRecords: [{ Value: '192.0.2.1' }, { Value: '192.0.2.2' }],
    };
    expect(
      sameRecord(a, { ...a, ResourceRecords: [{ Value: '192.0.2.2' }, { Value: '192.0.2.1' }] }),
    ).toBe(true);
    const alias: ResourceRecordSet = {
      Name: 'x.',
      Type: 'A',
      AliasTarget: { HostedZoneId: 'Z1', DNSName: 'T.example.com', EvaluateTargetHealth: true },
    };
    expect(
      sameRecord(alias, {
        ...alias,
        AliasTarget: { HostedZoneId: 'Z1', DNSName: 't.example.com.', EvaluateTargetHealth: true },
      }),
    ).toBe(true);
  });
});
