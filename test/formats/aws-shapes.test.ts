import { readFileSync } from 'node:fs';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type {
  Instance as SdkInstance,
  InstanceStatus as SdkInstanceStatus,
  InstanceTypeInfo as SdkInstanceTypeInfo,
  Reservation as SdkReservation,
} from '@aws-sdk/client-ec2';
import type { ResourceRecordSet as SdkRecordSet } from '@aws-sdk/client-route-53';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  observationFrom,
  toAlarm,
  toInstance,
  toInstanceStatus,
  toInstanceTypeInfo,
  toRecordSet,
} from '../../shared/formats/aws-shapes.js';
import type {
  Ec2InstanceShape,
  Ec2ReservationShape,
  InstanceStatusShape,
  InstanceTypeInfoShape,
  MetricAlarmShape,
  Route53RecordShape,
} from '../../shared/formats/aws-shapes.js';
import { InputError } from '../../shared/domain/errors.js';

/** The AWS CLI's JSON for us-east-2, as the state-file fixture holds it. */
interface CliRegion {
  readonly instances: { readonly Reservations: readonly Ec2ReservationShape[] };
  readonly instanceTypes: { readonly InstanceTypes: readonly InstanceTypeInfoShape[] };
  readonly instanceStatuses: { readonly InstanceStatuses: readonly InstanceStatusShape[] };
  readonly alarms: { readonly MetricAlarms: readonly MetricAlarmShape[] };
}

const cli = (
  JSON.parse(
    readFileSync(new URL('../fixtures/state/us-east-2.json', import.meta.url), 'utf8'),
  ) as { regions: { 'us-east-2': CliRegion } }
).regions['us-east-2'];

function at<T>(list: readonly T[] | undefined, index: number): T {
  const item = list?.[index];
  if (item === undefined) throw new Error(`fixture has no item ${index}`);
  return item;
}

const firstInstance = at(at(cli.instances.Reservations, 0).Instances, 0);

describe('toInstance', () => {
  it('maps describe-instances CLI output, reading only the fields it needs', () => {
    expect(toInstance(firstInstance, 'us-east-2')).toStrictEqual({
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
    });
  });

  it('maps an SDK instance whose LaunchTime is a Date to the same ISO string', () => {
    const sdk: SdkInstance = {
      InstanceId: 'i-0a1b2c3d4e5f60001',
      InstanceType: 'c5.large',
      Placement: { AvailabilityZone: 'us-east-2a' },
      State: { Code: 16, Name: 'running' },
      LaunchTime: new Date('2024-05-01T12:00:00Z'),
      Tags: [{ Key: 'Name', Value: 'api-1' }],
    };
    expect(toInstance(sdk, 'us-east-2')?.launchTime).toBe('2024-05-01T12:00:00.000Z');
  });

  it('prefers the primary Ipv6Address over the network interfaces', () => {
    const raw: Ec2InstanceShape = {
      InstanceId: 'i-1',
      Ipv6Address: '2600::1',
      NetworkInterfaces: [{ Ipv6Addresses: [{ Ipv6Address: '2600::2' }] }],
    };
    expect(toInstance(raw, 'us-east-2')?.ipv6).toBe('2600::1');
  });

  it('fills what EC2 left out with values that are never routed to', () => {
    expect(toInstance({ InstanceId: 'i-1', State: { Name: 'rebooting' } }, 'eu-west-1')).toEqual({
      id: 'i-1',
      region: 'eu-west-1',
      zone: '',
      instanceType: '',
      state: 'pending',
      launchTime: undefined,
      tags: {},
      publicIp: undefined,
      privateIp: undefined,
      ipv6: undefined,
    });
  });

  it('keeps an empty tag value and drops a tag without a key', () => {
    const tags = toInstance({ InstanceId: 'i-1', Tags: [{ Key: 'drain' }, { Value: 'x' }] }, 'r');
    expect(tags?.tags).toStrictEqual({ drain: '' });
  });

  it('returns undefined for an instance without an InstanceId', () => {
    expect(toInstance({ InstanceType: 'c5.large' }, 'us-east-2')).toBeUndefined();
  });
});

describe('toInstanceTypeInfo', () => {
  it('maps describe-instance-types output to vCPUs and memory', () => {
    expect(toInstanceTypeInfo(at(cli.instanceTypes.InstanceTypes, 1))).toStrictEqual([
      'c5.xlarge',
      { vcpus: 4, memoryMiB: 8192 },
    ]);
  });

  it('returns undefined when the capacity is missing', () => {
    expect(toInstanceTypeInfo({ InstanceType: 'c5.large', VCpuInfo: {} })).toBeUndefined();
  });
});

describe('toInstanceStatus', () => {
  it('maps describe-instance-status output to both checks', () => {
    expect(toInstanceStatus(at(cli.instanceStatuses.InstanceStatuses, 1))).toStrictEqual([
      'i-0a1b2c3d4e5f60002',
      { instance: 'impaired', system: 'ok' },
    ]);
  });

  it('leaves a status it does not know undefined', () => {
    const raw = { InstanceId: 'i-1', InstanceStatus: { Status: 'degraded' } };
    expect(toInstanceStatus(raw)).toStrictEqual([
      'i-1',
      { instance: undefined, system: undefined },
    ]);
  });
});

