import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/domain/errors.js';
import { parseStateFile } from '../../shared/formats/state-file.js';

type Json = Record<string, unknown>;

const RECORDS = 'recordSets.ResourceRecordSets';
const INSTANCES = 'regions.us-east-2.instances.Reservations[0].Instances';

const instance = (fields: Json = {}): Json => ({
  InstanceId: 'i-1',
  InstanceType: 't3.micro',
  Placement: { AvailabilityZone: 'us-east-2a' },
  State: { Name: 'running' },
  ...fields,
});

const weighted = (fields: Json = {}): Json => ({
  Name: 'us-east-2.api.example.com.',
  Type: 'A',
  SetIdentifier: 'api-prod/i-1',
  Weight: 10,
  TTL: 60,
  ResourceRecords: [{ Value: '192.0.2.1' }],
  ...fields,
});

const alias = (fields: Json = {}): Json => ({
  Name: 'api.example.com.',
  Type: 'A',
  SetIdentifier: 'api-prod/us-east-2',
  Region: 'us-east-2',
  AliasTarget: {
    HostedZoneId: 'Z0EXAMPLE12345',
    DNSName: 'us-east-2.api.example.com.',
    EvaluateTargetHealth: true,
  },
  ...fields,
});

function state(parts: { records?: Json[]; instances?: Json[]; regions?: Json }): string {
  return JSON.stringify({
    recordSets: { ResourceRecordSets: parts.records ?? [] },
    regions: parts.regions ?? {
      'us-east-2': {
        instances: { Reservations: [{ Instances: parts.instances ?? [instance()] }] },
      },
    },
  });
}

