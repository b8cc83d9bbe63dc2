import { describe, expect, it } from 'vitest';
import {
  fleetCapacity,
  memoryFor,
  SIZING,
  sizingProblem,
} from '../../../shared/domain/fleet/sizing.js';

describe('sizing', () => {
  it('the memory to configure always holds the fleet it was asked for, in steps of 64 MiB', () => {
    for (const instances of [0, 1, 10_000, 20_000, 45_000, 50_000, 100_000]) {
      const memory = memoryFor(instances);
      expect(memory % 64).toBe(0);
      expect(fleetCapacity(memory)).toBeGreaterThanOrEqual(instances);
      expect(sizingProblem(instances, instances, memory)).toBeUndefined();
    }
  });

  it('more memory never holds fewer instances, and nothing holds more than the supported maximum', () => {
    let last = 0;
    const max: number = SIZING.maxMemoryMiB;
    for (let memory: number = SIZING.minMemoryMiB; memory <= max; memory += 64) {
      expect(fleetCapacity(memory)).toBeGreaterThanOrEqual(last);
      last = fleetCapacity(memory);
    }
    expect(last).toBe(SIZING.maxInstances);
  });

  it('refuses a fleet beyond the memory, saying what was read and what to configure', () => {
    const capacity = fleetCapacity(256);
    expect(sizingProblem(capacity, 0, 256)).toBeUndefined();
    expect(sizingProblem(capacity + 1, 0, 256)).toBe(
      `${capacity + 1} instances and 0 records read: more than the ${capacity} a reconcile fits in 256 MiB; configure the reconcile and manual functions with at least ${memoryFor(capacity + 1)} MiB for what was read so far (the deploy parameter writerMemorySize; README, "Sizing")`,
    );
  });

  it('counts records like instances: a zone larger than the fleet is refused too', () => {
    const capacity = fleetCapacity(256);
    expect(sizingProblem(10, capacity + 1, 256)).toContain(
      `10 instances and ${capacity + 1} records read`,
    );
  });

  it('refuses more than the supported maximum whatever the memory, naming the way out', () => {
    expect(sizingProblem(SIZING.maxInstances + 1, 0, SIZING.maxMemoryMiB)).toBe(
      `${SIZING.maxInstances + 1} instances and 0 records read: more than the ${SIZING.maxInstances} instances a reconcile supports; split the configuration over several stacks (one per hosted zone or set of services)`,
    );
  });
});
