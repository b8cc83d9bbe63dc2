import type { Duty } from './lifecycle/duties.js';

/**
 * Which (service, region) units a plan covers. Events name a region (an
 * instance changed state there) or a service and region (an alarm with the
 * service's prefix); a selector leaves out what it does not name.
 */
export interface ScopeSelector {
  readonly service?: string | undefined;
  readonly region?: string | undefined;
}

/** Empty means everything. */
export type PlanScope = readonly ScopeSelector[];

/**
 * A unit of work for the one writer: which (service, region) units to
 * reconcile and why. Many events coalesce into one item, and the writer merges
 * the items of a batch into one reconcile. An empty scope means everything.
 */
export interface WorkItem {
  readonly scope: readonly ScopeSelector[];
  readonly reason: string;
  readonly events: number;
  /** Hooks to complete and notices to honour once the scope is reconciled. */
  readonly duties?: readonly Duty[];
  /** Reconciles that already failed to read this scope; absent (0) for new work. */
  readonly attempt?: number;
  /**
   * The hosted zone to reconcile (its id), which is also the item's FIFO
   * message group; absent in items of a one-zone configuration (its zone).
   */
  readonly zone?: string;
  /** A slice of the scheduled reconcile: what is left of it once this one is done. */
  readonly sweep?: Sweep;
}

/**
 * The scheduled reconcile of the whole configuration, one region at a time:
 * each slice, once reconciled, queues the next at the back of the zone's FIFO
 * group, so work queued meanwhile (an event) waits for one slice at most.
 */
export interface Sweep {
  /** Names the sweep (the schedule's event id): the deduplication ids of its slices. */
  readonly chain: string;
  /** The regions still to do, in order. */
  readonly remaining: readonly string[];
  /** Whether a slice so far saw records of ours no configured unit claims: then a full reconcile ends the sweep. */
  readonly orphans: boolean;
}

/** True when the scope covers the unit. */
export function inScope(scope: PlanScope | undefined, service: string, region: string): boolean {
  if (scope === undefined || scope.length === 0) return true;
  return scope.some(
    (s) =>
      (s.service === undefined || s.service === service) &&
      (s.region === undefined || s.region === region),
  );
}

/** True when the scope covers every unit of every service. */
export function isFullScope(scope: PlanScope | undefined): boolean {
  return (
    scope === undefined ||
    scope.length === 0 ||
    scope.some((s) => s.service === undefined && s.region === undefined)
  );
}
