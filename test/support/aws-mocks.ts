/** EC2 and CloudWatch mocked at the client level with a small fleet, for tests of live code paths. */
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeInstancesCommand,
  DescribeInstanceStatusCommand,
  DescribeInstanceTypesCommand,
  EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

export interface FleetMock {
  readonly ec2: AwsClientStub<EC2Client>;
  readonly cloudwatch: AwsClientStub<CloudWatchClient>;
  restore(): void;
}

/** An SDK instance of the api service. */
export function sdkInstance(
  id: string,
  zone: string,
  ip: string,
  state = 'running',
  type = 'm5.large',
): Instance {
  return {
    InstanceId: id,
    InstanceType: type as Instance['InstanceType'],
    State: {
      Name: state as NonNullable<Instance['State']>['Name'],
      Code: state === 'running' ? 16 : 80,
    },
    Placement: { AvailabilityZone: zone },
    PublicIpAddress: ip,
    LaunchTime: new Date('2026-11-20T08:15:42Z'),
    Tags: [{ Key: 'rebalancer:service', Value: 'api' }],
  };
}

/** Every region answers with `instances(region)`; m5.large and m5.xlarge are known; no alarm fires. */
export function mockFleet(instances: (region: string) => Instance[]): FleetMock {
  const ec2 = mockClient(EC2Client);
  const cloudwatch = mockClient(CloudWatchClient);
  ec2.on(DescribeInstancesCommand).callsFake(async function (
    this: unknown,
    _input: unknown,
    getClient: () => EC2Client,
  ) {
    const region = await getClient().config.region();
    return { Reservations: [{ Instances: instances(region) }] };
  });
  ec2.on(DescribeInstanceTypesCommand).resolves({
    InstanceTypes: [
      { InstanceType: 'm5.large', VCpuInfo: { DefaultVCpus: 2 }, MemoryInfo: { SizeInMiB: 8192 } },
      {
        InstanceType: 'm5.xlarge',
        VCpuInfo: { DefaultVCpus: 4 },
        MemoryInfo: { SizeInMiB: 16384 },
      },
    ],
  });
  // Every instance asked about has booted: its status checks pass.
  ec2.on(DescribeInstanceStatusCommand).callsFake((input: { InstanceIds?: string[] }) => ({
    InstanceStatuses: (input.InstanceIds ?? []).map((InstanceId) => ({
      InstanceId,
      InstanceStatus: { Status: 'ok' },
      SystemStatus: { Status: 'ok' },
    })),
  }));
  cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
  return {
    ec2,
    cloudwatch,
    restore: () => {
      ec2.restore();
      cloudwatch.restore();
    },
  };
}
