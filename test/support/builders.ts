/** Small builders for domain objects, so tests state only what matters to them. */
import type {
  Alarm,
  Instance,
  InstanceStatus,
  InstanceTypeInfo,
  RegionObservation,
} from '../../shared/domain/fleet/fleet.js';
import type { LifecycleInfo } from '../../shared/domain/fleet/readiness.js';
import type { RebalancerSpec, RegionSpec, ServiceSpec } from '../../shared/domain/spec.js';

export const ZONE_ID = 'Z0EXAMPLE12345';
export const OWNER = 'api-prod';
export const SERVICE_TAGS = { 'rebalancer:service': 'api' };

let counter = 0;

/** A running, tagged instance with a public and a private address. */
export function instance(overrides: Partial<Instance> & { n?: number } = {}): Instance {
  const { n = ++counter, ...rest } = overrides;
  const hex = n.toString(16).padStart(17, '0');
  return {
    id: `i-${hex}`,
    region: 'us-east-2',
    zone: 'us-east-2a',
    instanceType: 'm5.large',
    state: 'running',
    launchTime: '2026-01-01T00:00:00.000Z',
    tags: SERVICE_TAGS,
    publicIp: `198.51.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`,
    privateIp: `10.0.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`,
    ipv6: `2001:db8::${n.toString(16)}`,
    ...rest,
  };
}

export const TYPES: ReadonlyMap<string, InstanceTypeInfo> = new Map([
  ['t3.micro', { vcpus: 2, memoryMiB: 1024 }],
  ['m5.large', { vcpus: 2, memoryMiB: 8192 }],
  ['m5.xlarge', { vcpus: 4, memoryMiB: 16384 }],
  ['m5.2xlarge', { vcpus: 8, memoryMiB: 32768 }],
  ['c5.4xlarge', { vcpus: 16, memoryMiB: 32768 }],
]);

export function observation(
  region: string,
  instances: readonly Instance[],
  extra: {
    statuses?: ReadonlyMap<string, InstanceStatus>;
    alarms?: readonly Alarm[];
    types?: ReadonlyMap<string, InstanceTypeInfo> | undefined;
    lifecycle?: ReadonlyMap<string, LifecycleInfo>;
  } = {},
): RegionObservation {
  return {
    region,
    instances: instances.map((i) => ({ ...i, region })),
    instanceTypes: 'types' in extra ? extra.types : TYPES,
    statuses: extra.statuses,
    alarms: extra.alarms,
    ...(extra.lifecycle !== undefined && { lifecycle: extra.lifecycle }),
  };
}

export function regionSpec(
  region: string,
  overrides: Partial<RegionSpec> = {},
  recordName = 'api.example.com.',
): RegionSpec {
  return {
    region,
    mode: 'weighted',
    name: `${region}.${recordName}`,
    groupSize: 4,
    collapseSingleInstance: false,
    ...overrides,
  };
}

export function serviceSpec(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name: 'api',
    recordName: 'api.example.com.',
    type: 'A',
    ttl: 60,
    memberTags: SERVICE_TAGS,
    memberAutoScalingGroups: undefined,
    address: 'public',
    capacity: { source: 'vcpu', overrideTag: 'rebalancer:capacity', maxOverrideRatio: 4 },
    health: {
      statusChecks: true,
      alarmNamePrefix: 'api-',
      drainTag: 'rebalancer:drain',
      readiness: { graceSeconds: 0, statusOk: true, tag: undefined },
    },
    safety: { maxCapacityRemovedShare: undefined },
    regions: [regionSpec('us-east-2')],
    ...overrides,
  };
}

export function spec(services: readonly ServiceSpec[] = [serviceSpec()]): RebalancerSpec {
  return { hostedZoneId: ZONE_ID, ownerId: OWNER, services };
}
