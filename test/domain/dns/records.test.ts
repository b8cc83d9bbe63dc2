import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameRecord } from '../../../shared/domain/dns/record-equality.js';
import {
  aliasTarget,
  describeRecord,
  recordKey,
  recordSet,
  recordValues,
  routingPolicy,
  rrsetKey,
  type ResourceRecordSet,
  type RoutingPolicy,
} from '../../../shared/domain/dns/records.js';

const NAME = 'us-east-2.api.example.com.';

function weighted(overrides: Partial<ResourceRecordSet> = {}): ResourceRecordSet {
  return {
    Name: NAME,
    Type: 'A',
    SetIdentifier: 'api-prod/i-0001',
    Weight: 10,
    TTL: 60,
    ResourceRecords: [{ Value: '198.51.100.1' }, { Value: '198.51.100.2' }],
    ...overrides,
  };
}

function aliasTo(dnsName: string, overrides: Partial<ResourceRecordSet> = {}): ResourceRecordSet {
  return {
    Name: 'api.example.com.',
    Type: 'A',
    SetIdentifier: 'api-prod/us-east-2',
    Region: 'us-east-2',
    AliasTarget: { HostedZoneId: 'Z0EXAMPLE12345', DNSName: dnsName, EvaluateTargetHealth: true },
    ...overrides,
  };
}

describe('routingPolicy', () => {
  const base = { Name: NAME, Type: 'A', SetIdentifier: 's' };
  it.each<{ fields: Partial<ResourceRecordSet>; policy: RoutingPolicy }>([
    { fields: { Weight: 10 }, policy: 'weighted' },
    { fields: { Weight: 0 }, policy: 'weighted' },
    { fields: { Region: 'us-east-2' }, policy: 'latency' },
    { fields: { Failover: 'PRIMARY' }, policy: 'failover' },
    { fields: { GeoLocation: { CountryCode: 'DE' } }, policy: 'geolocation' },
    {
      fields: { GeoProximityLocation: { AWSRegion: 'us-east-1', Bias: 0 } },
      policy: 'geoproximity',
    },
    { fields: { CidrRoutingConfig: { CollectionId: 'c', LocationName: 'l' } }, policy: 'cidr' },
    { fields: { MultiValueAnswer: true }, policy: 'multivalue' },
  ])('reads $policy from $fields', ({ fields, policy }) => {
    expect(routingPolicy({ ...base, ...fields })).toBe(policy);
  });

  it('calls a record with no policy field simple', () => {
    expect(routingPolicy({ Name: NAME, Type: 'A', TTL: 60, ResourceRecords: [] })).toBe('simple');
  });

  it('calls an alias with only a Region a latency record', () => {
    expect(routingPolicy(aliasTo(NAME))).toBe('latency');
  });
});

