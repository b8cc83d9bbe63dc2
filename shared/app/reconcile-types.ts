import type { Plan } from '../domain/plan/plan.js';
import type { ChangeBatch } from '../domain/dns/records.js';
import type { PlanScope } from '../domain/scope.js';
import type { RebalancerSpec } from '../domain/spec.js';
import type { HealthCheckPort, Logger, MetricsSink, RegionReader, ZonePort } from './ports.js';
import type { HealthCheckOutcome } from './health-checks.js';

/* What the reconcile loop takes and gives: apart from the loop, so its log line can name them. */

export interface ReconcileDeps {
  readonly zone: ZonePort;
  readonly readRegion: RegionReader;
  readonly log: Logger;
  readonly now: () => Date;
  /** Where the metrics of a non-dry run go; none when absent. */
  readonly metrics?: MetricsSink;
  /** Our Route 53 health checks; without it, records keep the checks they name and none is created or deleted. */
  readonly healthChecks?: HealthCheckPort;
  /** The function's memory (MiB): a fleet read that would not fit is refused before planning. None: no check. */
  readonly memoryMiB?: number;
}

export interface ReconcileRequest {
  readonly spec: RebalancerSpec;
  readonly scope?: PlanScope;
  /** Plan only: read, plan, return; write nothing. */
  readonly dryRun?: boolean;
  readonly force?: boolean;
  /** What triggered it: lands in logs and in every ChangeBatch Comment. */
  readonly reason: string;
  /** Read-plan-write rounds when the zone changes under us; default 3. */
  readonly attempts?: number;
  readonly waitInSync?: boolean;
  /** Instance id -> why an EC2 notice drains it now (before any read can show it). */
  readonly notices?: ReadonlyMap<string, string>;
  /** Instances whose launch hook this work item holds: admitted from Pending:Wait once ready. */
  readonly launching?: ReadonlySet<string>;
}

/** One service in one region: the unit a plan covers and a retry names. */
export interface ServiceRegion {
  readonly service: string;
  readonly region: string;
}

export interface ReconcileResult {
  readonly plan: Plan;
  /** Batches Route 53 accepted, in order. */
  readonly written: readonly ChangeBatch[];
  /** Rounds that lost a compare-and-swap to a concurrent change and re-planned. */
  readonly conflicts: number;
  /** Regions that could not be read (left as they were), with the error. */
  readonly readFailures: readonly string[];
  /** The units of those regions that were in scope: what a retry must cover. */
  readonly unread: readonly ServiceRegion[];
  readonly inSync: boolean | undefined;
  /** The id of the last batch written, when this reconcile wrote one. */
  readonly lastChangeId?: string | undefined;
  /** What was done with the health checks, when a service has them and they were read. */
  readonly healthChecks?: HealthCheckOutcome | undefined;
  /** Records of ours that no configured unit claims, among those read (a scoped plan leaves them). */
  readonly orphansSeen?: number;
}
