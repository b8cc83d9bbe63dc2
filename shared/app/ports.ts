/**
 * Every port of the application: what the reconcile loop, the intake and the
 * CLI need from the outside world. Adapters (shared/aws, shared/sim, the
 * tests' fakes) implement these; nothing in shared/app names an SDK.
 */
import type { RegionRead } from '../domain/fleet/fleet.js';
import type { LifecycleActionRef } from '../domain/fleet/lifecycle-action.js';
import type { ChangeBatch, ResourceRecordSet } from '../domain/dns/records.js';
import type { WorkItem } from '../domain/scope.js';
import type { ServiceSpec } from '../domain/spec.js';
import type { DesiredHealthCheck, OwnedHealthCheck } from '../domain/health-checks/types.js';
import type {
  Ec2InstanceShape,
  Ec2ReservationShape,
  InstanceStatusShape,
  InstanceTypeInfoShape,
  MetricAlarmShape,
} from '../formats/aws-shapes.js';

/** Reads the records at or below each root, and those at each of `names` (none below), normalised, in list order. */
export interface ZoneReader {
  readonly readRecords: (
    roots: readonly string[],
    names?: readonly string[],
  ) => Promise<ResourceRecordSet[]>;
}

/** The Route 53 calls the loop needs. */
export interface ZonePort extends ZoneReader {
  /** Sends one batch as given and returns its change id; a stale DELETE throws a ConflictError. */
  readonly changeRecords: (batch: ChangeBatch) => Promise<string>;
  /** True once the change is INSYNC, false when waiting timed out. */
  readonly waitInSync: (changeId: string) => Promise<boolean>;
}

/**
 * The Route 53 health checks of one owner. Only checks carrying the owner's tag
 * are ever listed, changed or deleted; every other check is invisible here.
 */
export interface HealthCheckPort {
  /** Every check tagged with this owner (ListHealthChecks pages, ListTagsForResources in tens); bounded, throws when a read fails. */
  readonly listOwned: (ownerId: string) => Promise<readonly OwnedHealthCheck[]>;
  /** Creates and tags the check; a retried create with the same CallerReference returns the first check's id. */
  readonly create: (check: DesiredHealthCheck, ownerId: string) => Promise<string>;
  /** 'in-use' when a record still names it (HealthCheckInUse), 'gone' when it no longer exists. */
  readonly delete: (id: string) => Promise<'deleted' | 'in-use' | 'gone'>;
  /** Healthy or not per id, from the HealthCheckStatus metric (no per-check call); ids without data yet are absent. */
  readonly statuses: (ids: readonly string[]) => Promise<ReadonlyMap<string, boolean>>;
}

/** Reads one region for the services running there; throws when AWS fails. */
export type RegionReader = (
  region: string,
  services: readonly ServiceSpec[],
) => Promise<RegionRead>;

/** The EC2 reads a region needs, as AWS returns them (the EC2 adapter implements them). */
export interface Ec2Port {
  readonly describeMembers: (
    selectors: readonly Readonly<Record<string, string>>[],
  ) => Promise<readonly Ec2ReservationShape[]>;
  /** The same instances one by one, page by page, none kept: what a reconcile reads. */
  readonly eachMember: (
    selectors: readonly Readonly<Record<string, string>>[],
    visit: (instance: Ec2InstanceShape) => void,
  ) => Promise<void>;
  readonly describeInstanceTypes: (
    types: readonly string[],
  ) => Promise<readonly InstanceTypeInfoShape[]>;
  readonly describeStatuses: (
    instanceIds: readonly string[],
  ) => Promise<readonly InstanceStatusShape[]>;
}

/** The CloudWatch reads a region needs (the CloudWatch adapter implements them). */
export interface AlarmPort {
  readonly alarmsInAlarm: (prefix: string) => Promise<readonly MetricAlarmShape[]>;
}

/** The Auto Scaling calls for one region: lifecycle states and hooks (the Auto Scaling adapter implements them). */
export interface AutoScalingPort {
  /** Group and lifecycle state (InService, Pending:Wait, Terminating:Wait, Standby, Warmed:Running, ...) of each id that is in a group; ids in none are absent. */
  readonly lifecycleStates: (
    instanceIds: readonly string[],
  ) => Promise<ReadonlyMap<string, { readonly group: string; readonly state: string }>>;
  /** Completes the action: 'gone' when Auto Scaling has no active action for it any more (expired, already completed), never retried; other failures throw AwsCallError. */
  readonly completeLifecycleAction: (
    action: LifecycleActionRef,
    result: 'CONTINUE' | 'ABANDON',
  ) => Promise<'completed' | 'gone'>;
  /** Extends the action's heartbeat timeout, with the same 'gone' as completing. */
  readonly recordHeartbeat: (action: LifecycleActionRef) => Promise<'recorded' | 'gone'>;
}

/** Writes an EC2 tag on an instance: how an interruption notice outlives the reconcile that saw it. */
export interface InstanceTagger {
  readonly tag: (instanceId: string, key: string, value: string) => Promise<void>;
}

/** The FIFO queue in front of the one writer. */
export interface WorkQueue {
  /** Queues one work item for the single writer. */
  readonly send: (item: WorkItem, deduplicationId: string) => Promise<void>;
}

/**
 * Where the writer puts work back when a region could not be read: a standard
 * queue, so each item can wait its own delay, that the intake forwards to the
 * work queue (the writer stays the only writer).
 */
export interface RetryQueue {
  /** Queues the item to reach the work queue after `delaySeconds` (0 to 900). */
  readonly send: (item: WorkItem, delaySeconds: number) => Promise<void>;
}

/** One value of the rebalancer's own metrics. */
export interface MetricPoint {
  readonly name:
    | 'HealthyInstances'
    | 'HealthyCapacity'
    | 'ChangesWritten'
    | 'Conflicts'
    | 'Refusals'
    | 'FailOpen'
    | 'SkippedRegions'
    | 'UnreadRegions'
    | 'FleetTooLarge';
  readonly value: number;
  readonly unit: 'Count' | 'None';
  readonly dimensions: Readonly<Record<string, string>>;
}

/**
 * Where metrics go. Publishing runs after records were written, so a sink
 * must never throw: it drops (and reports) what it cannot send.
 */
export interface MetricsSink {
  readonly publish: (points: readonly MetricPoint[], timestamp: Date) => void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured logs: a message and fields, one JSON object per line where they are printed. */
export interface Logger {
  readonly log: (
    level: LogLevel,
    message: string,
    fields?: Readonly<Record<string, unknown>>,
  ) => void;
}
