import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../shared/app/log.js';
import type { ReconcileDeps } from '../../shared/app/reconcile.js';
import { reconcile } from '../../shared/app/reconcile.js';
import type { HealthCheckPort, ZonePort } from '../../shared/app/ports.js';
import {
  applyOrThrow,
  createHostedZone,
  type HostedZone,
} from '../../shared/domain/dns/zone/index.js';
import type { Instance, RegionRead } from '../../shared/domain/fleet/fleet.js';
import type { Route53CheckSpec } from '../../shared/domain/health-checks/types.js';
import type { ServiceSpec } from '../../shared/domain/spec.js';
import { instance, observation, serviceSpec, spec, ZONE_ID } from '../support/builders.js';
import { fakeHealthChecks, type FakeHealthChecks } from '../support/fake-health-check-port.js';

const HTTP: Route53CheckSpec = {
  protocol: 'HTTP',
  port: 80,
  path: '/health',
  searchString: undefined,
  requestInterval: 30,
  failureThreshold: 3,
  regions: undefined,
  inverted: false,
  groupHealthyMembers: 1,
};

function checked(route53: Route53CheckSpec = HTTP): ServiceSpec {
  const base = serviceSpec();
  return { ...base, health: { ...base.health, route53 } };
}

interface Harness {
  readonly zone: HostedZone;
  readonly checks: FakeHealthChecks;
  /** Every port call of both fakes, in order. */
  readonly calls: string[];
  readonly fleet: Instance[];
  readonly deps: ReconcileDeps;
  readonly log: ReturnType<typeof memoryLogger>;
}

/** Route 53 over the zone model, which knows exactly the checks the fake holds. */
function harness(fleet: Instance[]): Harness {
  const ids = new Set<string>();
  const zone = createHostedZone({ zoneId: ZONE_ID, healthCheckIds: ids });
  const checks = fakeHealthChecks(zone, ids);
  const calls = checks.calls;
  const port: ZonePort = {
    readRecords: () => Promise.resolve(zone.records()),
    changeRecords: (batch) => {
      calls.push(
        `write ${batch.Changes.map((c) => c.ResourceRecordSet.HealthCheckId ?? '-').join(',')}`,
      );
      return Promise.resolve().then(() => {
        applyOrThrow(zone, batch);
        return 'C1';
      });
    },
    waitInSync: () => {
      calls.push('insync');
      return Promise.resolve(true);
    },
  };
  const log = memoryLogger();
  const deps: ReconcileDeps = {
    zone: port,
    readRegion: (region) => Promise.resolve<RegionRead>(observation(region, fleet)),
    log,
    now: () => new Date(Date.UTC(2026, 10, 22, 12)),
    healthChecks: checks,
  };
  return { zone, checks, calls, fleet, deps, log };
}

const fleet = () => [1, 2, 3].map((n) => instance({ n }));
const run = (h: Harness, service = checked(), extra = {}) =>
  reconcile({ spec: spec([service]), reason: 'test', waitInSync: true, ...extra }, h.deps);
const named = (h: Harness) =>
  h.zone.records().flatMap((r) => (r.HealthCheckId === undefined ? [] : [r.HealthCheckId]));