describe('toAlarm', () => {
  it('reads the InstanceId dimension of a metric alarm', () => {
    expect(toAlarm(at(cli.alarms.MetricAlarms, 0))).toStrictEqual({
      name: 'api-i-0a1b2c3d4e5f60002-cpu-high',
      state: 'ALARM',
      instanceIds: ['i-0a1b2c3d4e5f60002'],
    });
  });

  it('reads every InstanceId of a metric-math alarm, once each', () => {
    const metricMath = {
      AlarmName: 'api-any-status-check-failed',
      AlarmArn: 'arn:aws:cloudwatch:us-east-2:123456789012:alarm:api-any-status-check-failed',
      StateValue: 'OK',
      StateReason: 'Threshold Crossed: no datapoints were received for 1 period',
      Dimensions: [],
      EvaluationPeriods: 2,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      Metrics: [
        { Id: 'e1', Expression: 'MAX(METRICS())', Label: 'any failed', ReturnData: true },
        ...['i-0a', 'i-0b', 'i-0a'].map((id, n) => ({
          Id: `m${n}`,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/EC2',
              MetricName: 'StatusCheckFailed',
              Dimensions: [
                { Name: 'AutoScalingGroupName', Value: 'api-asg' },
                { Name: 'InstanceId', Value: id },
              ],
            },
            Period: 60,
            Stat: 'Maximum',
          },
          ReturnData: false,
        })),
      ],
    };
    expect(toAlarm(metricMath)).toStrictEqual({
      name: 'api-any-status-check-failed',
      state: 'OK',
      instanceIds: ['i-0a', 'i-0b'],
    });
  });
});

describe('toRecordSet', () => {
  it('decodes octal escapes and lower-cases names, alias targets included', () => {
    const raw: Route53RecordShape = {
      Name: '\\052.Example.com.',
      Type: 'A',
      AliasTarget: { HostedZoneId: 'Z1', DNSName: 'LB.example.com', EvaluateTargetHealth: false },
    };
    expect(toRecordSet(raw)).toStrictEqual({
      Name: '*.example.com.',
      Type: 'A',
      AliasTarget: { HostedZoneId: 'Z1', DNSName: 'lb.example.com.', EvaluateTargetHealth: false },
    });
  });

  it('drops undefined fields and keeps fields it does not know', () => {
    const raw = {
      Name: 'a.example.com.',
      Type: 'A',
      SetIdentifier: undefined,
      TTL: 60,
      ResourceRecords: [{ Value: '192.0.2.1' }],
      SomeFutureField: { Enabled: true },
    };
    expect(toRecordSet(raw)).toStrictEqual({
      Name: 'a.example.com.',
      Type: 'A',
      TTL: 60,
      ResourceRecords: [{ Value: '192.0.2.1' }],
      SomeFutureField: { Enabled: true },
    });
  });

  it('refuses a record without a name', () => {
    expect(() => toRecordSet({ Type: 'A' })).toThrow(
      new InputError('Route 53 record set', ['Name: required']),
    );
  });
});

describe('observationFrom', () => {
  it('flattens reservations and maps every part that was read', () => {
    const observation = observationFrom('us-east-2', {
      reservations: cli.instances.Reservations,
      instanceTypes: cli.instanceTypes.InstanceTypes,
      statuses: cli.instanceStatuses.InstanceStatuses,
      alarms: cli.alarms.MetricAlarms,
    });
    expect(observation.instances.map((i) => i.id)).toEqual([
      'i-0a1b2c3d4e5f60001',
      'i-0a1b2c3d4e5f60003',
      'i-0a1b2c3d4e5f60002',
    ]);
    expect([...(observation.instanceTypes?.keys() ?? [])]).toEqual(['c5.large', 'c5.xlarge']);
    expect(observation.statuses?.size).toBe(3);
    expect(observation.alarms).toHaveLength(1);
  });

  it('leaves the parts that were not read undefined, never empty', () => {
    expect(observationFrom('eu-west-1', { reservations: [{ Instances: [{}] }] })).toStrictEqual({
      region: 'eu-west-1',
      instances: [],
      instanceTypes: undefined,
      statuses: undefined,
      alarms: undefined,
    });
  });

  it('gives empty maps for parts that were read and empty', () => {
    const observation = observationFrom('eu-west-1', {
      reservations: [],
      instanceTypes: [],
      statuses: [],
      alarms: [],
    });
    expect(observation.instanceTypes).toEqual(new Map());
    expect(observation.statuses).toEqual(new Map());
    expect(observation.alarms).toEqual([]);
  });
});

describe('shapes', () => {
  it('accept the SDK v3 output types as they are', () => {
    expectTypeOf<SdkInstance>().toExtend<Ec2InstanceShape>();
    expectTypeOf<SdkReservation>().toExtend<Ec2ReservationShape>();
    expectTypeOf<SdkInstanceTypeInfo>().toExtend<InstanceTypeInfoShape>();
    expectTypeOf<SdkInstanceStatus>().toExtend<InstanceStatusShape>();
    expectTypeOf<MetricAlarm>().toExtend<MetricAlarmShape>();
    expectTypeOf<SdkRecordSet>().toExtend<Route53RecordShape>();
  });
});
