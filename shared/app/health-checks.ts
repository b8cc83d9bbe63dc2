import type { Plan } from '../domain/plan/plan.js';
import { plan, type PlanInput } from '../domain/plan/planner.js';
import { MAX_CREATES_PER_RECONCILE } from '../domain/health-checks/limits.js';
import type { OwnedHealthCheck } from '../domain/health-checks/types.js';
import type { HealthCheckWorld } from '../domain/health-checks/unit-checks.js';
import type { RebalancerSpec } from '../domain/spec.js';
import type { HealthCheckPort, Logger } from './ports.js';

/*
 * The reconcile's health-check work, around the record write: read our checks
 * and their statuses, create the missing ones (a bounded number) before the
 * records that name them are planned, and delete those no record names only
 * once the write is in sync. A failing call never fails the reconcile: it is
 * logged, the check work stops there, and nothing is deleted.
 */

/** What one reconcile did with the checks, for its result and log. */
export interface HealthCheckOutcome {
  readonly created: number;
  readonly deleted: number;
  /** Deletions Route 53 refused because something still names the check: retried next time. */
  readonly inUse: number;
  /** Checks the fleet needs that still do not exist after this reconcile. */
  readonly pending: number;
  /** Why the check work stopped, when a call failed. */
  readonly failure?: string;
}

/** The budget of creates one reconcile spends, across its conflict rounds. */
export interface CreateBudget {
  left: number;
}

/** A fresh budget: MAX_CREATES_PER_RECONCILE creates for the whole reconcile. */
export function createBudget(): CreateBudget {
  return { left: MAX_CREATES_PER_RECONCILE };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** True when some service asks for Route 53 health checks. */
export function wantsHealthChecks(spec: RebalancerSpec): boolean {
  return spec.services.some((s) => s.health.route53 !== undefined);
}

/** Our checks and their statuses; undefined (logged) when there is no port, none is wanted, or a read fails. */
export async function readHealthChecks(
  spec: RebalancerSpec,
  port: HealthCheckPort | undefined,
  log: Logger,
): Promise<HealthCheckWorld | undefined> {
  if (port === undefined || !wantsHealthChecks(spec)) return undefined;
  try {
    const owned = await port.listOwned(spec.ownerId);
    const statuses = await port.statuses(owned.map((c) => c.id));
    return { owned, statuses };
  } catch (error) {
    log.log('warn', 'health checks not read; records keep the checks they name', {
      error: describe(error),
    });
    return undefined;
  }
}

/**
 * Plans; when not a dry run, creates what the plan asks (within the budget)
 * and plans again with the new checks, so the records name them in this very
 * reconcile: endpoints in the first round, the groups over them in the next.
 */
export async function planWithChecks(
  input: PlanInput,
  port: HealthCheckPort | undefined,
  budget: CreateBudget,
  dryRun: boolean,
  log: Logger,
): Promise<{ plan: Plan; created: number; failure: string | undefined }> {
  let world = input.healthChecks;
  let result = plan({ ...input, maxHealthCheckCreates: budget.left });
  let created = 0;
  for (let round = 0; round < 3 && !dryRun && port !== undefined && world !== undefined; round++) {
    const wanted = result.healthChecks?.create ?? [];
    if (wanted.length === 0) break;
    const made: OwnedHealthCheck[] = [];
    let failure: string | undefined;
    for (const check of wanted) {
      try {
        const id = await port.create(check, input.spec.ownerId);
        made.push({ id, ...check });
      } catch (error) {
        failure = describe(error);
        break;
      }
    }
    budget.left -= made.length;
    created += made.length;
    world = { owned: [...world.owned, ...made], statuses: world.statuses };
    result = plan({ ...input, healthChecks: world, maxHealthCheckCreates: budget.left });
    if (failure !== undefined) {
      log.log('warn', 'health check not created; the rest stay pending', {
        error: failure,
        created,
      });
      return { plan: result, created, failure };
    }
  }
  return { plan: result, created, failure: undefined };
}

/** Deletes the plan's checks in its order; a refusal is left for the next reconcile, a failure stops it. */
export async function deleteChecks(
  doomed: readonly OwnedHealthCheck[],
  port: HealthCheckPort,
  log: Logger,
): Promise<{ deleted: number; inUse: number; failure: string | undefined }> {
  let deleted = 0;
  let inUse = 0;
  for (const check of doomed) {
    try {
      const outcome = await port.delete(check.id);
      if (outcome === 'in-use') inUse++;
      else deleted++;
    } catch (error) {
      log.log('warn', 'health check not deleted; retried at the next reconcile', {
        id: check.id,
        error: describe(error),
      });
      return { deleted, inUse, failure: describe(error) };
    }
  }
  if (inUse > 0)
    log.log('warn', 'health checks still in use; retried at the next reconcile', { inUse });
  return { deleted, inUse, failure: undefined };
}

/**
 * The check work after the records: deletions only when allowed (not a dry
 * run, nothing failed, and the write is in sync or there was none), then the
 * outcome; undefined when the checks were not part of this plan.
 */
export async function finishChecks(
  result: Plan,
  planned: { created: number; failure: string | undefined },
  port: HealthCheckPort | undefined,
  mayDelete: boolean,
  log: Logger,
): Promise<HealthCheckOutcome | undefined> {
  const checks = result.healthChecks;
  if (checks === undefined || port === undefined) return undefined;
  // The final plan's creates were not made (dry run, budget spent, a failure): pending too.
  const base = { created: planned.created, pending: checks.create.length + checks.pending };
  if (!mayDelete || planned.failure !== undefined || checks.delete.length === 0) {
    return {
      ...base,
      deleted: 0,
      inUse: 0,
      ...(planned.failure !== undefined && { failure: planned.failure }),
    };
  }
  const { deleted, inUse, failure } = await deleteChecks(checks.delete, port, log);
  return { ...base, deleted, inUse, ...(failure !== undefined && { failure }) };
}