describe('reconcile with Route 53 health checks', () => {
  it('lists, reads statuses, creates, then writes records that name the new checks', async () => {
    const h = harness(fleet());
    const result = await run(h);
    const creates = h.calls.filter((c) => c.startsWith('create'));
    expect(creates).toHaveLength(3);
    expect(h.calls.slice(0, 2)).toEqual(['list', 'statuses']);
    const firstWrite = h.calls.findIndex((c) => c.startsWith('write'));
    expect(firstWrite).toBeGreaterThan(h.calls.lastIndexOf(creates[2] ?? ''));
    expect(new Set(named(h))).toEqual(new Set(h.checks.checks.keys()));
    expect(result.healthChecks).toEqual({ created: 3, deleted: 0, inUse: 0, pending: 0 });
  });

  it('deletes a replaced check only after the records stopped naming it and are in sync', async () => {
    const h = harness(fleet());
    await run(h);
    const old = [...h.checks.checks.keys()];
    h.calls.length = 0;
    const result = await run(h, checked({ ...HTTP, port: 8080 }));
    const order = h.calls.map((c) => c.split(' ')[0]);
    expect(order).toEqual([
      'list',
      'statuses',
      'create',
      'create',
      'create',
      'write',
      'insync',
      'delete',
      'delete',
      'delete',
    ]);
    expect(h.calls.filter((c) => c.startsWith('delete'))).toEqual(old.map((id) => `delete ${id}`));
    expect(result.healthChecks).toMatchObject({ created: 3, deleted: 3, inUse: 0 });
    expect(named(h).some((id) => old.includes(id))).toBe(false);
  });

  it('retries a deletion refused as in use at the next reconcile', async () => {
    const h = harness(fleet());
    await run(h);
    const refuse: HealthCheckPort = {
      ...h.checks,
      delete: (id) => {
        h.calls.push(`delete ${id}`);
        return Promise.resolve('in-use');
      },
    };
    const first = await reconcile(
      { spec: spec([checked({ ...HTTP, port: 8080 })]), reason: 'test', waitInSync: true },
      { ...h.deps, healthChecks: refuse },
    );
    expect(first.healthChecks).toMatchObject({ deleted: 0, inUse: 3 });
    expect(h.checks.checks.size).toBe(6);
    const second = await run(h, checked({ ...HTTP, port: 8080 }));
    expect(second.written).toEqual([]);
    expect(second.healthChecks).toMatchObject({ created: 0, deleted: 3, inUse: 0 });
    expect(h.checks.checks.size).toBe(3);
  });

  it('does not fail the reconcile when creating is throttled: the rest stay pending, the records go out without them', async () => {
    const h = harness(fleet());
    h.checks.createLimit = 1;
    const result = await run(h);
    expect(result.written.length).toBeGreaterThan(0);
    expect(result.healthChecks).toMatchObject({
      created: 1,
      pending: 2,
      failure: 'Throttling: Rate exceeded',
    });
    expect(named(h)).toHaveLength(1);
    h.checks.createLimit = Number.POSITIVE_INFINITY;
    const next = await run(h);
    expect(next.healthChecks).toMatchObject({ created: 2, pending: 0 });
    expect(named(h)).toHaveLength(3);
  });

  it('writes the records and deletes nothing when the checks cannot be listed', async () => {
    const h = harness(fleet());
    await run(h);
    const before = named(h);
    h.checks.failNext('listOwned');
    h.calls.length = 0;
    const result = await run(h, checked({ ...HTTP, port: 8080 }));
    expect(result.healthChecks).toBeUndefined();
    expect(h.calls).toEqual(['list']);
    expect(named(h)).toEqual(before);
    expect(
      h.log.entries.some(
        (e) => e.message === 'health checks not read; records keep the checks they name',
      ),
    ).toBe(true);
  });

  it('keeps a check whose deletion fails, and still succeeds', async () => {
    const h = harness(fleet());
    await run(h);
    h.fleet.splice(0, 1);
    h.checks.failNext('delete');
    const result = await run(h);
    expect(result.healthChecks).toMatchObject({ deleted: 0, failure: 'delete failed (injected)' });
    expect(h.checks.checks.size).toBe(3);
    const retried = await run(h);
    expect(retried.healthChecks).toMatchObject({ deleted: 1 });
  });

  it('creates and deletes nothing in a dry run', async () => {
    const h = harness(fleet());
    const result = await run(h, checked(), { dryRun: true });
    expect(h.calls).toEqual(['list', 'statuses']);
    expect(result.plan.healthChecks?.create).toHaveLength(3);
    expect(result.healthChecks).toMatchObject({ created: 0, deleted: 0, pending: 3 });
  });

  it('makes no health-check call for a configuration without health.route53', async () => {
    const h = harness(fleet());
    await run(h, serviceSpec());
    expect(h.calls.filter((c) => !c.startsWith('write') && c !== 'insync')).toEqual([]);
  });
});
