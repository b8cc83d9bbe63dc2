import type { RegionRead } from '../domain/fleet/fleet.js';
import type { ResourceRecordSet } from '../domain/dns/records.js';
import { managedRoots, regionsInScope } from '../domain/plan/roots.js';
import type { PlanScope } from '../domain/scope.js';
import type { RebalancerSpec } from '../domain/spec.js';
import type { RegionReader, ZoneReader } from './ports.js';

export interface World {
  readonly records: readonly ResourceRecordSet[];
  readonly regions: ReadonlyMap<string, RegionRead>;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads what a plan needs: the zone first, then all regions in parallel. The
 * order is what makes compare-and-swap enough. A write that lands after our
 * zone read makes our DELETEs stale, so our batch fails whole and we re-read;
 * a write that landed before it was planned from a fleet read older than
 * ours. Either way no plan pairs a zone with an older fleet, so none can undo
 * a newer write (read in parallel, a slow zone read could see a drain that our
 * fleet read, done earlier, missed, and restore the old weight). A region
 * whose read fails becomes a read failure (the planner skips it, never
 * empties it); a failed zone read fails the whole read.
 */
export async function readWorld(
  spec: RebalancerSpec,
  scope: PlanScope | undefined,
  zone: ZoneReader,
  readRegion: RegionReader,
): Promise<World> {
  const records = await zone.readRecords(managedRoots(spec, scope));
  const reads = await Promise.all(
    [...regionsInScope(spec, scope)].map(
      async ([region, services]): Promise<[string, RegionRead]> => {
        try {
          return [region, await readRegion(region, services)];
        } catch (error) {
          return [region, { region, error: describe(error) }];
        }
      },
    ),
  );
  return { records, regions: new Map(reads) };
}
