import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instance, RegionRead } from '../../../shared/domain/fleet/fleet.js';
import type { ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import { createHostedZone, type HostedZone } from '../../../shared/domain/dns/zone/index.js';
import type {
  OwnedHealthCheck,
  Route53CheckSpec,
} from '../../../shared/domain/health-checks/types.js';
import type { Plan } from '../../../shared/domain/plan/plan.js';
import { plan, type PlanInput } from '../../../shared/domain/plan/planner.js';
import type { ServiceSpec } from '../../../shared/domain/spec.js';
import {
  instance,
  observation,
  regionSpec,
  serviceSpec,
  spec,
  ZONE_ID,
} from '../../support/builders.js';

const EAST = 'us-east-2';
const WEST = 'us-west-2';
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

function checked(
  route53: Route53CheckSpec = HTTP,
  overrides: Partial<ServiceSpec> = {},
): ServiceSpec {
  const base = serviceSpec(overrides);
  return { ...base, health: { ...base.health, route53 } };
}

const fleet = [1, 2, 3].map((n) => instance({ n, zone: `us-east-2${'abc'[n - 1] ?? 'a'}` }));

/** A world of our checks, a zone that knows them, and the plans made in it. */
class World {
  owned: OwnedHealthCheck[] = [];
  statuses = new Map<string, boolean>();
  zone: HostedZone = createHostedZone({ zoneId: ZONE_ID });
  /** The last check id handed out. */
  next = 0;
  constructor(readonly service: ServiceSpec) {}

  plan(regions: Record<string, RegionRead>, extra: Partial<PlanInput> = {}): Plan {
    return plan({
      spec: spec([this.service]),
      records: this.zone.records(),
      regions: new Map(Object.entries(regions)),
      healthChecks: { owned: this.owned, statuses: this.statuses },
      ...extra,
    });
  }

  /**
   * As the app does: creates what the plan asks for and re-plans, within one
   * budget of creates, then writes the records to a zone that knows the
   * checks, then deletes what the plan says.
   */
  reconcile(regions: Record<string, RegionRead>, extra: Partial<PlanInput> = {}): Plan {
    let budget = extra.maxHealthCheckCreates ?? 20;
    let result = this.plan(regions, { ...extra, maxHealthCheckCreates: budget });
    for (let round = 0; round < 3 && (result.healthChecks?.create.length ?? 0) > 0; round++) {
      for (const check of result.healthChecks?.create ?? [])
        this.owned.push({ id: `hc-${++this.next}`, ...check });
      budget -= result.healthChecks?.create.length ?? 0;
      result = this.plan(regions, { ...extra, maxHealthCheckCreates: budget });
    }
    const zone = createHostedZone(
      { zoneId: ZONE_ID, healthCheckIds: new Set(this.owned.map((c) => c.id)) },
      this.zone.records(),
    );
    for (const batch of result.changeBatches) expect(zone.apply(batch)).toBeUndefined();
    this.zone = zone;
    const doomed = new Set(result.healthChecks?.delete.map((c) => c.id));
    this.owned = this.owned.filter((c) => !doomed.has(c.id));
    return result;
  }

  record(setId: string): ResourceRecordSet | undefined {
    return this.zone.records().find((r) => r.SetIdentifier === `api-prod/${setId}`);
  }
}

const east = (instances: readonly Instance[] = fleet) => ({ [EAST]: observation(EAST, instances) });

describe('health checks in weighted mode', () => {
  it('creates one endpoint check per serving address, records first without ids', () => {
    const world = new World(checked());
    const first = world.plan(east());
    expect(first.healthChecks?.create.map((c) => c.config)).toEqual(
      fleet.map((i): unknown =>
        expect.objectContaining({
          kind: 'endpoint',
          ipAddress: i.publicIp,
          port: 80,
          resourcePath: '/health',
        }),
      ),
    );
    expect(first.healthChecks?.create.map((c) => c.subject)).toEqual(
      fleet.map((i) => ({ service: 'api', region: EAST, instanceId: i.id })),
    );
    const records = first.changeBatches.flatMap((b) => b.Changes.map((c) => c.ResourceRecordSet));
    expect(records.every((r) => r.HealthCheckId === undefined)).toBe(true);
  });

  it('puts each check on its instance weighted record once it exists', () => {
    const world = new World(checked());
    world.reconcile(east());
    for (const i of fleet) {
      const owned = world.owned.find((c) => c.subject.instanceId === i.id);
      expect(world.record(i.id)?.HealthCheckId).toBe(owned?.id);
    }
    expect(world.plan(east()).changeBatches).toEqual([]);
    expect(world.plan(east()).healthChecks).toMatchObject({ create: [], delete: [], pending: 0 });
  });

  it('creates at most the bound per plan and reports the rest pending', () => {
    const many = Array.from({ length: 25 }, (_, k) => instance({ n: 100 + k }));
    const world = new World(checked());
    const first = world.reconcile(east(many), { maxHealthCheckCreates: 20 });
    expect(first.healthChecks).toMatchObject({ pending: 5, desired: 25 });
    const named = many.filter((i) => world.record(i.id)?.HealthCheckId !== undefined);
    expect(named).toHaveLength(20);
    const second = world.reconcile(east(many), { maxHealthCheckCreates: 20 });
    expect(second.healthChecks?.pending).toBe(0);
    expect(many.every((i) => world.record(i.id)?.HealthCheckId !== undefined)).toBe(true);
  });

  it('makes an instance whose check fails unhealthy with that reason, its record at weight 0 with its check', () => {
    const world = new World(checked());
    world.reconcile(east());
    const [first] = fleet as [Instance];
    const id = world.record(first.id)?.HealthCheckId ?? '';
    world.statuses.set(id, false);
    const result = world.reconcile(east());
    const member = result.services[0]?.regions[0]?.members.find((m) => m.instance.id === first.id);
    expect(member?.health).toEqual({
      status: 'alarm',
      reasons: [`Route 53 health check ${id} failing`],
    });
    expect(world.record(first.id)).toMatchObject({ Weight: 0, HealthCheckId: id });
    expect(result.healthChecks?.delete).toEqual([]);
  });

  it('replaces a check whose settings change: create new, attach, then delete the old', () => {
    const world = new World(checked());
    world.reconcile(east());
    const before = world.owned.map((c) => c.id);
    const changed = new World(checked({ ...HTTP, port: 8080 }));
    changed.owned = world.owned;
    changed.zone = world.zone;
    changed.next = world.next;
    const pending = changed.plan(east(), { maxHealthCheckCreates: 0 });
    // Nothing created yet: each record keeps naming its old check, none is deleted.
    expect(pending.changeBatches).toEqual([]);
    expect(pending.healthChecks).toMatchObject({ delete: [], pending: 3 });
    const result = changed.reconcile(east());
    expect(result.healthChecks?.delete.map((c) => c.id)).toEqual(before);
    for (const i of fleet) {
      const now = changed.owned.find((c) => c.subject.instanceId === i.id);
      expect(now?.config).toMatchObject({ port: 8080 });
      expect(changed.record(i.id)?.HealthCheckId).toBe(now?.id);
    }
    const references = new Set(changed.owned.map((c) => c.callerReference));
    expect(references.size).toBe(3);
  });

  it('deletes the check of an instance that left only at a full reconcile, once no record names it', () => {
    const world = new World(
      checked({ ...HTTP }, { regions: [regionSpec(EAST), regionSpec(WEST)] }),
    );
    const both = { ...east(), [WEST]: observation(WEST, [instance({ n: 9 })]) };
    world.reconcile(both);
    const [gone] = fleet as [Instance];
    const check = world.owned.find((c) => c.subject.instanceId === gone.id);
    const rest = { ...east(fleet.slice(1)), [WEST]: both[WEST] };
    const scoped = world.plan(rest, { scope: [{ service: 'api', region: EAST }] });
    expect(scoped.healthChecks?.delete).toEqual([]);
    const full = world.reconcile(rest);
    expect(full.healthChecks?.delete.map((c) => c.id)).toEqual([check?.id]);
    expect(world.record(gone.id)).toBeUndefined();
  });

  it('keeps every check of a region it could not read', () => {
    const world = new World(checked());
    world.reconcile(east());
    const result = world.plan({ [EAST]: { region: EAST, error: 'throttled' } });
    expect(result.healthChecks).toMatchObject({ create: [], delete: [] });
  });

  it('puts the check on the plain latency record of a collapsed single-instance region', () => {
    const world = new World(
      checked(HTTP, { regions: [regionSpec(EAST, { collapseSingleInstance: true })] }),
    );
    const [only] = fleet as [Instance];
    world.reconcile(east([only]));
    const latency = world.zone.records().find((r) => r.Region === EAST);
    expect(latency?.AliasTarget).toBeUndefined();
    expect(latency?.HealthCheckId).toBe(world.owned[0]?.id);
  });

  it('drops the ids and deletes the checks at a full reconcile when health.route53 is removed', () => {
    const world = new World(checked());
    world.reconcile(east());
    const without = new World(serviceSpec());
    without.owned = world.owned;
    without.zone = world.zone;
    without.next = world.next;
    const result = without.reconcile(east());
    expect(result.healthChecks?.delete).toHaveLength(3);
    expect(without.zone.records().some((r) => r.HealthCheckId !== undefined)).toBe(false);
  });

  it('keeps the ids on the records when the checks could not be read', () => {
    const world = new World(checked());
    world.reconcile(east());
    const result = plan({
      spec: spec([world.service]),
      records: world.zone.records(),
      regions: new Map(Object.entries(east())),
    });
    expect(result.changeBatches).toEqual([]);
    expect(result.healthChecks).toBeUndefined();
    // Rewritten for another reason (an instance gone, one grown), the others keep their checks.
    const shrunk = plan({
      spec: spec([world.service]),
      records: world.zone.records(),
      regions: new Map(
        Object.entries(
          east([{ ...(fleet[1] as Instance), instanceType: 'm5.xlarge' }, ...fleet.slice(2)]),
        ),
      ),
    });
    const writes = shrunk.changeBatches
      .flatMap((b) => b.Changes)
      .filter((c) => c.Action !== 'DELETE');
    expect(writes.length).toBeGreaterThan(0);
    for (const change of writes)
      expect(change.ResourceRecordSet.HealthCheckId).toBe(
        world.record(change.ResourceRecordSet.SetIdentifier?.slice(9) ?? '')?.HealthCheckId,
      );
    expect(result.warnings).toContain(
      'Route 53 health checks were not read: records keep the checks they name, none is created or deleted',
    );
  });

  it('prices the checks it needs a month', () => {
    expect(new World(checked()).plan(east()).healthChecks?.monthlyCost).toBe(1.5);
    const rich = {
      ...HTTP,
      protocol: 'HTTPS_STR_MATCH' as const,
      searchString: 'ok',
      requestInterval: 10 as const,
    };
    expect(new World(checked(rich)).plan(east()).healthChecks?.monthlyCost).toBe(10.5);
  });
});

describe('health checks in grouped mode', () => {
  const grouped = (n = 1) =>
    checked(
      { ...HTTP, groupHealthyMembers: n },
      { regions: [regionSpec(EAST, { mode: 'grouped', groupSize: 3 })] },
    );

  it('creates a calculated check per group over its members, once their checks exist, and names it on the group alias', () => {
    const world = new World(grouped(2));
    const endpointsOnly = world.plan(east());
    expect(endpointsOnly.healthChecks).toMatchObject({ pending: 1 });
    expect(endpointsOnly.healthChecks?.create.every((c) => c.config.kind === 'endpoint')).toBe(
      true,
    );
    const first = world.reconcile(east());
    expect(first.healthChecks).toMatchObject({ create: [], pending: 0, desired: 4 });
    const calculated = world.owned.find((c) => c.config.kind === 'calculated');
    const endpoints = world.owned.filter((c) => c.config.kind === 'endpoint').map((c) => c.id);
    expect(calculated?.config).toEqual({
      kind: 'calculated',
      childIds: [...endpoints].sort(),
      healthThreshold: 2,
      inverted: false,
    });
    expect(calculated?.subject).toEqual({ service: 'api', region: EAST, group: 'endpoint-a' });
    expect(world.record('endpoint-a')?.HealthCheckId).toBe(calculated?.id);
  });

  it('takes a member whose check fails out of its group, and replaces the group check', () => {
    const world = new World(grouped());
    world.reconcile(east());
    const [first] = fleet as [Instance];
    const old = world.owned.find((c) => c.config.kind === 'calculated');
    world.statuses.set(world.owned.find((c) => c.subject.instanceId === first.id)?.id ?? '', false);
    const result = world.reconcile(east());
    const group = result.services[0]?.regions[0]?.groups[0];
    expect(group?.members).not.toContain(first.id);
    const now = world.owned.find((c) => c.config.kind === 'calculated');
    expect(now?.id).not.toBe(old?.id);
    expect(result.healthChecks?.delete.map((c) => c.id)).toEqual([old?.id]);
    // The failing member keeps its own check, so that it can be seen to recover.
    expect(world.owned.some((c) => c.subject.instanceId === first.id)).toBe(true);
  });
});

describe('health checks, whatever the fleet (property)', () => {
  it('names only checks that exist, converges, and then plans nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ n: fc.integer({ min: 1, max: 60 }), failing: fc.boolean() }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.constantFrom('weighted' as const, 'grouped' as const),
        fc.boolean(),
        (rows, mode, collapse) => {
          const unique = [...new Map(rows.map((r) => [r.n, r])).values()];
          const instances = unique.map((r) =>
            instance({ n: r.n, zone: `us-east-2${'abc'[r.n % 3] ?? 'a'}` }),
          );
          const world = new World(
            checked(HTTP, {
              regions: [regionSpec(EAST, { mode, groupSize: 2, collapseSingleInstance: collapse })],
            }),
          );
          world.reconcile(east(instances));
          for (const r of unique) {
            const check = world.owned.find((c) => c.subject.instanceId === instance({ n: r.n }).id);
            if (r.failing && check !== undefined) world.statuses.set(check.id, false);
          }
          for (let i = 0; i < 3; i++) world.reconcile(east(instances));
          const ids = new Set(world.owned.map((c) => c.id));
          const named = world.zone
            .records()
            .flatMap((r) => (r.HealthCheckId === undefined ? [] : [r.HealthCheckId]));
          expect(named.every((id) => ids.has(id))).toBe(true);
          const again = world.plan(east(instances));
          expect(again.changeBatches).toEqual([]);
          expect(again.healthChecks).toMatchObject({ create: [], delete: [], pending: 0 });
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('which members get a check', () => {
  it('gives a booting member its check before it serves, and none to a stopped one', () => {
    const booting = instance({ n: 7, tags: { 'rebalancer:service': 'api' } });
    const stopped = instance({ n: 8, state: 'stopped' });
    const world = new World(checked());
    const result = world.plan({
      [EAST]: observation(EAST, [...fleet, booting, stopped], {
        lifecycle: new Map([[booting.id, { group: 'asg', state: 'Pending:Wait' }]]),
      }),
    });
    const member = result.services[0]?.regions[0]?.members.find(
      (m) => m.instance.id === booting.id,
    );
    expect(member?.health.status).toBe('not-ready');
    const subjects = result.healthChecks?.create.map((c) => c.subject.instanceId);
    expect(subjects).toContain(booting.id);
    expect(subjects).not.toContain(stopped.id);
  });
});
