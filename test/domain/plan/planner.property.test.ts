import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instance, RegionRead } from '../../../shared/domain/fleet/fleet.js';
import { plan, type PlanInput } from '../../../shared/domain/plan/planner.js';
import { recordKey, rrsetKey, type ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import { conditionName, managedNamePatterns } from '../../../shared/domain/plan/roots.js';
import type { RebalancerSpec, ServiceSpec } from '../../../shared/domain/spec.js';
import {
  observation,
  OWNER,
  regionSpec,
  serviceSpec,
  spec,
  TYPES,
} from '../../support/builders.js';
import { zoneWith } from '../../support/zone.js';

const REGIONS = ['us-east-2', 'eu-west-1', 'ap-south-1'] as const;
const TYPE_NAMES = [...TYPES.keys()];

const instanceArb = (region: string, n: number) =>
  fc
    .record({
      state: fc.constantFrom(
        'running',
        'running',
        'running',
        'running',
        'stopped',
        'pending',
        'terminated',
      ),
      zone: fc.constantFrom('a', 'b', 'c'),
      type: fc.constantFrom(...TYPE_NAMES),
      drain: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
      ip: fc.integer({ min: 1, max: 60 }),
    })
    .map((x): Instance => ({
      id: `i-${region.replace(/-/g, '')}${String(n).padStart(6, '0')}`,
      region,
      zone: `${region}${x.zone}`,
      instanceType: x.type,
      state: x.state,
      launchTime: undefined,
      tags: { 'rebalancer:service': 'api', ...(x.drain ? { 'rebalancer:drain': 'true' } : {}) },
      publicIp: `198.51.${REGIONS.indexOf(region as (typeof REGIONS)[number])}.${x.ip}`,
      privateIp: undefined,
      ipv6: undefined,
    }));

const fleetArb = (region: string) =>
  fc
    .integer({ min: 0, max: 14 })
    .chain((count) => fc.tuple(...Array.from({ length: count }, (_, n) => instanceArb(region, n))));

/** Instances with unique addresses (EC2 never hands one address to two running instances). */
function dedupe(fleet: readonly Instance[]): Instance[] {
  const seen = new Set<string>();
  return fleet.filter((i) =>
    i.publicIp === undefined || seen.has(i.publicIp) ? false : (seen.add(i.publicIp), true),
  );
}

const specArb = fc
  .record({
    modes: fc.tuple(...REGIONS.map(() => fc.constantFrom('weighted', 'grouped'))),
    collapse: fc.tuple(...REGIONS.map(() => fc.boolean())),
    groupSize: fc.integer({ min: 2, max: 5 }),
    ttl: fc.constantFrom(30, 60),
  })
  .map(({ modes, collapse, groupSize, ttl }): RebalancerSpec =>
    spec([
      serviceSpec({
        ttl,
        regions: REGIONS.map((r, i) =>
          regionSpec(r, {
            mode: modes[i] as 'weighted' | 'grouped',
            collapseSingleInstance: collapse[i] ?? false,
            groupSize,
          }),
        ),
      }),
    ]),
  );

const worldArb = fc
  .tuple(...REGIONS.map((r) => fleetArb(r)))
  .map((fleets) => new Map(REGIONS.map((r, i) => [r, dedupe(fleets[i] ?? [])])));

const foreignArb = fc.array(
  fc.record({
    region: fc.constantFrom(...REGIONS),
    id: fc.integer({ min: 0, max: 3 }),
    weight: fc.integer({ min: 0, max: 255 }),
    other: fc.boolean(),
  }),
  { maxLength: 3 },
);

function foreignRecords(
  items: { region: string; id: number; weight: number; other: boolean }[],
): ResourceRecordSet[] {
  const records = items.map((f): ResourceRecordSet =>
    f.other
      ? {
          Name: `other-${f.id}.example.com.`,
          Type: 'A',
          TTL: 300,
          ResourceRecords: [{ Value: '192.0.2.9' }],
        }
      : {
          Name: `${f.region}.api.example.com.`,
          Type: 'A',
          SetIdentifier: `someone-else-${f.id}`,
          Weight: f.weight,
          TTL: 60,
          ResourceRecords: [{ Value: '192.0.2.10' }],
        },
  );
  return [...new Map(records.map((r) => [recordKey(r), r])).values()];
}

function regionsOf(
  world: Map<string, Instance[]>,
  failing: readonly boolean[] = [],
): Map<string, RegionRead> {
  return new Map(
    REGIONS.map((r, i): [string, RegionRead] => [
      r,
      failing[i] === true ? { region: r, error: 'boom' } : observation(r, world.get(r) ?? []),
    ]),
  );
}

/** A zone as a previous run would have left it (possibly with another TTL), plus records of others. */
function startingZone(
  s: RebalancerSpec,
  before: Map<string, Instance[]>,
  foreign: ResourceRecordSet[],
) {
  const zone = zoneWith();
  const previous = { ...s, services: s.services.map((svc): ServiceSpec => ({ ...svc, ttl: 120 })) };
  for (const batch of plan({ spec: previous, records: [], regions: regionsOf(before) })
    .changeBatches)
    expect(zone.apply(batch)).toBeUndefined();
  // Foreign weighted records must share the TTL of our weighted set to be valid at all.
  for (const record of foreign)
    zone.apply({
      Changes: [
        {
          Action: 'CREATE',
          ResourceRecordSet: { ...record, TTL: record.Weight === undefined ? 300 : 120 },
        },
      ],
    });
  return zone;
}

const scenario = fc.record({
  spec: specArb,
  before: worldArb,
  after: worldArb,
  foreign: foreignArb,
  failing: fc.tuple(...REGIONS.map(() => fc.integer({ min: 0, max: 4 }).map((n) => n === 0))),
});

describe('plan, over random fleets and zones', () => {
  it('only produces batches Route 53 accepts, and re-planning after applying them changes nothing', () => {
    fc.assert(
      fc.property(scenario, ({ spec: s, before, after, foreign, failing }) => {
        const zone = startingZone(s, before, foreignRecords(foreign));
        const input: PlanInput = {
          spec: s,
          records: zone.records(),
          regions: regionsOf(after, failing),
        };
        const first = plan(input);
        for (const batch of first.changeBatches) expect(zone.apply(batch)).toBeUndefined();
        const second = plan({ ...input, records: zone.records() });
        expect(second.changeBatches).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('never changes a record of someone else', () => {
    fc.assert(
      fc.property(scenario, ({ spec: s, before, after, foreign, failing }) => {
        const zone = startingZone(s, before, foreignRecords(foreign));
        const theirs = new Set(
          zone
            .records()
            .filter(
              (r) =>
                !(r.SetIdentifier?.startsWith(`${OWNER}/`) ?? false) &&
                r.Name !== 'api.example.com.' &&
                !r.Name.includes('endpoint-'),
            )
            .map(recordKey),
        );
        const result = plan({
          spec: s,
          records: zone.records(),
          regions: regionsOf(after, failing),
        });
        for (const change of result.changeBatches.flatMap((b) => b.Changes))
          expect(theirs.has(recordKey(change.ResourceRecordSet))).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('leaves the records of a region it could not read exactly as they were', () => {
    fc.assert(
      fc.property(scenario, ({ spec: s, before, after, foreign }) => {
        const zone = startingZone(s, before, foreignRecords(foreign));
        const result = plan({
          spec: s,
          records: zone.records(),
          regions: regionsOf(after, [true, false, false]),
        });
        const touched = result.changeBatches
          .flatMap((b) => b.Changes)
          .filter(
            (c) =>
              c.ResourceRecordSet.Name.includes('us-east-2') ||
              c.ResourceRecordSet.Region === 'us-east-2',
          );
        expect(touched).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('gives serving instances shares that follow capacity, and keeps groups across zones', () => {
    fc.assert(
      fc.property(specArb, worldArb, (s, world) => {
        const result = plan({ spec: s, records: [], regions: regionsOf(world) });
        for (const region of result.services.flatMap((svc) => svc.regions)) {
          if (region.collapsed || region.status === 'fail-open') continue;
          if (region.mode === 'weighted') {
            const serving = region.routes.filter((r) => r.member.health.status === 'healthy');
            const capacity = serving.reduce((sum, r) => sum + r.member.capacity.value, 0);
            for (const r of serving)
              expect(Math.abs(r.share - r.member.capacity.value / capacity)).toBeLessThan(0.005);
          } else {
            const zones = new Map<string, number>();
            const serving = region.routes.filter((r) => r.group !== undefined);
            for (const r of serving)
              zones.set(r.member.instance.zone, (zones.get(r.member.instance.zone) ?? 0) + 1);
            const k = region.groups.length;
            const feasible =
              zones.size >= 2 &&
              Math.max(...zones.values()) <= serving.length - k &&
              region.groups.every((g) => g.members.length >= 2);
            if (feasible)
              for (const g of region.groups) expect(g.zones.length).toBeGreaterThanOrEqual(2);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never leaves more than 100 records under one name and type, nor a batch over Route 53 limits', () => {
    fc.assert(
      fc.property(specArb, worldArb, (s, world) => {
        const zone = zoneWith();
        const result = plan({ spec: s, records: [], regions: regionsOf(world) });
        for (const batch of result.changeBatches) {
          expect(
            batch.Changes.reduce(
              (n, c) => n + (c.ResourceRecordSet.ResourceRecords?.length ?? 1),
              0,
            ),
          ).toBeLessThanOrEqual(1000);
          expect(zone.apply(batch)).toBeUndefined();
        }
        const sizes = new Map<string, number>();
        for (const r of zone.records()) sizes.set(rrsetKey(r), (sizes.get(rrsetKey(r)) ?? 0) + 1);
        for (const size of sizes.values()) expect(size).toBeLessThanOrEqual(100);
      }),
      { numRuns: 50 },
    );
  });

  it('only ever writes names the deployed role may write (the IAM condition patterns)', () => {
    fc.assert(
      fc.property(scenario, ({ spec: s, before, after, foreign, failing }) => {
        const zone = startingZone(s, before, foreignRecords(foreign));
        // A configuration that dropped a region: its orphans must not be written outside the patterns.
        const shrunk = {
          ...s,
          services: s.services.map((svc) => ({ ...svc, regions: svc.regions.slice(1) })),
        };
        for (const config of [s, shrunk]) {
          const patterns = managedNamePatterns(config).map(
            (p) => new RegExp(`^${p.replace(/[.\\]/g, (c) => `\\${c}`).replace(/\*/g, '[^.]*')}$`),
          );
          const result = plan({
            spec: config,
            records: zone.records(),
            regions: regionsOf(after, failing),
          });
          for (const change of result.changeBatches.flatMap((b) => b.Changes)) {
            const name = conditionName(change.ResourceRecordSet.Name);
            expect(
              patterns.some((p) => p.test(name)),
              name,
            ).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never leaves a latency name that had a routing record of ours without one, whatever the configuration became', () => {
    const regionSet = fc.subarray([...REGIONS], { minLength: 1 });
    const change = fc.record({
      before: regionSet,
      after: regionSet,
      limit: fc.option(fc.constantFrom(0.3, 0.5, 1), { nil: undefined }),
      force: fc.boolean(),
      scope: fc.option(fc.constantFrom(...REGIONS), { nil: undefined }),
    });
    const only = (
      s: RebalancerSpec,
      regions: readonly string[],
      limit?: number,
    ): RebalancerSpec => ({
      ...s,
      services: s.services.map((svc) => ({
        ...svc,
        regions: svc.regions.filter((r) => regions.includes(r.region)),
        safety: { maxCapacityRemovedShare: limit },
      })),
    });
    const routes = (records: readonly ResourceRecordSet[]) =>
      records.some(
        (r) =>
          r.Name === 'api.example.com.' &&
          r.Region !== undefined &&
          (r.SetIdentifier?.startsWith(`${OWNER}/`) ?? false),
      );
    fc.assert(
      fc.property(scenario, change, ({ spec: s, before, after, failing }, c) => {
        const zone = startingZone(only(s, c.before), before, []);
        const had = routes(zone.records());
        const result = plan({
          spec: only(s, c.after, c.limit),
          records: zone.records(),
          regions: regionsOf(after, failing),
          force: c.force,
          scope: c.scope === undefined ? undefined : [{ region: c.scope }],
        });
        for (const batch of result.changeBatches) expect(zone.apply(batch)).toBeUndefined();
        if (had) expect(routes(zone.records())).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(specArb, worldArb, (s, world) => {
        expect(plan({ spec: s, records: [], regions: regionsOf(world) })).toEqual(
          plan({ spec: s, records: [], regions: regionsOf(world) }),
        );
      }),
      { numRuns: 30 },
    );
  });
});
