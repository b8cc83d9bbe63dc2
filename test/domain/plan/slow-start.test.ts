import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../shared/domain/fleet/fleet.js';
import { READY_SINCE_TAG } from '../../../shared/domain/fleet/slow-start.js';
import { MAX_WEIGHT } from '../../../shared/domain/layout/weights.js';
import { plan } from '../../../shared/domain/plan/planner.js';
import type { RegionPlan } from '../../../shared/domain/plan/plan.js';
import type { ServiceSpec } from '../../../shared/domain/spec.js';
import {
  instance,
  observation,
  regionSpec,
  serviceSpec,
  SERVICE_TAGS,
  spec,
  TYPES,
} from '../../support/builders.js';
import { applyPlan, zoneWith } from '../../support/zone.js';

/*
 * Slow start through the planner: a new instance beside mature ones gets a
 * fraction of its full weight, step by step, and every weight still keeps
 * the planner's bounds.
 */

const REGION = 'us-east-2';
const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const slow = (overrides: Partial<ServiceSpec> = {}): ServiceSpec =>
  serviceSpec({ slowStart: { windowSeconds: 240, steps: 4 }, ...overrides });

const old = [1, 2].map((n) => instance({ n, launchTime: iso(NOW - 86_400_000) }));
const fresh = instance({ n: 3, launchTime: iso(NOW - 300_000) });

function regionOf(result: ReturnType<typeof plan>): RegionPlan {
  const region = result.services[0]?.regions[0];
  if (region === undefined) throw new Error('no region planned');
  return region;
}

const weights = (region: RegionPlan): Record<string, number | undefined> =>
  Object.fromEntries(region.routes.map((r) => [r.member.instance.id, r.weight]));

/** The zone after a plan of the mature instances alone, then the plan with `fleet` at `now`. */
function planAfterMature(service: ServiceSpec, fleet: readonly Instance[], now: number) {
  const s = spec([service]);
  const zone = zoneWith();
  const first = plan({
    spec: s,
    records: [],
    regions: new Map([[REGION, observation(REGION, old)]]),
    now: NOW - 3_600_000,
  });
  applyPlan(zone, first);
  return plan({
    spec: s,
    records: zone.records(),
    regions: new Map([[REGION, observation(REGION, fleet)]]),
    now,
  });
}

describe('slow start in the plan', () => {
  it('gives a new instance a fifth of its weight at step 1 of 4, and says so', () => {
    const region = regionOf(planAfterMature(slow(), [...old, fresh], NOW));
    expect(weights(region)).toEqual({
      [old[0]?.id ?? '']: 255,
      [old[1]?.id ?? '']: 255,
      [fresh.id]: 51,
    });
    const member = region.members.find((m) => m.instance.id === fresh.id);
    expect(member?.health.reasons).toEqual(['slow start 1/4']);
    expect(member?.recordReadySince).toBe(NOW);
    expect(member?.ramp?.nextAt).toBe(NOW + 60_000);
  });

  it('steps up from its recorded start, and reaches full weight at the window', () => {
    const tagged = { ...fresh, tags: { ...SERVICE_TAGS, [READY_SINCE_TAG]: iso(NOW) } };
    const fleet = [...old, tagged];
    const at = (seconds: number) =>
      weights(regionOf(planAfterMature(slow(), fleet, NOW + seconds * 1000)))[fresh.id];
    expect([at(0), at(60), at(120), at(180), at(239), at(240)]).toEqual([
      51, 102, 153, 204, 204, 255,
    ]);
    const later = regionOf(planAfterMature(slow(), fleet, NOW + 60_000));
    expect(later.members.find((m) => m.instance.id === fresh.id)?.recordReadySince).toBeUndefined();
  });

  it('without slowStart, the new instance takes its full weight at once', () => {
    const region = regionOf(planAfterMature(serviceSpec(), [...old, fresh], NOW));
    expect(weights(region)[fresh.id]).toBe(255);
  });

  it('does not ramp when every instance is new: a first deploy', () => {
    const s = spec([slow()]);
    const result = plan({
      spec: s,
      records: [],
      regions: new Map([[REGION, observation(REGION, [...old, fresh])]]),
      now: NOW,
    });
    expect(Object.values(weights(regionOf(result)))).toEqual([255, 255, 255]);
  });

  it('leaves a grouped region as it would be without slow start', () => {
    const grouped = (service: ServiceSpec) =>
      regionOf(planAfterMature(service, [...old, fresh], NOW)).routes.map((r) => r.share);
    const mode = { regions: [regionSpec(REGION, { mode: 'grouped' })] };
    expect(grouped(slow(mode))).toEqual(grouped(serviceSpec(mode)));
  });
});

describe('slow start keeps every weight within the planner’s bounds', () => {
  const memberArb = fc.record({
    type: fc.constantFrom(...TYPES.keys()),
    // Seconds since the ready-since tag; undefined: no tag (new, or answered before slow start).
    since: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
    answered: fc.boolean(),
  });

  it('0..255, at least 1 when serving; a ramping instance weighs its fraction of its capacity against a mature one', () => {
    fc.assert(
      fc.property(
        fc.array(memberArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 60, max: 1800 }),
        fc.integer({ min: 1, max: 10 }),
        (drawn, window, steps) => {
          const fleet = drawn.map((d, i) =>
            instance({
              n: 10 + i,
              instanceType: d.type,
              launchTime: iso(NOW - 86_400_000),
              tags: {
                ...SERVICE_TAGS,
                ...(d.since !== undefined && { [READY_SINCE_TAG]: iso(NOW - d.since * 1000) }),
              },
            }),
          );
          const answered = fleet.filter((_, i) => drawn[i]?.answered === true);
          const service = serviceSpec({ slowStart: { windowSeconds: window, steps } });
          const zone = zoneWith();
          applyPlan(
            zone,
            plan({
              spec: spec([service]),
              records: [],
              regions: new Map([[REGION, observation(REGION, answered)]]),
              now: NOW - 86_400_000,
            }),
          );
          const region = regionOf(
            plan({
              spec: spec([service]),
              records: zone.records(),
              regions: new Map([[REGION, observation(REGION, fleet)]]),
              now: NOW,
            }),
          );
          const effective = (r: (typeof region.routes)[number]) =>
            r.member.capacity.value * (r.member.ramp?.fraction ?? 1);
          const mature = region.routes.filter((r) => r.member.ramp === undefined);
          for (const route of region.routes) {
            const weight = route.weight ?? -1;
            expect(Number.isInteger(weight) && weight >= 1 && weight <= MAX_WEIGHT).toBe(true);
            if (route.member.ramp === undefined) continue;
            expect(route.member.ramp.fraction).toBeLessThan(1);
            for (const m of mature) {
              // Rounding moves each weight by at most a half (or lifts it to 1).
              const ratio = effective(route) / effective(m);
              expect(Math.abs(weight - (m.weight ?? 0) * ratio)).toBeLessThanOrEqual(1 + ratio);
            }
          }
          // Something ramps only beside a mature instance.
          if (region.routes.some((r) => r.member.ramp !== undefined))
            expect(mature.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
