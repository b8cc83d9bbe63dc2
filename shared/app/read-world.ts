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
 * Reads what a plan needs, all regions in parallel. A region whose read fails
 * becomes a read failure (the planner skips it, never empties it); a failed
 * zone read fails the whole read, since nothing can be planned without it.
 */
export async function readWorld(
  spec: RebalancerSpec,
  scope: PlanScope | undefined,
  zone: ZoneReader,
  readRegion: RegionReader,
): Promise<World> {
  const regions = [...regionsInScope(spec, scope)];
  const [records, reads] = await Promise.all([
    zone.readRecords(managedRoots(spec, scope)),
    Promise.all(
      regions.map(async ([region, services]): Promise<[string, RegionRead]> => {
        try {
          return [region, await readRegion(region, services)];
        } catch (error) {
          return [region, { region, error: describe(error) }];
        }
      }),
    ),
  ]);
  return { records, regions: new Map(reads) };
}
