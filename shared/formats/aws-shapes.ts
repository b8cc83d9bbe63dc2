import type { LifecycleInfo } from '../domain/fleet/readiness.js';
import {
  INSTANCE_STATES,
  type Alarm,
  type CheckStatus,
  type Instance,
  type InstanceStatus,
  type InstanceTypeInfo,
  type RegionObservation,
} from '../domain/fleet/fleet.js';
import { normalizeName } from '../domain/dns/names.js';
import { recordSet, type ResourceRecordSet } from '../domain/dns/records.js';
import { InputError } from '../domain/errors.js';

/*
 * The parts of AWS's output we read, as structural types with every field
 * optional (as the SDK declares them), so that both an SDK v3 output object and
 * the AWS CLI's JSON can be passed in. No @aws-sdk import: the offline state file
 * goes through the same mappers as the live adapters.
 */

export interface TagShape {
  readonly Key?: string;
  readonly Value?: string;
}

export interface Ec2InstanceShape {
  readonly InstanceId?: string;
  readonly InstanceType?: string;
  readonly Placement?: { readonly AvailabilityZone?: string };
  readonly State?: { readonly Name?: string };
  readonly LaunchTime?: string | Date;
  readonly Tags?: readonly TagShape[];
  readonly PublicIpAddress?: string;
  readonly PrivateIpAddress?: string;
  readonly Ipv6Address?: string;
  readonly NetworkInterfaces?: readonly {
    readonly Ipv6Addresses?: readonly { readonly Ipv6Address?: string }[];
  }[];
}

export interface Ec2ReservationShape {
  readonly Instances?: readonly Ec2InstanceShape[];
}

export interface InstanceTypeInfoShape {
  readonly InstanceType?: string;
  readonly VCpuInfo?: { readonly DefaultVCpus?: number };
  readonly MemoryInfo?: { readonly SizeInMiB?: number };
}

export interface InstanceStatusShape {
  readonly InstanceId?: string;
  readonly InstanceStatus?: { readonly Status?: string };
  readonly SystemStatus?: { readonly Status?: string };
}

export interface DimensionShape {
  readonly Name?: string;
  readonly Value?: string;
}

export interface MetricAlarmShape {
  readonly AlarmName?: string;
  readonly StateValue?: string;
  readonly Dimensions?: readonly DimensionShape[];
  /** Metric-math members; an entry with only an Expression watches no instance itself. */
  readonly Metrics?: readonly {
    readonly Id?: string;
    readonly Expression?: string;
    readonly MetricStat?: { readonly Metric?: { readonly Dimensions?: readonly DimensionShape[] } };
  }[];
}

export interface Route53RecordShape {
  readonly Name?: string;
  readonly Type?: string;
  readonly SetIdentifier?: string;
  readonly Weight?: number;
  readonly Region?: string;
  readonly Failover?: string;
  readonly MultiValueAnswer?: boolean;
  readonly GeoLocation?: object;
  readonly GeoProximityLocation?: object;
  readonly CidrRoutingConfig?: object;
  readonly TTL?: number;
  readonly ResourceRecords?: readonly { readonly Value?: string }[];
  readonly AliasTarget?: {
    readonly HostedZoneId?: string;
    readonly DNSName?: string;
    readonly EvaluateTargetHealth?: boolean;
  };
  readonly HealthCheckId?: string;
  readonly TrafficPolicyInstanceId?: string;
}

const CHECK_STATUSES: readonly CheckStatus[] = [
  'ok',
  'impaired',
  'initializing',
  'insufficient-data',
  'not-applicable',
];
const ALARM_STATES: readonly Alarm['state'][] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

function member<T extends string>(options: readonly T[], value: string | undefined): T | undefined {
  return options.find((option) => option === value);
}

function isoTime(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = typeof value === 'string' ? new Date(value) : value;
  // The CLI prints "+00:00" and the SDK gives a Date: one spelling, so reads compare equal.
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : undefined;
  return date.toISOString();
}

/** Maps one DescribeInstances instance to the domain; undefined only when it has no InstanceId. */
export function toInstance(raw: Ec2InstanceShape, region: string): Instance | undefined {
  if (raw.InstanceId === undefined) return undefined;
  const ipv6 =
    raw.Ipv6Address ??
    raw.NetworkInterfaces?.flatMap((nic) => nic.Ipv6Addresses ?? []).find(
      (address) => address.Ipv6Address !== undefined,
    )?.Ipv6Address;
  return {
    id: raw.InstanceId,
    region,
    zone: raw.Placement?.AvailabilityZone ?? '',
    instanceType: raw.InstanceType ?? '',
    // An instance EC2 does not describe as running is never routed to; "pending" says "not yet".
    state: member(INSTANCE_STATES, raw.State?.Name) ?? 'pending',
    launchTime: isoTime(raw.LaunchTime),
    tags: Object.fromEntries(
      (raw.Tags ?? []).flatMap((tag) =>
        tag.Key === undefined ? [] : [[tag.Key, tag.Value ?? '']],
      ),
    ),
    publicIp: raw.PublicIpAddress,
    privateIp: raw.PrivateIpAddress,
    ipv6,
  };
}