function problemsOf(json: string): readonly string[] {
  try {
    parseStateFile(json, 'state.json');
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseStateFile refuses what Route 53 and EC2 could not have listed', () => {
  it('accepts well-formed records and instances', () => {
    expect(problemsOf(state({ records: [alias(), weighted()] }))).toEqual([]);
  });

  it('names the file and the path of the record, not the planner', () => {
    const json = state({
      records: [
        alias(),
        weighted(),
        weighted({ SetIdentifier: 'api-prod/i-2' }),
        alias({ SetIdentifier: 'api-prod/eu-west-1', Region: 'eu-west-1', TTL: 60 }),
      ],
    });
    expect(() => parseStateFile(json, 'state.json')).toThrow(
      new InputError('state.json', [`${RECORDS}[3]: an alias record has no TTL`]),
    );
    expect(() => parseStateFile(json, 'state.json')).toThrow(
      `state.json: ${RECORDS}[3]: an alias record has no TTL`,
    );
  });

  it.each<[rule: string, records: Json[], problems: string[]]>([
    [
      'an alias has no ResourceRecords',
      [alias({ ResourceRecords: [{ Value: '192.0.2.1' }] })],
      [`${RECORDS}[0]: an alias record has no ResourceRecords`],
    ],
    [
      'a record without an alias has a TTL and values',
      [weighted({ TTL: undefined }), weighted({ SetIdentifier: 'x/2', ResourceRecords: [] })],
      [
        `${RECORDS}[0]: expected AliasTarget, or TTL and at least one of ResourceRecords`,
        `${RECORDS}[1]: expected AliasTarget, or TTL and at least one of ResourceRecords`,
      ],
    ],
    [
      'a weighted record has a SetIdentifier',
      [weighted({ SetIdentifier: undefined })],
      [`${RECORDS}[0]: a weighted record needs a SetIdentifier`],
    ],
    [
      'a latency record has a SetIdentifier',
      [alias({ SetIdentifier: undefined })],
      [`${RECORDS}[0]: a latency record needs a SetIdentifier`],
    ],
    [
      'a simple record has no SetIdentifier',
      [weighted({ Weight: undefined })],
      [
        `${RECORDS}[0].SetIdentifier: only a record with a routing policy (Weight, Region, Failover, GeoLocation, GeoProximityLocation, CidrRoutingConfig, MultiValueAnswer) has one`,
      ],
    ],
    [
      'a record has one routing policy',
      [weighted({ Region: 'us-east-2' })],
      [`${RECORDS}[0]: more than one routing policy (Weight, Region)`],
    ],
    [
      'a multivalue answer record is not an alias',
      [alias({ Region: undefined, MultiValueAnswer: true })],
      [`${RECORDS}[0]: a multivalue answer record cannot be an alias`],
    ],
    [
      'a SetIdentifier has 1 to 128 characters',
      [weighted({ SetIdentifier: '' }), weighted({ SetIdentifier: 'x'.repeat(129) })],
      [
        `${RECORDS}[0].SetIdentifier: expected 1 to 128 characters`,
        `${RECORDS}[1].SetIdentifier: expected 1 to 128 characters`,
      ],
    ],
    [
      'an A record holds IPv4 addresses',
      [weighted({ ResourceRecords: [{ Value: '192.0.2.1' }, { Value: '999.0.2.1' }] })],
      [`${RECORDS}[0].ResourceRecords[1].Value: expected an IPv4 address`],
    ],
    [
      'an AAAA record holds IPv6 addresses',
      [weighted({ Type: 'AAAA', ResourceRecords: [{ Value: '192.0.2.1' }] })],
      [`${RECORDS}[0].ResourceRecords[0].Value: expected an IPv6 address`],
    ],
    [
      'a record is listed once, however its name is spelled',
      [weighted(), alias(), weighted({ Name: 'US-EAST-2.api.example.com', Weight: 20 })],
      [
        `${RECORDS}[2]: duplicate record us-east-2.api.example.com A (SetIdentifier api-prod/i-1) (also ${RECORDS}[0])`,
      ],
    ],
  ])('checks that %s', (_rule, records, problems) => {
    expect(problemsOf(state({ records }))).toEqual(problems);
  });

  it('lets a record of another type share a name and SetIdentifier', () => {
    const records = [
      weighted(),
      weighted({ Type: 'AAAA', ResourceRecords: [{ Value: '2001:db8::1' }] }),
    ];
    expect(problemsOf(state({ records }))).toEqual([]);
  });

  it.each<[rule: string, fields: Json, problems: string[]]>([
    [
      'a public address is IPv4',
      { PublicIpAddress: '3.15.20' },
      [`${INSTANCES}[0].PublicIpAddress: expected an IPv4 address`],
    ],
    [
      'a private address is IPv4',
      { PrivateIpAddress: '10.0.0.256' },
      [`${INSTANCES}[0].PrivateIpAddress: expected an IPv4 address`],
    ],
    [
      'an IPv6 address is IPv6',
      { Ipv6Address: '2600:1f16::zz' },
      [`${INSTANCES}[0].Ipv6Address: expected an IPv6 address`],
    ],
    [
      "a network interface's IPv6 addresses are IPv6",
      { NetworkInterfaces: [{ Ipv6Addresses: [{ Ipv6Address: '10.0.0.1' }] }] },
      [
        `${INSTANCES}[0].NetworkInterfaces[0].Ipv6Addresses[0].Ipv6Address: expected an IPv6 address`,
      ],
    ],
    [
      'an instance is in a zone of its region',
      { Placement: { AvailabilityZone: 'eu-west-1a' } },
      [`${INSTANCES}[0].Placement.AvailabilityZone: eu-west-1a is not in region us-east-2`],
    ],
  ])('checks that %s', (_rule, fields, problems) => {
    expect(problemsOf(state({ instances: [instance(fields)] }))).toEqual(problems);
  });

  it('refuses an instance listed twice, in one region or in two', () => {
    const twice = { Instances: [instance(), instance({ InstanceId: 'i-2' })] };
    const json = state({
      regions: {
        'us-east-2': { instances: { Reservations: [twice, { Instances: [instance()] }] } },
        'eu-west-1': {
          instances: {
            Reservations: [
              {
                Instances: [
                  instance({ Placement: { AvailabilityZone: 'eu-west-1b' }, InstanceId: 'i-2' }),
                ],
              },
            ],
          },
        },
      },
    });
    expect(problemsOf(json)).toEqual([
      `regions.us-east-2.instances.Reservations[1].Instances[0].InstanceId: duplicate instance i-1 (also ${INSTANCES}[0])`,
      `regions.eu-west-1.instances.Reservations[0].Instances[0].InstanceId: duplicate instance i-2 (also ${INSTANCES}[1])`,
    ]);
  });

  it('accepts Local Zones, whose names extend their region', () => {
    const local = instance({ Placement: { AvailabilityZone: 'us-east-1-bos-1a' } });
    const json = state({
      regions: { 'us-east-1': { instances: { Reservations: [{ Instances: [local] }] } } },
    });
    expect(problemsOf(json)).toEqual([]);
  });
});

describe('parseStateFile reads the JSON text with care', () => {
  it('bounds nesting before anything recurses into it', () => {
    expect(problemsOf('['.repeat(100_000))).toEqual([
      'nested deeper than 64 levels at line 1, column 65',
    ]);
    const deep = `{"recordSets": {"ResourceRecordSets": [{"GeoLocation": ${'{"a":'.repeat(70)}1${'}'.repeat(70)}}]}}`;
    expect(problemsOf(deep)).toEqual(['nested deeper than 64 levels at line 1, column 356']);
  });

  it('refuses a key given twice, with its path, where JSON.parse would keep the last', () => {
    const json =
      '{\n  "recordSets": { "ResourceRecordSets": [] },\n  "regions": {},\n  "regions": {}\n}';
    expect(problemsOf(json)).toEqual(['regions: duplicate key at line 4, column 3']);
  });

  it('finds a repeated key deep in the AWS CLI output', () => {
    const text = readFileSync(
      fileURLToPath(new URL('../fixtures/state/us-east-2.json', import.meta.url)),
      'utf8',
    );
    const doubled = text.replace(
      '"InstanceType": "c5.large",',
      '"InstanceType": "c5.large", "InstanceType": "c5.xlarge",',
    );
    expect(problemsOf(doubled)).toEqual([
      expect.stringMatching(
        /^regions\.us-east-2\.instances\.Reservations\[0\]\.Instances\[0\]\.InstanceType: duplicate key at line \d+, column \d+$/,
      ),
    ]);
  });
});
