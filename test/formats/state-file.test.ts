import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InstanceStatus, RegionObservation } from '../../shared/domain/fleet/fleet.js';
import { InputError } from '../../shared/domain/errors.js';
import { loadStateFile, parseStateFile } from '../../shared/formats/state-file.js';
import type { OfflineState } from '../../shared/formats/state-file.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/state/${name}`, import.meta.url));

const realistic: OfflineState = {
  records: [
    {
      Name: 'example.com.',
      Type: 'NS',
      TTL: 172800,
      ResourceRecords: [
        { Value: 'ns-1536.awsdns-00.co.uk.' },
        { Value: 'ns-0.awsdns-00.com.' },
        { Value: 'ns-1024.awsdns-00.org.' },
        { Value: 'ns-512.awsdns-00.net.' },
      ],
    },
    {
      Name: 'example.com.',
      Type: 'SOA',
      TTL: 900,
      ResourceRecords: [
        {
          Value: 'ns-1536.awsdns-00.co.uk. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400',
        },
      ],
    },
    {
      Name: '*.example.com.',
      Type: 'CNAME',
      TTL: 300,
      ResourceRecords: [{ Value: 'www.example.com' }],
    },
    {
      Name: 'api.example.com.',
      Type: 'A',
      SetIdentifier: 'api-prod/us-east-2',
      Region: 'us-east-2',
      AliasTarget: {
        HostedZoneId: 'Z0EXAMPLE12345',
        DNSName: 'us-east-2.api.example.com.',
        EvaluateTargetHealth: true,
      },
    },
    {
      Name: 'us-east-2.api.example.com.',
      Type: 'A',
      SetIdentifier: 'api-prod/i-0a1b2c3d4e5f60001',
      Weight: 85,
      TTL: 60,
      ResourceRecords: [{ Value: '3.15.20.101' }],
    },
    {
      Name: 'us-east-2.api.example.com.',
      Type: 'A',
      SetIdentifier: 'api-prod/i-0a1b2c3d4e5f60002',
      Weight: 170,
      TTL: 60,
      ResourceRecords: [{ Value: '3.15.20.102' }],
    },
    {
      Name: 'www.example.com.',
      Type: 'A',
      AliasTarget: {
        HostedZoneId: 'Z3AADJGX6KTTL2',
        DNSName: 'dualstack.web-lb-1234567890.us-east-2.elb.amazonaws.com.',
        EvaluateTargetHealth: false,
      },
    },
  ],
  regions: new Map<string, RegionObservation>([
    [
      'us-east-2',
      {
        region: 'us-east-2',
        instances: [
          {
            id: 'i-0a1b2c3d4e5f60001',
            region: 'us-east-2',
            zone: 'us-east-2a',
            instanceType: 'c5.large',
            state: 'running',
            launchTime: '2024-05-01T12:00:00.000Z',
            tags: { Name: 'api-1', 'rebalancer:service': 'api' },
            publicIp: '3.15.20.101',
            privateIp: '10.0.1.11',
            ipv6: '2600:1f16:abc:d101::11',
          },
          {
            id: 'i-0a1b2c3d4e5f60003',
            region: 'us-east-2',
            zone: 'us-east-2a',
            instanceType: 'c5.large',
            state: 'stopped',
            launchTime: '2024-04-28T09:30:00.000Z',
            tags: { Name: 'api-3', 'rebalancer:service': 'api', 'rebalancer:drain': 'true' },
            publicIp: undefined,
            privateIp: '10.0.1.13',
            ipv6: undefined,
          },
          {
            id: 'i-0a1b2c3d4e5f60002',
            region: 'us-east-2',
            zone: 'us-east-2b',
            instanceType: 'c5.xlarge',
            state: 'running',
            launchTime: '2024-05-01T12:05:30.000Z',
            tags: { Name: 'api-2', 'rebalancer:service': 'api', 'rebalancer:capacity': '3' },
            publicIp: '3.15.20.102',
            privateIp: '10.0.2.12',
            ipv6: '2600:1f16:abc:d202::12',
          },
        ],
        instanceTypes: new Map([
          ['c5.large', { vcpus: 2, memoryMiB: 4096 }],
          ['c5.xlarge', { vcpus: 4, memoryMiB: 8192 }],
        ]),
        statuses: new Map<string, InstanceStatus>([
          ['i-0a1b2c3d4e5f60001', { instance: 'ok', system: 'ok' }],
          ['i-0a1b2c3d4e5f60002', { instance: 'impaired', system: 'ok' }],
          ['i-0a1b2c3d4e5f60003', { instance: 'not-applicable', system: 'not-applicable' }],
        ]),
        alarms: [
          {
            name: 'api-i-0a1b2c3d4e5f60002-cpu-high',
            state: 'ALARM',
            instanceIds: ['i-0a1b2c3d4e5f60002'],
          },
        ],
      },
    ],
  ]),
};

