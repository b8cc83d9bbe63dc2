import { describe, expect, it } from 'vitest';
import { bothPasses, byBothPasses, passOrder, type PlanResult } from '../../bench/plan-passes.js';
import { allocationText, growth, growthFrom } from '../../bench/plan.js';

function result(instances: number, ms: number, overrides: Partial<PlanResult> = {}): PlanResult {
  return {
    shape: 'grouped',
    instances,
    records: instances / 10,
    steadyChanges: instances / 50,
    coldMs: ms,
    steadyMs: ms,
    floorColdMs: ms / 4,
    floorSteadyMs: ms / 4,
    coldCpuMs: ms,
    steadyCpuMs: ms,
    floorColdCpuMs: ms / 4,
    floorSteadyCpuMs: ms / 4,
    preflightColdCpuMs: ms / 10,
    preflightSteadyCpuMs: ms / 10,
    floorCheck: 'same changes',
    peakRssMiB: 100,
    planRssGrowthMiB: 10,
    ...overrides,
  };
}

describe('the planning bench passes', () => {
  it('runs each size going up the ladder, then each coming down', () => {
    expect(passOrder([5, 10, 20, 40])).toEqual([5, 10, 20, 40, 40, 20, 10, 5]);
  });

  it('cancels a drift that grows over the run: linear plans read linear again', () => {
    // Plans that take 1 ms per instance, on a machine that slows by 10 % with every process.
    const sizes = [5_000, 10_000, 20_000, 40_000];
    const drifted = passOrder(sizes).map((n, i) => result(n, (n / 1000) * (1 + 0.1 * i)));
    const oneWay = drifted.slice(0, 4);
    const worst = (rs: readonly PlanResult[]) => Math.max(...growth(rs, (r) => r.coldCpuMs));
    expect(worst(oneWay)).toBeGreaterThan(2.15);
    expect(worst(byBothPasses(sizes, drifted))).toBeLessThan(2.05);
  });

  it("judges linearity on the steps from 10k instances up, the goal's range, and on every step when asked", () => {
    const sizes = [5_000, 10_000, 20_000, 40_000];
    // 1 ms a plan at 5k, then x3, x2, x2: only the step below 10k is over.
    const rs = sizes.map((n, i) => result(n, [1, 3, 6, 12][i] ?? 0));
    const cold = (r: PlanResult) => r.coldCpuMs;
    expect(growth(rs, cold)).toEqual([3, 2, 2]);
    expect(growthFrom(rs, cold)).toEqual([2, 2]);
    expect(growthFrom(rs, cold, 5_000)).toEqual([3, 2, 2]);
    expect(growthFrom(rs.slice(0, 1), cold)).toEqual([]);
  });

  it('averages the timings, keeps the larger peak and any failed floor check', () => {
    const up = result(10_000, 100, { peakRssMiB: 120 });
    const down = result(10_000, 140, { planRssGrowthMiB: 30, floorCheck: '2 changes differ' });
    const both = bothPasses(up, down);
    expect(both.coldCpuMs).toBe(120);
    expect(both.floorSteadyCpuMs).toBe(30);
    expect(both.preflightColdCpuMs).toBe(12);
    expect(both.peakRssMiB).toBe(120);
    expect(both.planRssGrowthMiB).toBe(30);
    expect(both.floorCheck).toBe('2 changes differ');
    expect(both.records).toBe(1000);
  });

  it('refuses two passes that planned different records, or a size without both', () => {
    expect(() => bothPasses(result(10_000, 100), result(10_000, 100, { records: 7 }))).toThrow(
      /the two passes planned differently: grouped 10000 \(1000 records/,
    );
    expect(() => byBothPasses([10_000], [result(10_000, 100)])).toThrow(
      'expected two results at 10000 instances, got 1',
    );
  });
});

describe("a plan's allocation", () => {
  it('is printed in MiB and per instance', () => {
    expect(allocationText(2, 1024)).toBe('2.0 MiB (2048 B an instance)');
  });

  it('says when every plan had a collection inside it', () => {
    expect(allocationText(undefined, 1024)).toBe(
      'not measured (a collection ran inside every plan)',
    );
  });
});