describe('recordKey', () => {
  it('joins name, type and set identifier', () => {
    expect(recordKey({ Name: NAME, Type: 'A', SetIdentifier: 's' })).toBe(`${NAME}|A|s`);
  });

  it('leaves the set identifier empty for a record without one', () => {
    expect(recordKey({ Name: NAME, Type: 'TXT' })).toBe(`${NAME}|TXT|`);
  });

  it('tells apart records that differ in name, type or set identifier', () => {
    const keys = [
      recordKey({ Name: NAME, Type: 'A', SetIdentifier: 's' }),
      recordKey({ Name: NAME, Type: 'A', SetIdentifier: 't' }),
      recordKey({ Name: NAME, Type: 'AAAA', SetIdentifier: 's' }),
      recordKey({ Name: `x.${NAME}`, Type: 'A', SetIdentifier: 's' }),
      recordKey({ Name: NAME, Type: 'A' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ignores the content of the record', () => {
    expect(recordKey(weighted({ Weight: 1 }))).toBe(recordKey(weighted({ Weight: 200, TTL: 5 })));
  });
});

describe('rrsetKey', () => {
  it('joins name and type, so every set identifier of a name and type shares it', () => {
    expect(rrsetKey({ Name: NAME, Type: 'A' })).toBe(`${NAME}|A`);
    expect(rrsetKey(weighted({ SetIdentifier: 'a' }))).toBe(
      rrsetKey(weighted({ SetIdentifier: 'b' })),
    );
  });

  it('differs between types at the same name', () => {
    expect(rrsetKey({ Name: NAME, Type: 'A' })).not.toBe(rrsetKey({ Name: NAME, Type: 'AAAA' }));
  });
});

describe('recordValues', () => {
  it('lists the values in their order', () => {
    expect(recordValues(weighted())).toEqual(['198.51.100.1', '198.51.100.2']);
  });

  it('gives an alias no values', () => {
    expect(recordValues(aliasTo(NAME))).toEqual([]);
  });
});

describe('describeRecord', () => {
  it('writes name, type and set identifier the way Route 53 does', () => {
    expect(describeRecord({ Name: 'x.', Type: 'A', SetIdentifier: 's' })).toBe(
      "[name='x.', type='A', set-identifier='s']",
    );
  });

  it('leaves out the set identifier of a record without one', () => {
    expect(describeRecord({ Name: 'api.example.com.', Type: 'TXT' })).toBe(
      "[name='api.example.com.', type='TXT']",
    );
  });
});

describe('sameRecord', () => {
  it('says a record is the same as a copy of itself', () => {
    expect(sameRecord(weighted(), { ...weighted() })).toBe(true);
  });

  it('compares values as a set, ignoring their order', () => {
    const reordered = weighted({
      ResourceRecords: [{ Value: '198.51.100.2' }, { Value: '198.51.100.1' }],
    });
    expect(sameRecord(weighted(), reordered)).toBe(true);
  });

  it('compares alias target names normalised', () => {
    expect(sameRecord(aliasTo('US-East-2.API.example.com'), aliasTo(NAME))).toBe(true);
    expect(sameRecord(aliasTo('\\052.api.example.com.'), aliasTo('*.api.example.com.'))).toBe(true);
  });

  it('says a record is the same as itself', () => {
    const record = weighted();
    expect(sameRecord(record, record)).toBe(true);
  });

  it('ignores fields that are present but undefined', () => {
    expect(sameRecord(weighted({ HealthCheckId: undefined, Region: undefined }), weighted())).toBe(
      true,
    );
    expect(sameRecord(weighted({ GeoLocation: undefined }), weighted())).toBe(true);
    expect(sameRecord(weighted(), weighted({ CidrRoutingConfig: undefined }))).toBe(true);
  });

  it('compares nested policy fields by content', () => {
    const located = (CountryCode: string) =>
      weighted({ Weight: undefined, GeoLocation: { CountryCode } });
    expect(sameRecord(located('DE'), located('DE'))).toBe(true);
    expect(sameRecord(located('DE'), located('FR'))).toBe(false);
  });

  it('ignores the key order of nested objects', () => {
    const a = weighted({
      Weight: undefined,
      GeoLocation: { ContinentCode: 'EU', CountryCode: 'DE' },
    });
    const b = weighted({
      Weight: undefined,
      GeoLocation: { CountryCode: 'DE', ContinentCode: 'EU' },
    });
    expect(sameRecord(a, b)).toBe(true);
  });

  it.each<{ change: string; other: ResourceRecordSet }>([
    { change: 'a different weight', other: weighted({ Weight: 11 }) },
    { change: 'a different TTL', other: weighted({ TTL: 300 }) },
    { change: 'a health check', other: weighted({ HealthCheckId: 'hc-1' }) },
    { change: 'a different set identifier', other: weighted({ SetIdentifier: 'api-prod/i-0002' }) },
    { change: 'a different name', other: weighted({ Name: `x.${NAME}` }) },
    { change: 'a different type', other: weighted({ Type: 'AAAA' }) },
    {
      change: 'a different value',
      other: weighted({ ResourceRecords: [{ Value: '198.51.100.1' }, { Value: '198.51.100.3' }] }),
    },
    {
      change: 'one value fewer',
      other: weighted({ ResourceRecords: [{ Value: '198.51.100.1' }] }),
    },
    {
      change: 'one value more',
      other: weighted({
        ResourceRecords: [
          { Value: '198.51.100.1' },
          { Value: '198.51.100.2' },
          { Value: '198.51.100.3' },
        ],
      }),
    },
    { change: 'a region as well', other: weighted({ Region: 'us-east-2' }) },
  ])('says a record with $change is not the same', ({ other }) => {
    expect(sameRecord(weighted(), other)).toBe(false);
    expect(sameRecord(other, weighted())).toBe(false);
  });

  it.each<{ change: string; other: ResourceRecordSet }>([
    { change: 'another target', other: aliasTo(`other.${NAME}`) },
    {
      change: 'another target zone',
      other: aliasTo(NAME, {
        AliasTarget: { HostedZoneId: 'Z0OTHER', DNSName: NAME, EvaluateTargetHealth: true },
      }),
    },
    {
      change: 'target health not evaluated',
      other: aliasTo(NAME, {
        AliasTarget: { HostedZoneId: 'Z0EXAMPLE12345', DNSName: NAME, EvaluateTargetHealth: false },
      }),
    },
    { change: 'another region', other: aliasTo(NAME, { Region: 'eu-west-1' }) },
  ])('says an alias with $change is not the same', ({ other }) => {
    expect(sameRecord(aliasTo(NAME), other)).toBe(false);
  });

  it('says an alias and a record with values are not the same', () => {
    const plain = aliasTo(NAME, {
      AliasTarget: undefined,
      TTL: 60,
      ResourceRecords: [{ Value: '1.2.3.4' }],
    });
    expect(sameRecord(aliasTo(NAME), plain)).toBe(false);
  });

  it('is unchanged by rotating the values, and symmetric', () => {
    const values = fc.uniqueArray(fc.ipV4(), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(values, fc.nat(), (ips, seed) => {
        const rotated = ips.map((_, i) => ips[(i + seed) % ips.length] ?? '');
        const a = weighted({ ResourceRecords: ips.map((Value) => ({ Value })) });
        const b = weighted({ ResourceRecords: rotated.map((Value) => ({ Value })) });
        expect(sameRecord(a, b)).toBe(true);
        expect(sameRecord(b, a)).toBe(true);
      }),
    );
  });
});

describe('recordSet', () => {
  const API_ORDER = [
    'Name',
    'Type',
    'SetIdentifier',
    'Weight',
    'Region',
    'GeoLocation',
    'Failover',
    'MultiValueAnswer',
    'TTL',
    'ResourceRecords',
    'AliasTarget',
    'HealthCheckId',
    'TrafficPolicyInstanceId',
    'CidrRoutingConfig',
    'GeoProximityLocation',
  ];

  it('lays a record out in Route 53 API order, however it was written', () => {
    const built = recordSet({
      HealthCheckId: 'hc',
      ResourceRecords: [{ Value: '198.51.100.1' }],
      TTL: 60,
      Weight: 5,
      SetIdentifier: 's',
      Type: 'A',
      Name: NAME,
    });
    expect(Object.keys(built)).toEqual([
      'Name',
      'Type',
      'SetIdentifier',
      'Weight',
      'TTL',
      'ResourceRecords',
      'HealthCheckId',
    ]);
  });

  it('orders every field it knows, keeps unknown ones after them and drops undefined ones', () => {
    const reversed = Object.fromEntries(
      [...API_ORDER].reverse().map((key) => [key, key === 'Failover' ? undefined : key]),
    );
    const built = recordSet({
      Extra: 1,
      constructor: { a: 1 },
      ...reversed,
    } as unknown as ResourceRecordSet);
    expect(Object.keys(built)).toEqual([
      ...API_ORDER.filter((k) => k !== 'Failover'),
      'Extra',
      'constructor',
    ]);
  });

  it('orders the structures a record nests', () => {
    const built = recordSet({
      Name: NAME,
      Type: 'A',
      SetIdentifier: 's',
      AliasTarget: {
        EvaluateTargetHealth: false,
        DNSName: 'x.example.com.',
        HostedZoneId: 'Z1',
      },
      GeoProximityLocation: { Bias: 0, Coordinates: { Longitude: '1', Latitude: '2' } },
    });
    expect(Object.keys(built.AliasTarget ?? {})).toEqual([
      'HostedZoneId',
      'DNSName',
      'EvaluateTargetHealth',
    ]);
    expect(Object.keys(built.GeoProximityLocation ?? {})).toEqual(['Coordinates', 'Bias']);
    expect(Object.keys(built.GeoProximityLocation?.Coordinates ?? {})).toEqual([
      'Latitude',
      'Longitude',
    ]);
  });

  it('changes no value', () => {
    const record = aliasTo('us-east-2.api.example.com.', { HealthCheckId: 'hc' });
    expect(recordSet(record)).toStrictEqual(record);
    expect(Object.keys(aliasTarget('Z1', 'x.', true))).toEqual([
      'HostedZoneId',
      'DNSName',
      'EvaluateTargetHealth',
    ]);
  });
});