type Json = Record<string, unknown>;

/** A valid state file with one region, its first instance replaced by `instance`'s fields. */
function stateWith(parts: { instance?: Json; record?: Json; region?: Json; top?: Json }): string {
  const instance = {
    InstanceId: 'i-1',
    InstanceType: 't3.micro',
    Placement: { AvailabilityZone: 'us-east-2a' },
    State: { Code: 16, Name: 'running' },
    ...parts.instance,
  };
  return JSON.stringify({
    recordSets: { ResourceRecordSets: [{ Name: 'a.example.com.', Type: 'A', ...parts.record }] },
    regions: {
      'us-east-2': { instances: { Reservations: [{ Instances: [instance] }] }, ...parts.region },
    },
    ...parts.top,
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

describe('loadStateFile', () => {
  it('reads what the AWS CLI prints into records and region observations', async () => {
    await expect(loadStateFile(fixture('us-east-2.json'))).resolves.toStrictEqual(realistic);
  });

  it('leaves the optional parts of a region undefined when the file omits them', async () => {
    const state = await loadStateFile(fixture('minimal.json'));
    expect(state.records).toEqual([]);
    expect(state.regions.get('eu-west-1')).toStrictEqual({
      region: 'eu-west-1',
      instances: [
        {
          id: 'i-0eu0000000000001',
          region: 'eu-west-1',
          zone: 'eu-west-1a',
          instanceType: 't3.micro',
          state: 'running',
          launchTime: undefined,
          tags: {},
          publicIp: undefined,
          privateIp: undefined,
          ipv6: undefined,
        },
      ],
      instanceTypes: undefined,
      statuses: undefined,
      alarms: undefined,
    });
  });

  it('names the path of a file that does not exist', async () => {
    const path = fixture('no-such-state.json');
    await expect(loadStateFile(path)).rejects.toThrow(new InputError(path, ['file not found']));
  });
});

describe('parseStateFile', () => {
  it('accepts a file saved with a byte-order mark', () => {
    const json = readFileSync(fixture('minimal.json'), 'utf8');
    expect(parseStateFile(`\uFEFF${json}`, 'bom.json').regions.size).toBe(1);
  });

  it('says in one line where a file stops being JSON', () => {
    const json = '{\n  "recordSets": { "ResourceRecordSets": [] }\n  "regions": {}\n}';
    expect(() => parseStateFile(json, 'state.json')).toThrow(
      new InputError('state.json', ['not valid JSON: unexpected "\\"" at line 3, column 3']),
    );
  });

  it('points at the character that breaks a string', () => {
    expect(problemsOf('{"recordSets": "a\nb"}')).toEqual([
      'not valid JSON: unexpected "\\n" at line 1, column 18',
    ]);
  });

  it('points at what follows a complete value', () => {
    expect(problemsOf('{}\n x')).toEqual(['not valid JSON: unexpected "x" at line 2, column 2']);
  });

  it('says so when the file ends too early', () => {
    expect(problemsOf('{"recordSets": [')).toEqual([
      'not valid JSON: unexpected end of input at line 1, column 17',
    ]);
  });

  it('names an instance state EC2 does not have, with its path', () => {
    const json = JSON.stringify({
      recordSets: { ResourceRecordSets: [] },
      regions: {
        'us-east-2': {
          instances: {
            Reservations: [
              {
                Instances: [
                  {
                    InstanceId: 'i-1',
                    InstanceType: 't3.micro',
                    Placement: { AvailabilityZone: 'us-east-2a' },
                    State: { Name: 'running' },
                  },
                  {
                    InstanceId: 'i-2',
                    InstanceType: 't3.micro',
                    Placement: { AvailabilityZone: 'us-east-2b' },
                    State: { Name: 'up' },
                  },
                ],
              },
            ],
          },
        },
      },
    });
    expect(() => parseStateFile(json, 'state.json')).toThrow(
      'state.json: regions.us-east-2.instances.Reservations[0].Instances[1].State.Name: expected one of pending | running | shutting-down | terminated | stopping | stopped',
    );
  });

  it.each<[rule: string, json: string, problems: string[]]>([
    ['a state file is an object', '[]', ['expected an object']],
    [
      'recordSets is required',
      stateWith({ top: { recordSets: undefined } }),
      ['recordSets: required'],
    ],
    ['regions are an object', stateWith({ top: { regions: [] } }), ['regions: expected an object']],
    [
      'a region key is an AWS region',
      stateWith({ top: { regions: { 'us-east': { instances: { Reservations: [] } } } } }),
      ['regions.us-east: expected an AWS region name like us-east-2'],
    ],
    [
      'instances are required',
      stateWith({ top: { regions: { 'us-east-2': {} } } }),
      ['regions.us-east-2.instances: required'],
    ],
    [
      'a record has a name',
      stateWith({ record: { Name: undefined } }),
      ['recordSets.ResourceRecordSets[0].Name: required'],
    ],
    [
      'a record type is a string',
      stateWith({ record: { Type: 1 } }),
      ['recordSets.ResourceRecordSets[0].Type: expected a string'],
    ],
    [
      'a weight is whole',
      stateWith({ record: { Weight: 1.5 } }),
      ['recordSets.ResourceRecordSets[0].Weight: expected an integer from 0 to 255'],
    ],
    [
      'a weight is at most 255',
      stateWith({ record: { Weight: 256 } }),
      ['recordSets.ResourceRecordSets[0].Weight: expected an integer from 0 to 255'],
    ],
    [
      'an alias target is complete',
      stateWith({ record: { AliasTarget: { HostedZoneId: 'Z1', DNSName: 'b.example.com.' } } }),
      ['recordSets.ResourceRecordSets[0].AliasTarget.EvaluateTargetHealth: required'],
    ],
    [
      'an InstanceId is a string',
      stateWith({ instance: { InstanceId: 42 } }),
      ['regions.us-east-2.instances.Reservations[0].Instances[0].InstanceId: expected a string'],
    ],
    [
      'an instance has an availability zone',
      stateWith({ instance: { Placement: {} } }),
      [
        'regions.us-east-2.instances.Reservations[0].Instances[0].Placement.AvailabilityZone: required',
      ],
    ],
    [
      'tags are a list of Key and Value',
      stateWith({ instance: { Tags: { Name: 'api-1' } } }),
      ['regions.us-east-2.instances.Reservations[0].Instances[0].Tags: expected a list'],
    ],
    [
      'a vCPU count is a whole number',
      stateWith({
        region: {
          instanceTypes: {
            InstanceTypes: [
              {
                InstanceType: 't3.micro',
                VCpuInfo: { DefaultVCpus: '2' },
                MemoryInfo: { SizeInMiB: 1024 },
              },
            ],
          },
        },
      }),
      [
        'regions.us-east-2.instanceTypes.InstanceTypes[0].VCpuInfo.DefaultVCpus: expected an integer from 1 to 2147483647',
      ],
    ],
    [
      'a status check has a known status',
      stateWith({
        region: {
          instanceStatuses: {
            InstanceStatuses: [{ InstanceId: 'i-1', InstanceStatus: { Status: 'degraded' } }],
          },
        },
      }),
      [
        'regions.us-east-2.instanceStatuses.InstanceStatuses[0].InstanceStatus.Status: expected one of ok | impaired | initializing | insufficient-data | not-applicable',
      ],
    ],
    [
      'an alarm has a known state',
      stateWith({
        region: { alarms: { MetricAlarms: [{ AlarmName: 'a', StateValue: 'FIRING' }] } },
      }),
      [
        'regions.us-east-2.alarms.MetricAlarms[0].StateValue: expected one of OK | ALARM | INSUFFICIENT_DATA',
      ],
    ],
    [
      'a metric-math dimension has a value',
      stateWith({
        region: {
          alarms: {
            MetricAlarms: [
              {
                AlarmName: 'a',
                StateValue: 'OK',
                Metrics: [
                  { Id: 'e1', Expression: 'MAX(METRICS())' },
                  { Id: 'm1', MetricStat: { Metric: { Dimensions: [{ Name: 'InstanceId' }] } } },
                ],
              },
            ],
          },
        },
      }),
      [
        'regions.us-east-2.alarms.MetricAlarms[0].Metrics[1].MetricStat.Metric.Dimensions[0].Value: required',
      ],
    ],
  ])('checks that %s', (_rule, json, problems) => {
    expect(problemsOf(json)).toEqual(problems);
  });

  it('lists every problem of a file in one error', () => {
    const json = stateWith({
      record: { Weight: -1 },
      instance: { InstanceId: undefined, State: { Name: 'up' } },
      region: { alarms: { MetricAlarms: [{ StateValue: 'OK' }] } },
    });
    expect(() => parseStateFile(json, 'state.json')).toThrow(
      [
        'state.json: 4 problems',
        '  - recordSets.ResourceRecordSets[0].Weight: expected an integer from 0 to 255',
        '  - regions.us-east-2.instances.Reservations[0].Instances[0].InstanceId: required',
        '  - regions.us-east-2.instances.Reservations[0].Instances[0].State.Name: expected one of pending | running | shutting-down | terminated | stopping | stopped',
        '  - regions.us-east-2.alarms.MetricAlarms[0].AlarmName: required',
      ].join('\n'),
    );
  });
});

describe('parseStateFile: Auto Scaling lifecycle states', () => {
  const withStates = (states: unknown) =>
    JSON.stringify({
      recordSets: { ResourceRecordSets: [] },
      regions: {
        'us-east-2': {
          instances: { Reservations: [] },
          autoScalingInstances: states,
        },
      },
    });

  it('reads what `aws autoscaling describe-auto-scaling-instances` prints, by instance id', () => {
    const state = parseStateFile(
      withStates({
        AutoScalingInstances: [
          {
            InstanceId: 'i-0a4e7c1d9b2f30001',
            AutoScalingGroupName: 'api-prod',
            LifecycleState: 'Terminating:Wait',
            HealthStatus: 'HEALTHY',
          },
        ],
      }),
      'state.json',
    );
    const read = state.regions.get('us-east-2') as RegionObservation;
    expect(read.lifecycle).toEqual(
      new Map([['i-0a4e7c1d9b2f30001', { group: 'api-prod', state: 'Terminating:Wait' }]]),
    );
  });

  it('leaves the lifecycle unread when the file has none: EC2 rules alone', () => {
    const read = parseStateFile(withStates(undefined), 's').regions.get('us-east-2');
    expect((read as RegionObservation).lifecycle).toBeUndefined();
  });

  it('names the path of a state that is missing', () => {
    expect(() =>
      parseStateFile(
        withStates({ AutoScalingInstances: [{ InstanceId: 'i-1', AutoScalingGroupName: 'g' }] }),
        'state.json',
      ),
    ).toThrow(
      /state\.json: regions\.us-east-2\.autoScalingInstances\.AutoScalingInstances\[0\]\.LifecycleState/,
    );
  });
});

describe('parseStateFile with several hosted zones', () => {
  const region = { instances: { Reservations: [] } };
  const record = (name: string) => ({
    Name: name,
    Type: 'A',
    TTL: 60,
    ResourceRecords: [{ Value: '192.0.2.1' }],
  });

  it("keeps today's shape: recordSets is the one zone", () => {
    const state = parseStateFile(
      JSON.stringify({
        recordSets: { ResourceRecordSets: [record('a.example.com.')] },
        regions: { 'us-east-2': region },
      }),
      'state.json',
    );
    expect(state.records.map((r) => r.Name)).toEqual(['a.example.com.']);
    expect(state.zones).toBeUndefined();
  });

  it("reads each zone's record sets", () => {
    const state = parseStateFile(
      JSON.stringify({
        zones: {
          Z0PUBLIC1: { recordSets: { ResourceRecordSets: [record('a.example.com.')] } },
          Z0PRIVATE2: { recordSets: { ResourceRecordSets: [] } },
        },
        regions: { 'us-east-2': region },
      }),
      'state.json',
    );
    expect(state.records).toEqual([]);
    expect([...(state.zones ?? [])].map(([id, list]) => [id, list.length])).toEqual([
      ['Z0PUBLIC1', 1],
      ['Z0PRIVATE2', 0],
    ]);
  });

  it('names the zone of a record Route 53 would refuse', () => {
    const text = JSON.stringify({
      zones: {
        Z0PUBLIC1: {
          recordSets: { ResourceRecordSets: [record('a.example.com.'), record('a.example.com.')] },
        },
      },
      regions: {},
    });
    expect(() => parseStateFile(text, 'state.json')).toThrow(
      'zones.Z0PUBLIC1.recordSets.ResourceRecordSets[1]: duplicate record',
    );
  });

  it('wants recordSets or zones', () => {
    expect(() => parseStateFile(JSON.stringify({ regions: {} }), 'state.json')).toThrow(
      'recordSets: required',
    );
  });

  it('wants zones keyed by hosted zone id', () => {
    const text = JSON.stringify({
      zones: { nope: { recordSets: { ResourceRecordSets: [] } } },
      regions: {},
    });
    expect(() => parseStateFile(text, 'state.json')).toThrow(
      'expected a hosted zone id like Z0EXAMPLE12345',
    );
  });
});
