/**
 * What a simulation shows after each step: plain JSON-ready data, rendered
 * as text by the CLI and as a page by the HTML report.
 */
import type { ChangeBatch } from '../domain/dns/records.js';
import type { HealthStatus } from '../domain/fleet/health.js';
import type { RegionStatus } from '../domain/plan/plan.js';
import type { RegionMode } from '../domain/spec.js';

export interface InstanceFrame {
  readonly id: string;
  readonly zone: string;
  readonly type: string;
  readonly capacity: number;
  readonly health: HealthStatus;
  readonly reasons: readonly string[];
  readonly address: string | null;
  /** Weight of its own record (weighted regions), else null. */
  readonly weight: number | null;
  /** Its group label (grouped regions), else null. */
  readonly group: string | null;
  /** Share of all answers for the service, resolved from the records as Route 53 answers (0..1). */
  readonly share: number;
  /** The share the planner intended within its region (0..1). */
  readonly intended: number;
}

export interface GroupFrame {
  readonly label: string;
  readonly weight: number;
  readonly zones: readonly string[];
  readonly members: readonly string[];
  /** Share of all answers for the service that name this group (0..1). */
  readonly share: number;
}

export interface RegionFrame {
  readonly service: string;
  readonly region: string;
  readonly mode: RegionMode;
  readonly status: RegionStatus;
  readonly reasons: readonly string[];
  /** True when the region answers with its own latency record. */
  readonly routed: boolean;
  readonly instances: readonly InstanceFrame[];
  readonly groups: readonly GroupFrame[];
}

export interface SimulationFrame {
  /** 0 for the starting state, then 1.. per scenario step. */
  readonly step: number;
  /** Seconds since the start of the scenario. */
  readonly at: number;
  readonly title: string;
  /** The events the step produced, summarised ("3 instance state change"). */
  readonly events: string;
  /** Batches the reconcile loop wrote for this step, in order. */
  readonly written: readonly ChangeBatch[];
  readonly regions: readonly RegionFrame[];
}

export interface SimulationResult {
  readonly scenario: { readonly name: string; readonly description: string };
  readonly frames: readonly SimulationFrame[];
}
