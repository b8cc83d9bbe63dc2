/**
 * Route 53 health checks standing in for the real ones behind the reconcile
 * loop: the HealthCheckPort over a store (CallerReference idempotency, owner
 * tags, refusals as the adapter reports them) and a model of the checkers, so
 * a simulation sees a check turn unhealthy as late as Route 53 would.
 *
 * The checker model. An endpoint check is checked every requestInterval
 * seconds from its creation (t = created + k x interval, k >= 1); each check
 * passes when `up(address, t)`. Route 53 changes a check's status only after
 * failureThreshold consecutive checks say otherwise, both ways ("the number of
 * consecutive health checks that an endpoint must pass or fail for Route 53 to
 * change the current status ... from unhealthy to healthy or the other way
 * around", the FailureThreshold documentation). So an endpoint that fails just
 * after a check turns unhealthy interval x threshold seconds later, and one that
 * recovers just after a check turns healthy as long after. Invented here (Route
 * 53 documents neither): the checkers agree with each other (the > 18 % rule
 * then always follows the endpoint), a new check starts healthy, it has no
 * status before its first check, and the HealthCheckStatus metric shows a
 * status at once. Inverted turns the status over. A calculated check is
 * healthy while at least healthThreshold of its children are.
 */
import type { HealthCheckPort } from '../app/ports.js';
import { AwsCallError } from '../domain/errors.js';
import type {
  DesiredHealthCheck,
  HealthCheckConfig,
  HealthCheckSubject,
  OwnedHealthCheck,
} from '../domain/health-checks/types.js';

export interface MemoryHealthChecksOptions {
  /** Seconds on the simulation's clock. */
  readonly now: () => number;
  /** Whether the endpoint at `address` answers its check at `t` (seconds). */
  readonly up: (address: string, t: number) => boolean;
  /**
   * Whether a record names the check: its delete is then refused as HealthCheckInUse, as
   * Route 53 once did. Today's Route 53 deletes it anyway (its API reference: it "does not
   * prevent you from deleting a health check even if the health check is associated with one
   * or more resource record sets"), so deletesWhileInUse lists every such attempt: a
   * simulation should find it empty, the app having detached each check first.
   */
  readonly inUse?: (id: string) => boolean;
  /** The account's health-check quota; Route 53's default is 200. */
  readonly quota?: number;
}

interface Stored {
  readonly id: string;
  readonly ownerId: string;
  readonly createdAt: number;
  readonly check: DesiredHealthCheck;
  subject: HealthCheckSubject;
}

/** An endpoint check's checker state after its k-th check. */
interface Progress {
  k: number;
  healthy: boolean;
  /** The latest results, newest last, as many as failureThreshold. */
  readonly recent: boolean[];
}

export interface MemoryHealthChecks extends HealthCheckPort {
  /** The model's status of a check at `t` (its first status, not inverted, starts healthy); undefined before its first check or once deleted. */
  readonly statusAt: (id: string, t: number) => boolean | undefined;
  /** Every check in the account, whoever's, in creation order. */
  readonly all: () => readonly (OwnedHealthCheck & {
    readonly ownerId: string;
    readonly createdAt: number;
  })[];
  /** Deletes asked for while a record named the check: Route 53 today would have deleted it. */
  readonly deletesWhileInUse: () => readonly string[];
  /** CreateHealthCheck requests that made a new check. */
  readonly created: () => number;
}

const DEFAULT_QUOTA = 200;

