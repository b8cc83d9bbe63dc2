import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instance, InstanceStatus } from '../../../shared/domain/fleet/fleet.js';
import type { LifecycleInfo } from '../../../shared/domain/fleet/readiness.js';
import { resolveShares } from '../../../shared/domain/dns/resolve.js';
import { plan } from '../../../shared/domain/plan/planner.js';
import type { ServiceSpec } from '../../../shared/domain/spec.js';
import { observation, regionSpec, serviceSpec, spec, ZONE_ID } from '../../support/builders.js';
import { zoneWith } from '../../support/zone.js';

/*
 * The serving invariant: after a plan is applied, no answer points at an
 * instance that cannot serve (Auto Scaling has it leaving or not yet in
 * service, or it is not ready and was not answered before), unless the
 * service fails open because nothing anywhere could serve. Pending:Wait is
 * the one exception: under our own launch hook (or once the records answer
 * with it, which only that hook can have done) a ready instance serves, as
 * the hook is completed only after the records name it.
 */

const REGIONS = ['us-east-2', 'eu-west-1'] as const;
const LAUNCH = Date.parse('2026-01-01T00:00:00.000Z');
const STATES = [
  undefined,
  'InService',
  'InService',
  'Pending:Wait',
  'Terminating:Wait',
  'Warmed:Running',
  'Standby',
] as const;

const memberArb = fc.record({
  lifecycle: fc.constantFrom(...STATES),
  status: fc.constantFrom<InstanceStatus['instance']>('ok', 'ok', 'initializing', undefined),
  age: fc.integer({ min: 0, max: 600 }),
  zone: fc.constantFrom('a', 'b'),
});

const worldArb = fc.tuple(
  ...REGIONS.map(() => fc.array(memberArb, { minLength: 0, maxLength: 8 })),
);

const serviceArb = fc
  .record({
    mode: fc.constantFrom('weighted', 'grouped'),
    grace: fc.constantFrom(0, 0, 120),
    statusOk: fc.boolean(),
  })
  .map(({ mode, grace, statusOk }): ServiceSpec =>
    serviceSpec({
      health: {
        ...serviceSpec().health,
        readiness: { graceSeconds: grace, statusOk, tag: undefined },
      },
      regions: REGIONS.map((r) => regionSpec(r, { mode: mode })),
    }),
  );

type Drawn = {
  lifecycle: (typeof STATES)[number];
  status: InstanceStatus['instance'];
  age: number;
  zone: string;
};

function regionRead(region: string, drawn: readonly Drawn[], now: number) {
  const instances: Instance[] = drawn.map((d, n) => ({
    id: `i-${region.replace(/-/g, '')}${String(n).padStart(8, '0')}`,
    region,
    zone: `${region}${d.zone}`,
    instanceType: 'm5.large',
    state: 'running',
    launchTime: new Date(now - d.age * 1000).toISOString(),
    tags: { 'rebalancer:service': 'api' },
    publicIp: `198.51.${REGIONS.indexOf(region as (typeof REGIONS)[number])}.${n + 1}`,
    privateIp: undefined,
    ipv6: undefined,
  }));
  const statuses = new Map(
    instances.map((i, n): [string, InstanceStatus] => [
      i.id,
      { instance: drawn[n]?.status, system: 'ok' },
    ]),
  );
  const lifecycle = new Map(
    instances.flatMap((i, n): [string, LifecycleInfo][] => {
      const state = drawn[n]?.lifecycle;
      return state === undefined ? [] : [[i.id, { group: 'api-asg', state }]];
    }),
  );
  return { instances, read: observation(region, instances, { statuses, lifecycle }) };
}

describe('plan, over random lifecycle states and readiness rules', () => {
  it('answers no instance that Auto Scaling has out of service, nor a new one that is not ready', () => {
    fc.assert(
      fc.property(serviceArb, worldArb, worldArb, fc.boolean(), (service, before, after, held) => {
        const s = spec([service]);
        const now = LAUNCH + 3600_000;
        const zone = zoneWith();
        // A previous run, when every instance of `before` was in service and ready.
        const healthy = REGIONS.map((r, i) =>
          regionRead(
            r,
            (before[i] ?? []).map((d) => ({
              ...d,
              lifecycle: 'InService' as const,
              status: 'ok' as const,
            })),
            now,
          ),
        );
        for (const batch of plan({
          spec: s,
          records: [],
          regions: new Map(healthy.map((h, i) => [REGIONS[i] ?? '', h.read])),
          now,
        }).changeBatches)
          expect(zone.apply(batch)).toBeUndefined();
        const answeredBefore = resolveShares(zone.records(), ZONE_ID, service.recordName, 'A', [
          ...REGIONS,
        ]);

        const reads = REGIONS.map((r, i) => regionRead(r, after[i] ?? [], now));
        // Our launch hook holds every Pending:Wait instance, or none.
        const launching = new Set(
          reads
            .flatMap(({ instances }, i) =>
              instances.filter((_, n) => held && after[i]?.[n]?.lifecycle === 'Pending:Wait'),
            )
            .map((instance) => instance.id),
        );
        const result = plan({
          spec: s,
          records: zone.records(),
          regions: new Map(reads.map((h, i) => [REGIONS[i] ?? '', h.read])),
          now,
          launching,
        });
        for (const batch of result.changeBatches) expect(zone.apply(batch)).toBeUndefined();
        if (result.services.some((svc) => svc.failOpen)) return;
        const shares = resolveShares(zone.records(), ZONE_ID, service.recordName, 'A', [
          ...REGIONS,
        ]);
        reads.forEach(({ instances }, i) => {
          instances.forEach((instance, n) => {
            const d = (after[i] ?? [])[n];
            if (d === undefined || instance.publicIp === undefined) return;
            const share = shares.get(instance.publicIp) ?? 0;
            const wasAnswered = (answeredBefore.get(instance.publicIp) ?? 0) > 0;
            const hookHolds =
              d.lifecycle === 'Pending:Wait' && (launching.has(instance.id) || wasAnswered);
            const outOfService =
              d.lifecycle !== undefined && d.lifecycle !== 'InService' && !hookHolds;
            const grace = service.health.readiness.graceSeconds;
            const notReady =
              (service.health.readiness.statusOk && d.status !== 'ok') || d.age < grace;
            if (outOfService) expect(share).toBe(0);
            if (notReady && !wasAnswered) expect(share).toBe(0);
          });
        });
      }),
      { numRuns: 200 },
    );
  });
});
