import type { HealthCheckPort } from '../app/ports.js';
import type { HealthLookup } from '../domain/dns/resolve.js';
import type { HealthCheckWorld } from '../domain/health-checks/unit-checks.js';
import type { Agenda } from './agenda.js';
import { memoryHealthChecks, type MemoryHealthChecks } from './memory-health-checks.js';

/*
 * Route 53's health checkers inside the simulation. The checkers probe each
 * endpoint at its own check times and Route 53 acts on a status by itself,
 * with no reconcile: so every check time that could change a status (those
 * up to failureThreshold + 1 intervals after an endpoint changed, or after a
 * check was created) is a moment of the agenda, and each status change it
 * finds is kept as a timeline for the resolver and the bad-answers measure.
 */

/** From `from` until the next entry, each check's status; a check absent counts as healthy. */
export interface HealthStatuses {
  readonly from: number;
  readonly statuses: ReadonlyMap<string, boolean>;
}

export interface HealthWatch {
  /** The port the reconcile is given: the memory checks, with the zone told which ids exist. */
  readonly port: HealthCheckPort;
  readonly checks: MemoryHealthChecks;
  /** The ids that exist now, for the zone model's NoSuchHealthCheck. */
  readonly ids: ReadonlySet<string>;
  /** Status changes so far, earliest first; the first entry is from -Infinity. */
  readonly timeline: () => readonly HealthStatuses[];
  /** What a reconcile would read of the owner's checks now: them, and their statuses. */
  readonly world: (ownerId: string) => HealthCheckWorld;
  /** After a moment: schedules the check times that may follow from what changed. */
  readonly afterMoment: (changedAddresses: ReadonlySet<string>) => void;
}

/** The lookup in force at `t` on a timeline of statuses. */
export function healthAt(timeline: readonly HealthStatuses[], t: number): HealthLookup {
  let found: HealthStatuses | undefined;
  for (const entry of timeline) {
    if (entry.from > t) break;
    found = entry;
  }
  const statuses = found?.statuses;
  return (id) => statuses?.get(id);
}

/** A check without a status yet, or gone, counts as healthy, as the resolver counts it. */
function sameStatuses(a: ReadonlyMap<string, boolean>, b: ReadonlyMap<string, boolean>): boolean {
  return [...a.keys(), ...b.keys()].every((id) => (a.get(id) ?? true) === (b.get(id) ?? true));
}

/**
 * The checkers over the fleet: `up(address, t)` says whether the endpoint
 * answers at t (the instance running and its application up); `ids` is kept
 * to the checks that exist (the zone model reads it); the clock's timers carry
 * the check times.
 */
export function healthWatch(
  clock: Agenda,
  ids: Set<string>,
  up: (address: string, t: number) => boolean,
  inUse?: (id: string) => boolean,
): HealthWatch {
  const checks = memoryHealthChecks({
    now: () => clock.now,
    up,
    ...(inUse !== undefined && { inUse }),
  });
  const timeline: HealthStatuses[] = [{ from: -Infinity, statuses: new Map() }];
  const scheduled = new Set<string>();
  const fresh: string[] = [];

  function current(): Map<string, boolean> {
    const statuses = new Map<string, boolean>();
    for (const check of checks.all()) {
      const status = checks.statusAt(check.id, clock.now);
      if (status !== undefined) statuses.set(check.id, status);
    }
    return statuses;
  }

  /** A check time: the statuses now, kept (and noted in a frame) when they changed. */
  function probe(): unknown[] | undefined {
    const statuses = current();
    const last = timeline.at(-1)?.statuses ?? new Map<string, boolean>();
    if (sameStatuses(statuses, last)) return undefined;
    if (timeline.at(-1)?.from === clock.now) timeline.pop();
    timeline.push({ from: clock.now, statuses });
    return [];
  }

  function noteOf(): string {
    const last = timeline.at(-2)?.statuses ?? new Map<string, boolean>();
    const now = timeline.at(-1)?.statuses ?? new Map<string, boolean>();
    const turned = [...now].filter(([id, s]) => (last.get(id) ?? true) !== s);
    const down = turned.filter(([, s]) => !s).length;
    const upAgain = turned.length - down;
    return [
      ...(down > 0 ? [`${down} health check${down === 1 ? '' : 's'} turned unhealthy`] : []),
      ...(upAgain > 0 ? [`${upAgain} health check${upAgain === 1 ? '' : 's'} turned healthy`] : []),
    ].join('; ');
  }

  function schedule(at: number): void {
    const key = String(at);
    if (at <= clock.now || scheduled.has(key)) return;
    scheduled.add(key);
    const timer = {
      at,
      get note() {
        return noteOf();
      },
      run: () => {
        scheduled.delete(key);
        return probe();
      },
    };
    clock.timers.push(timer);
  }

  const port: HealthCheckPort = {
    ...checks,
    create: async (check, ownerId) => {
      const id = await checks.create(check, ownerId);
      if (!ids.has(id)) fresh.push(id);
      ids.add(id);
      return id;
    },
    delete: async (id) => {
      const outcome = await checks.delete(id);
      if (outcome !== 'in-use') ids.delete(id);
      return outcome;
    },
  };

  function afterMoment(changed: ReadonlySet<string>): void {
    probe();
    const newlyMade = new Set(fresh.splice(0));
    for (const check of checks.all()) {
      const config = check.config;
      if (config.kind !== 'endpoint') continue;
      if (!changed.has(config.ipAddress) && !newlyMade.has(check.id)) continue;
      const interval = config.requestInterval;
      const next = Math.floor((clock.now - check.createdAt) / interval) + 1;
      for (let k = next; k <= next + config.failureThreshold; k++)
        schedule(check.createdAt + k * interval);
    }
  }

  function world(ownerId: string): HealthCheckWorld {
    const owned = checks.all().filter((c) => c.ownerId === ownerId);
    const statuses = current();
    return {
      owned,
      statuses: new Map(
        owned.flatMap((c) => {
          const s = statuses.get(c.id);
          return s === undefined ? [] : [[c.id, s] as const];
        }),
      ),
    };
  }

  return { port, checks, ids, timeline: () => timeline, afterMoment, world };
}