/** The in-memory port; ids are `hc-sim-000001`, ... in creation order. */
export function memoryHealthChecks(options: MemoryHealthChecksOptions): MemoryHealthChecks {
  const { now, up } = options;
  const inUse = options.inUse ?? (() => false);
  const quota = options.quota ?? DEFAULT_QUOTA;
  const checks = new Map<string, Stored>();
  const deletedReferences = new Set<string>();
  const progress = new Map<string, Progress>();
  const refusedInUse: string[] = [];
  let made = 0;

  /** Advances an endpoint check's checkers to time t; replays from creation if t is earlier. */
  function endpointAt(stored: Stored, config: HealthCheckConfig & { kind: 'endpoint' }, t: number) {
    const last = Math.floor((t - stored.createdAt) / config.requestInterval);
    if (last < 1) return undefined;
    let state = progress.get(stored.id);
    if (state === undefined || state.k > last) state = { k: 0, healthy: true, recent: [] };
    for (let k = state.k + 1; k <= last; k++) {
      const passed = up(config.ipAddress, stored.createdAt + k * config.requestInterval);
      state.recent.push(passed);
      if (state.recent.length > config.failureThreshold) state.recent.shift();
      const agreed =
        state.recent.length === config.failureThreshold && state.recent.every((r) => r === passed);
      if (agreed) state.healthy = passed;
      state.k = k;
    }
    progress.set(stored.id, state);
    return state.healthy !== config.inverted;
  }

  function statusAt(id: string, t: number, depth = 0): boolean | undefined {
    const stored = checks.get(id);
    if (stored === undefined || t < stored.createdAt) return undefined;
    const config = stored.check.config;
    if (config.kind === 'endpoint') return endpointAt(stored, config, t);
    // Children without a status yet count as healthy, as a new check starts (depth bounds a cycle).
    const healthy = config.childIds.filter(
      (child) => depth > 10 || statusAt(child, t, depth + 1) !== false,
    ).length;
    return healthy >= config.healthThreshold !== config.inverted;
  }

  function create(check: DesiredHealthCheck, ownerId: string): Promise<string> {
    const ref = check.callerReference;
    const existing = [...checks.values()].find((c) => c.check.callerReference === ref);
    if (existing !== undefined) {
      // As the adapter does: the reference's check, retagged for this owner and subject.
      if (existing.ownerId !== ownerId)
        return refused(
          `CallerReference ${ref} belongs to health check ${existing.id}, tagged for owner ${existing.ownerId}: not touching it`,
        );
      existing.subject = check.subject;
      return Promise.resolve(existing.id);
    }
    if (deletedReferences.has(ref))
      return refused(
        `CallerReference ${ref} was used by a health check that no longer exists (Route 53 keeps a deleted check's reference for days): HealthCheckAlreadyExists`,
      );
    if (checks.size >= quota)
      return refused(
        `TooManyHealthChecks: the account's limit of ${quota} health checks is reached`,
      );
    const id = `hc-sim-${String(++made).padStart(6, '0')}`;
    checks.set(id, { id, ownerId, createdAt: now(), check, subject: check.subject });
    return Promise.resolve(id);
  }

  function remove(id: string): Promise<'deleted' | 'in-use' | 'gone'> {
    const stored = checks.get(id);
    if (stored === undefined) return Promise.resolve('gone');
    if (inUse(id)) {
      refusedInUse.push(id);
      return Promise.resolve('in-use');
    }
    deletedReferences.add(stored.check.callerReference);
    checks.delete(id);
    progress.delete(id);
    return Promise.resolve('deleted');
  }

  const owned = (stored: Stored): OwnedHealthCheck => ({
    id: stored.id,
    callerReference: stored.check.callerReference,
    subject: stored.subject,
    config: stored.check.config,
  });

  return {
    listOwned: (ownerId) =>
      Promise.resolve([...checks.values()].filter((c) => c.ownerId === ownerId).map(owned)),
    create,
    delete: remove,
    statuses: (ids) => {
      const t = now();
      const statuses = new Map<string, boolean>();
      for (const id of ids) {
        const status = statusAt(id, t);
        if (status !== undefined) statuses.set(id, status);
      }
      return Promise.resolve(statuses);
    },
    statusAt: (id, t) => statusAt(id, t),
    all: () =>
      [...checks.values()].map((c) => ({
        ...owned(c),
        ownerId: c.ownerId,
        createdAt: c.createdAt,
      })),
    deletesWhileInUse: () => [...refusedInUse],
    created: () => made,
  };
}

function refused(why: string): Promise<never> {
  return Promise.reject(new AwsCallError('CreateHealthCheck', undefined, why));
}