/** Maps one DescribeInstanceTypes entry; undefined when its type or capacity is missing. */
export function toInstanceTypeInfo(
  raw: InstanceTypeInfoShape,
): readonly [string, InstanceTypeInfo] | undefined {
  const vcpus = raw.VCpuInfo?.DefaultVCpus;
  const memoryMiB = raw.MemoryInfo?.SizeInMiB;
  if (raw.InstanceType === undefined || vcpus === undefined || memoryMiB === undefined) {
    return undefined;
  }
  return [raw.InstanceType, { vcpus, memoryMiB }];
}

/** Maps one DescribeInstanceStatus entry; unknown statuses become undefined. */
export function toInstanceStatus(
  raw: InstanceStatusShape,
): readonly [string, InstanceStatus] | undefined {
  if (raw.InstanceId === undefined) return undefined;
  return [
    raw.InstanceId,
    {
      instance: member(CHECK_STATUSES, raw.InstanceStatus?.Status),
      system: member(CHECK_STATUSES, raw.SystemStatus?.Status),
    },
  ];
}

function instanceIdsOf(dimensions: readonly DimensionShape[] | undefined): string[] {
  return (dimensions ?? []).flatMap((d) =>
    d.Name === 'InstanceId' && d.Value !== undefined ? [d.Value] : [],
  );
}

/** Maps a metric alarm; instanceIds holds every InstanceId it watches, metric-math members included. */
export function toAlarm(raw: MetricAlarmShape): Alarm {
  const ids = [
    ...instanceIdsOf(raw.Dimensions),
    ...(raw.Metrics ?? []).flatMap((query) => instanceIdsOf(query.MetricStat?.Metric?.Dimensions)),
  ];
  return {
    name: raw.AlarmName ?? '',
    state: member(ALARM_STATES, raw.StateValue) ?? 'INSUFFICIENT_DATA',
    instanceIds: [...new Set(ids)],
  };
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withoutUndefined(v)]),
    );
  }
  return value;
}

const ALIAS_FIELDS = ['HostedZoneId', 'DNSName', 'EvaluateTargetHealth'] as const;

/** Copies a record set with its names normalised, undefined fields dropped and fields in API order; unknown fields kept. */
export function toRecordSet(raw: Route53RecordShape): ResourceRecordSet {
  const { Name, Type, AliasTarget: alias } = raw;
  // Route 53 always fills these; a record without one cannot be compared or deleted.
  const missing = [
    Name === undefined ? ['Name'] : [],
    Type === undefined ? ['Type'] : [],
    ALIAS_FIELDS.filter((field) => alias !== undefined && alias[field] === undefined).map(
      (field) => `AliasTarget.${field}`,
    ),
    (raw.ResourceRecords ?? []).flatMap((r, i) =>
      r.Value === undefined ? [`ResourceRecords[${i}].Value`] : [],
    ),
  ].flat();
  if (Name === undefined || missing.length > 0) {
    const where = Name === undefined ? '' : ` ${Name}`;
    throw new InputError(
      `Route 53 record set${where}`,
      missing.map((field) => `${field}: required`),
    );
  }
  const copy = withoutUndefined({
    ...raw,
    Name: normalizeName(Name),
    AliasTarget: raw.AliasTarget && {
      ...raw.AliasTarget,
      DNSName:
        raw.AliasTarget.DNSName === undefined ? undefined : normalizeName(raw.AliasTarget.DNSName),
    },
  });
  // Every field the domain type requires was checked above. A DELETE repeats this
  // record: it must list its fields in the order Route 53 validates.
  return recordSet(copy as ResourceRecordSet);
}

/** The raw outputs of one region's reads; parts left out were not read. */
/** One instance as `aws autoscaling describe-auto-scaling-instances` prints it. */
export interface AutoScalingInstanceShape {
  readonly InstanceId?: string | undefined;
  readonly AutoScalingGroupName?: string | undefined;
  readonly LifecycleState?: string | undefined;
}

export interface RegionReads {
  readonly reservations: readonly Ec2ReservationShape[];
  readonly instanceTypes?: readonly InstanceTypeInfoShape[] | undefined;
  readonly statuses?: readonly InstanceStatusShape[] | undefined;
  readonly alarms?: readonly MetricAlarmShape[] | undefined;
  /** Lifecycle states of the members that are in an Auto Scaling group. */
  readonly autoScalingInstances?: readonly AutoScalingInstanceShape[] | undefined;
}

function toLifecycle(raw: AutoScalingInstanceShape): [string, LifecycleInfo] | undefined {
  if (raw.InstanceId === undefined || raw.LifecycleState === undefined) return undefined;
  return [raw.InstanceId, { group: raw.AutoScalingGroupName ?? '', state: raw.LifecycleState }];
}

function mapOf<T>(entries: readonly (readonly [string, T] | undefined)[]): Map<string, T> {
  return new Map(entries.filter((entry) => entry !== undefined));
}

/** Builds a region's observation; parts that were not read stay undefined, never empty. */
export function observationFrom(region: string, parts: RegionReads): RegionObservation {
  const instances = parts.reservations
    .flatMap((reservation) => reservation.Instances ?? [])
    .map((raw) => toInstance(raw, region))
    .filter((instance) => instance !== undefined);
  return {
    region,
    instances,
    instanceTypes: parts.instanceTypes && mapOf(parts.instanceTypes.map(toInstanceTypeInfo)),
    statuses: parts.statuses && mapOf(parts.statuses.map(toInstanceStatus)),
    alarms: parts.alarms?.map(toAlarm),
    ...(parts.autoScalingInstances !== undefined && {
      lifecycle: mapOf(parts.autoScalingInstances.map(toLifecycle)),
    }),
  };
}
