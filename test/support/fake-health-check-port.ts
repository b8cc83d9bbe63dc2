/** A fake HealthCheckPort: our checks in memory, every call recorded, refusals as Route 53 makes them. */
import type { HealthCheckPort } from '../../shared/app/ports.js';
import type { HostedZone } from '../../shared/domain/dns/zone/index.js';
import type {
  DesiredHealthCheck,
  OwnedHealthCheck,
} from '../../shared/domain/health-checks/types.js';

export interface FakeHealthChecks extends HealthCheckPort {
  /** Every call, in order: `list`, `create <ref>`, `delete <id>`, `statuses`. */
  readonly calls: string[];
  readonly checks: Map<string, OwnedHealthCheck>;
  /** Health by id, as the HealthCheckStatus metric would report it (absent: no data yet). */
  readonly health: Map<string, boolean>;
  /** The next call of `op` throws. */
  failNext(op: 'listOwned' | 'create' | 'delete' | 'statuses'): void;
  /** Creates beyond this many (in total) throw a throttling error, as a CreateHealthCheck quota would. */
  createLimit: number;
}

/** The checks of the zone's records: what HealthCheckInUse is judged by. */
function namedBy(zone: HostedZone | undefined): Set<string> {
  return new Set(
    (zone?.records() ?? []).flatMap((r) =>
      r.HealthCheckId === undefined ? [] : [r.HealthCheckId],
    ),
  );
}

/** Runs `fn` as an asynchronous call would: a throw becomes a rejection. */
function later<T>(fn: () => T): Promise<T> {
  return Promise.resolve().then(fn);
}

/**
 * `zone` judges HealthCheckInUse; `ids`, when given, is kept equal to the
 * checks that exist, so a zone model built with it (healthCheckIds) refuses
 * records naming any other.
 */
export function fakeHealthChecks(zone?: HostedZone, ids?: Set<string>): FakeHealthChecks {
  const calls: string[] = [];
  const checks = new Map<string, OwnedHealthCheck>();
  const byReference = new Map<string, string>();
  const failing = new Set<string>();
  let next = 0;
  const fail = (op: string): void => {
    if (!failing.has(op)) return;
    failing.delete(op);
    throw new Error(`${op} failed (injected)`);
  };
  const fake: FakeHealthChecks = {
    calls,
    checks,
    health: new Map(),
    createLimit: Number.POSITIVE_INFINITY,
    failNext: (op) => void failing.add(op),
    listOwned: () =>
      later(() => {
        calls.push('list');
        fail('listOwned');
        return [...checks.values()];
      }),
    create: (check: DesiredHealthCheck) =>
      later(() => {
        calls.push(`create ${check.callerReference}`);
        fail('create');
        const known = byReference.get(check.callerReference);
        if (known !== undefined) return known;
        if (byReference.size >= fake.createLimit) throw new Error('Throttling: Rate exceeded');
        const id = `hc-${++next}`;
        byReference.set(check.callerReference, id);
        ids?.add(id);
        checks.set(id, {
          id,
          callerReference: check.callerReference,
          subject: check.subject,
          config: check.config,
        });
        return id;
      }),
    delete: (id) =>
      later(() => {
        calls.push(`delete ${id}`);
        fail('delete');
        if (!checks.has(id)) return 'gone' as const;
        const parent = [...checks.values()].some(
          (c) => c.config.kind === 'calculated' && c.config.childIds.includes(id),
        );
        if (parent || namedBy(zone).has(id)) return 'in-use' as const;
        checks.delete(id);
        return 'deleted' as const;
      }),
    statuses: (ids) =>
      later(() => {
        calls.push('statuses');
        fail('statuses');
        return new Map(
          ids.flatMap((id) =>
            fake.health.has(id) ? [[id, fake.health.get(id) ?? true] as const] : [],
          ),
        );
      }),
  };
  return fake;
}
