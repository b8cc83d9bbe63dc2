import type { ChangeBatch, ResourceRecordSet } from '../dns/records.js';
import { monthlyCost } from './cost.js';
import { subjectKey, unitOf } from './config.js';
import { healthChecksNamedAfter } from './named.js';
import type { RegionCheckLookup } from './region-checks.js';
import type { DesiredHealthCheck, OwnedHealthCheck } from './types.js';

/*
 * What a plan does with our health checks. Decision table for an owned check
 * that no record names once the plan's batches are applied (a named one is
 * always kept: detach before delete):
 *   matches a desired check exactly                       -> keep
 *   its unit was planned, its subject is still desired     -> delete (replaced)
 *   its unit was planned, its subject is not               -> delete at a full reconcile (orphan)
 *   its unit is configured but was not planned (skipped,   -> keep (we could not see it)
 *     refused, fail-open, out of scope)
 *   its unit is no longer configured                       -> delete at a full reconcile (orphan)
 * A check that a kept calculated check counts as a child is kept too.
 */

export interface HealthCheckPlan {
  /** Checks to create before the records are written, at most the bound, endpoints first. */
  readonly create: readonly DesiredHealthCheck[];
  /** Owned checks to delete once the records no longer name them, calculated ones first. */
  readonly delete: readonly OwnedHealthCheck[];
  /** Desired checks this plan does not create yet: beyond the bound, or groups waiting for their members' checks. */
  readonly pending: number;
  /** Every check the planned regions need. */
  readonly desired: number;
  /** What the desired checks cost a month, in US dollars (HEALTH_CHECK_PRICES). */
  readonly monthlyCost: number;
}

export interface UnitChecks {
  readonly service: string;
  readonly region: string;
  /** The lookup of a planned unit; undefined when the unit was left as it is. */
  readonly lookup: RegionCheckLookup | undefined;
}

export interface HealthCheckPlanInput {
  readonly owned: readonly OwnedHealthCheck[];
  /** Every configured unit of a service with health.route53, planned or not. */
  readonly units: readonly UnitChecks[];
  readonly full: boolean;
  readonly records: readonly ResourceRecordSet[];
  readonly batches: readonly ChangeBatch[];
  readonly maxCreates: number;
}

function deletable(input: HealthCheckPlanInput, protectedIds: ReadonlySet<string>) {
  const planned = new Set<string>();
  const configured = new Set<string>();
  const desired = new Set<string>();
  for (const unit of input.units) {
    const key = unitOf(unit);
    configured.add(key);
    if (unit.lookup === undefined) continue;
    planned.add(key);
    for (const check of unit.lookup.desired) desired.add(subjectKey(check.subject));
  }
  return input.owned.filter((check) => {
    if (protectedIds.has(check.id)) return false;
    const unit = unitOf(check.subject);
    if (planned.has(unit)) return desired.has(subjectKey(check.subject)) || input.full;
    return !configured.has(unit) && input.full;
  });
}

/** Keeps every child of a calculated check that stays, until nothing changes. */
function withoutKeptChildren(
  owned: readonly OwnedHealthCheck[],
  candidates: readonly OwnedHealthCheck[],
): OwnedHealthCheck[] {
  let doomed = new Set(candidates.map((c) => c.id));
  for (;;) {
    const children = new Set(
      owned.flatMap((c) =>
        !doomed.has(c.id) && c.config.kind === 'calculated' ? c.config.childIds : [],
      ),
    );
    const next = new Set([...doomed].filter((id) => !children.has(id)));
    if (next.size === doomed.size) break;
    doomed = next;
  }
  return owned.filter((c) => doomed.has(c.id));
}

/** The plan's health-check work: bounded creates, deletions only of unnamed checks of ours, and the cost. */
export function planHealthChecks(input: HealthCheckPlanInput): HealthCheckPlan {
  const lookups = input.units.flatMap((u) => (u.lookup === undefined ? [] : [u.lookup]));
  const missing = lookups.flatMap((l) => l.missing);
  // Endpoints first: a group's calculated check needs its members' checks to exist.
  const ordered = [
    ...missing.filter((c) => c.config.kind === 'endpoint'),
    ...missing.filter((c) => c.config.kind === 'calculated'),
  ];
  const create = ordered.slice(0, Math.max(0, input.maxCreates));
  const waiting = lookups.reduce((sum, l) => sum + l.waiting, 0);
  const protectedIds = new Set([
    ...healthChecksNamedAfter(input.records, input.batches),
    ...lookups.flatMap((l) => l.kept),
  ]);
  const doomed = withoutKeptChildren(input.owned, deletable(input, protectedIds));
  const desired = lookups.flatMap((l) => l.desired);
  return {
    create,
    delete: [
      ...doomed.filter((c) => c.config.kind === 'calculated'),
      ...doomed.filter((c) => c.config.kind !== 'calculated'),
    ],
    pending: ordered.length - create.length + waiting,
    desired: desired.length + waiting,
    monthlyCost: monthlyCost(desired.map((c) => c.config)),
  };
}
