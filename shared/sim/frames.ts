import type { Exclusion } from './exclusion.js';
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

/** Answers pointing to an instance that cannot serve, over one interval (shared/sim/bad-answers.ts). */
export interface BadAnswersFrame {
  /** The end of the interval (seconds since the start): the next frame, or once every cache has emptied. */
  readonly until: number;
  /** Bad answers integrated over the interval: share of the answers x seconds. */
  readonly answerSeconds: number;
  /** The same per instance, largest first; only instances with some. */
  readonly instances: readonly { readonly id: string; readonly answerSeconds: number }[];
}

/** What made a frame: the first reconcile, a scenario step, or the clock (a follow-up, a boot, a hook). */
export type FrameTrigger = 'start' | 'step' | 'clock';

export interface SimulationFrame {
  /** 0 for the starting state, then 1.. per frame in time order. */
  readonly step: number;
  readonly trigger: FrameTrigger;
  /** Seconds since the start of the scenario. */
  readonly at: number;
  readonly title: string;
  /** The events the step produced, summarised ("3 instance state change"). */
  readonly events: string;
  /** Batches the reconcile loop wrote for this step, in order. */
  readonly written: readonly ChangeBatch[];
  readonly regions: readonly RegionFrame[];
  /** From this frame until the next one. */
  readonly badAnswers: BadAnswersFrame;
}

/** How the rebalancer was run: as designed, or as it was before lifecycle hooks and readiness. */
export type Handling = 'design' | 'state-change-only';

/** One scenario step's bad answers: from it until the next step (its follow-ups included). */
export interface StepBadAnswers {
  readonly step: number;
  readonly at: number;
  readonly until: number;
  readonly title: string;
  readonly answerSeconds: number;
}

/** Each application failure, with the service's Route 53 health checks and with them switched off. */
export interface HealthCheckComparison {
  readonly withChecks: readonly Exclusion[];
  readonly withoutChecks: readonly Exclusion[];
  /** The whole scenario's bad answer-seconds without the checks (with them: badAnswers.answerSeconds). */
  readonly withoutAnswerSeconds: number;
  /** Checks made over the run, those left at its end, and deletes asked for while a record still named the check (should be none). */
  readonly checks: {
    readonly created: number;
    readonly remaining: number;
    readonly deletesWhileInUse: readonly string[];
  };
  /** interval x threshold + TTL, the most a failure should take to leave every answer (the largest over services). */
  readonly boundSeconds: number;
}

export interface SimulationResult {
  readonly scenario: { readonly name: string; readonly description: string };
  readonly frames: readonly SimulationFrame[];
  readonly badAnswers: {
    readonly handling: Handling;
    /** Seconds from a write to INSYNC, before which no resolver sees it. */
    readonly propagationSeconds: number;
    readonly answerSeconds: number;
    /** The start (the first reconcile) and each scenario step. */
    readonly steps: readonly StepBadAnswers[];
  };
  /** Only when a service has health.route53 (and the run is as designed). */
  readonly healthChecks?: HealthCheckComparison;
}
