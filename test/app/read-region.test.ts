import { describe, expect, it } from 'vitest';
import type { Ec2Port } from '../../shared/app/ports.js';
import { readRegionObservation, readRegionRaw } from '../../shared/app/read-region.js';
import { observationFrom, type Ec2ReservationShape } from '../../shared/formats/aws-shapes.js';
import { serviceSpec } from '../support/builders.js';

const REGION = 'us-east-2';
const api = serviceSpec();

function raw(id: string, service: string, state = 'running') {
  return {
    InstanceId: id,
    InstanceType: 'm5.large',
    State: { Name: state },
    Placement: { AvailabilityZone: 'us-east-2a' },
    PublicIpAddress: '198.51.100.7',
    Tags: [
      { Key: 'rebalancer:service', Value: service },
      { Key: 'Name', Value: id },
      { Key: 'aws:cloudformation:stack-name', Value: 'fleet' },
    ],
  };
}

const reservations: Ec2ReservationShape[] = [
  { Instances: [raw('i-1', 'api'), raw('i-2', 'web')] },
  { Instances: [raw('i-3', 'api', 'stopped')] },
];

const ec2: Ec2Port = {
  describeMembers: () => Promise.resolve(reservations),
  eachMember: (_selectors, visit) => {
    for (const r of reservations) for (const i of r.Instances ?? []) visit(i);
    return Promise.resolve();
  },
  describeInstanceTypes: () =>
    Promise.resolve([
      { InstanceType: 'm5.large', VCpuInfo: { DefaultVCpus: 2 }, MemoryInfo: { SizeInMiB: 8192 } },
    ]),
  describeStatuses: (ids) =>
    Promise.resolve(
      ids.map((InstanceId) => ({
        InstanceId,
        InstanceStatus: { Status: 'ok' },
        SystemStatus: { Status: 'ok' },
      })),
    ),
};
const alarms = { alarmsInAlarm: () => Promise.resolve([]) };

describe('readRegionObservation', () => {
  it('is the raw read mapped, keeping only the services members and the tags the configuration reads', async () => {
    const mapped = await readRegionObservation([api], ec2, alarms, REGION);
    const fromRaw = observationFrom(REGION, await readRegionRaw([api], ec2, alarms, REGION));
    expect(mapped).toEqual({
      ...fromRaw,
      instances: fromRaw.instances
        .filter((i) => i.tags['rebalancer:service'] === 'api')
        .map((i) => ({ ...i, tags: { 'rebalancer:service': 'api', Name: i.id } })),
    });
    expect(mapped.instances.map((i) => i.id)).toEqual(['i-1', 'i-3']);
    expect([...(mapped.statuses?.keys() ?? [])]).toEqual(['i-1']);
  });
});
