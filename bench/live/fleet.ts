/**
 * The live bench's configuration and fleet: four services over eight regions,
 * half weighted and half grouped, capacity by vCPU, status checks on. Shared
 * by the servers (which answer for this fleet) and the reconcile under test.
 */
import type { RebalancerSpec, ServiceSpec } from '../../shared/domain/spec.js';

export const LIVE_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-northeast-1',
  'ap-southeast-2',
  'sa-east-1',
];
export const LIVE_SERVICES = 4;
export const LIVE_ZONE_ID = 'Z0LIVEBENCH000';
export const INSTANCE_TYPES = ['m5.large', 'm5.xlarge', 'm5.2xlarge'] as const;

export function liveSpec(): RebalancerSpec {
  return {
    hostedZoneId: LIVE_ZONE_ID,
    ownerId: 'bench',
    services: Array.from({ length: LIVE_SERVICES }, (_, s): ServiceSpec => ({
      name: `svc${s}`,
      recordName: `svc${s}.example.com.`,
      type: 'A',
      ttl: 60,
      memberTags: { 'rebalancer:service': `svc${s}` },
      memberAutoScalingGroups: undefined,
      address: 'public',
      capacity: { source: 'vcpu', overrideTag: undefined, maxOverrideRatio: 4 },
      health: {
        statusChecks: true,
        alarmNamePrefix: undefined,
        drainTag: 'rebalancer:drain',
        readiness: { graceSeconds: 0, statusOk: false, tag: undefined },
      },
      safety: { maxCapacityRemovedShare: undefined },
      regions: LIVE_REGIONS.map((region) => ({
        region,
        mode: s % 2 === 0 ? 'weighted' : 'grouped',
        name: `${region}.svc${s}.example.com.`,
        groupSize: 4,
        collapseSingleInstance: false,
      })),
    })),
  };
}

/** One instance of the fleet, as the servers describe it. */
export interface LiveInstance {
  readonly id: string;
  readonly region: string;
  readonly service: string;
  readonly zone: string;
  readonly type: string;
  readonly state: 'running' | 'stopped';
  readonly drained: boolean;
  readonly publicIp: string;
  readonly privateIp: string;
}

/**
 * `total` instances spread evenly over services x regions; `epoch` changes a
 * tenth of them (stopped, drained) the way a busy fleet changes between two
 * reconciles.
 */
export function liveFleet(total: number, epoch: number): Map<string, LiveInstance[]> {
  const byRegion = new Map<string, LiveInstance[]>(LIVE_REGIONS.map((r) => [r, []]));
  const units = LIVE_SERVICES * LIVE_REGIONS.length;
  for (let i = 0; i < total; i++) {
    const unit = i % units;
    const region = LIVE_REGIONS[unit % LIVE_REGIONS.length] as string;
    const churn = (i * 7 + epoch * 13) % 10 === 0;
    byRegion.get(region)?.push({
      id: `i-${i.toString(16).padStart(17, '0')}`,
      region,
      service: `svc${Math.floor(unit / LIVE_REGIONS.length)}`,
      zone: `${region}${'abc'[i % 3] ?? 'a'}`,
      type: INSTANCE_TYPES[i % 3] ?? 'm5.large',
      state: churn && epoch % 2 === 1 ? 'stopped' : 'running',
      drained: churn && epoch % 3 === 2,
      publicIp: `3.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      privateIp: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    });
  }
  return byRegion;
}
