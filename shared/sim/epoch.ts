import type { RegionObservation } from '../domain/fleet/fleet.js';

/** The moment a scenario starts when its state file holds nothing later: t+0s. */
export const START = Date.UTC(2026, 0, 1);

const HOUR = 3_600_000;

/**
 * When a simulation's clock starts (epoch milliseconds): START, or the first
 * whole hour after the latest LaunchTime of the state file, so that every
 * instance was launched before t+0s (a snapshot taken today must not look
 * launched in the future, where no readiness grace would ever pass).
 */
export function simulationStart(regions: ReadonlyMap<string, RegionObservation>): number {
  let latest = START;
  for (const observed of regions.values())
    for (const instance of observed.instances) {
      const launched = instance.launchTime === undefined ? NaN : Date.parse(instance.launchTime);
      if (Number.isFinite(launched) && launched > latest)
        latest = Math.ceil(launched / HOUR) * HOUR;
    }
  return latest;
}
