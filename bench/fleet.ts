/** Synthetic fleets for benchmarks: many services over many regions, mixed modes and health. */
import type { Instance, InstanceStatus, RegionObservation } from '../shared/domain/fleet/fleet.js';
import type { RebalancerSpec, ServiceSpec } from '../shared/domain/spec.js';

export const BENCH_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
  'me-south-1',
  'af-south-1',
];

const OK: InstanceStatus = { instance: 'ok', system: 'ok' };

const TYPES = new Map([
  ['m5.large', { vcpus: 2, memoryMiB: 8192 }],
  ['m5.xlarge', { vcpus: 4, memoryMiB: 16384 }],
  ['m5.2xlarge', { vcpus: 8, memoryMiB: 32768 }],
]);

/** `services` services over `regions`, their modes taken in turn from `modes`. */
export function benchSpec(
  services: number,
  regions: readonly string[],
  modes: readonly ('weighted' | 'grouped')[] = ['weighted', 'grouped'],
): RebalancerSpec {
  return {
    hostedZoneId: 'Z0BENCH0000000',
    ownerId: 'bench',
    services: Array.from({ length: services }, (_, s): ServiceSpec => ({
      name: `svc${s}`,
      recordName: `svc${s}.example.com.`,
      type: 'A',
      ttl: 60,
      memberTags: { service: `svc${s}` },
      memberAutoScalingGroups: undefined,
      address: 'public',
      capacity: { source: 'vcpu', overrideTag: undefined, maxOverrideRatio: 4 },
      health: {
        statusChecks: true,
        alarmNamePrefix: `svc${s}-`,
        drainTag: 'drain',
        readiness: { graceSeconds: 0, statusOk: true, tag: undefined },
      },
      safety: { maxCapacityRemovedShare: undefined },
      regions: regions.map((region) => ({
        region,
        mode: modes[s % modes.length] ?? 'weighted',
        name: `${region}.svc${s}.example.com.`,
        groupSize: 4,
        collapseSingleInstance: false,
      })),
    })),
  };
}

/**
 * `total` instances spread evenly over services x regions; `epoch` varies a
 * tenth of them (stopped, drained, re-addressed) so two epochs differ the way
 * a busy fleet does between two reconciles.
 */
export function benchFleet(
  spec: RebalancerSpec,
  total: number,
  epoch: number,
): Map<string, RegionObservation> {
  const regions = spec.services[0]?.regions.map((r) => r.region) ?? [];
  const units = spec.services.length * regions.length;
  const observations = new Map<string, Instance[]>(regions.map((r) => [r, []]));
  for (let i = 0; i < total; i++) {
    const unit = i % units;
    const service = spec.services[Math.floor(unit / regions.length)] as ServiceSpec;
    const region = regions[unit % regions.length] as string;
    const churn = (i * 7 + epoch * 13) % 10 === 0;
    observations.get(region)?.push({
      id: `i-${i.toString(16).padStart(17, '0')}`,
      region,
      zone: `${region}${'abc'[i % 3] ?? 'a'}`,
      instanceType: [...TYPES.keys()][i % 3] ?? 'm5.large',
      state: churn && epoch % 2 === 1 ? 'stopped' : 'running',
      launchTime: undefined,
      // The tags a live read keeps of an Auto Scaling instance (see read-region.ts): Name, the group, the service's.
      tags: {
        Name: `${service.name}-${i}`,
        'aws:autoscaling:groupName': `${service.name}-${region}`,
        service: service.name,
        ...(churn && epoch % 3 === 2 ? { drain: 'true' } : {}),
      },
      publicIp: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      privateIp: undefined,
      ipv6: undefined,
    });
  }
  return new Map(
    [...observations].map(([region, instances]) => [
      region,
      {
        region,
        instances,
        instanceTypes: TYPES,
        // Every status reported ok, so readiness (statusOk) lets the running ones serve.
        statuses: new Map(instances.map((i) => [i.id, OK])),
        alarms: [],
      },
    ]),
  );
}
