import { isReadFailure, type RegionRead } from '../domain/fleet/fleet.js';
import type { ResourceRecordSet } from '../domain/dns/records.js';
import { regionsInScope } from '../domain/plan/roots.js';
import type { PlanScope } from '../domain/scope.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { zoneReads } from '../domain/zone-reads.js';
import type { RegionReader, ZoneReader } from './ports.js';

export interface World {
  readonly records: readonly ResourceRecordSet[];
  readonly regions: ReadonlyMap<string, RegionRead>;
}

/** How the read is bounded: regions read at once, and a check on what was read so far. */
export interface ReadLimits {
  /** Regions read at the same time; default REGIONS_AT_ONCE. */
  readonly regionsAtOnce?: number;
  /** Called with the counts after the zone and after each region; throws to stop the read. */
  readonly check?: (instances: number, records: number) => void;
}

/**
 * Four regions at a time: each region in flight holds a DescribeInstances page
 * (up to 1,000 instances) as the SDK parsed it, so reading twenty at once would
 * hold twenty; four keep EC2's latency mostly hidden.
 */
export const REGIONS_AT_ONCE = 2;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads what a plan needs (of the zone, only the part its scope covers: see
 * zoneReads): the zone first, then the regions, a few at a time. The order is
 * what makes compare-and-swap enough. A write that lands after our zone read
 * makes our DELETEs stale, so our batch fails whole and we re-read; a write
 * that landed before it was planned from a fleet read older than ours. Either
 * way no plan pairs a zone with an older fleet, so none can undo a newer write
 * (read in parallel, a slow zone read could see a drain that our fleet read,
 * done earlier, missed, and restore the old weight). A region whose read fails
 * becomes a read failure (the planner skips it, never empties it); a failed
 * zone read fails the whole read, and so does a failed `check`.
 */
export async function readWorld(
  spec: RebalancerSpec,
  scope: PlanScope | undefined,
  zone: ZoneReader,
  readRegion: RegionReader,
  limits: ReadLimits = {},
): Promise<World> {
  const reads = zoneReads(spec, scope);
  const records = await zone.readRecords(reads.roots, reads.names);
  let instances = 0;
  limits.check?.(instances, records.length);
  const pending = [...regionsInScope(spec, scope)];
  const regions = new Map<string, RegionRead>();
  let stopped: Error | undefined;
  async function worker(): Promise<void> {
    for (let next = pending.shift(); next !== undefined && stopped === undefined;) {
      const [region, services] = next;
      let read: RegionRead;
      try {
        read = await readRegion(region, services);
      } catch (error) {
        read = { region, error: describe(error) };
      }
      regions.set(region, read);
      if (!isReadFailure(read)) instances += read.instances.length;
      try {
        limits.check?.(instances, records.length);
      } catch (error) {
        stopped ??= error instanceof Error ? error : new Error(String(error));
      }
      next = pending.shift();
    }
  }
  const workers = Math.max(1, limits.regionsAtOnce ?? REGIONS_AT_ONCE);
  await Promise.all(Array.from({ length: workers }, worker));
  if (stopped !== undefined) throw stopped;
  // In configuration order, whatever order the reads ended in.
  const ordered = [...regionsInScope(spec, scope).keys()].flatMap((r): [string, RegionRead][] => {
    const read = regions.get(r);
    return read === undefined ? [] : [[r, read]];
  });
  return { records, regions: new Map(ordered) };
}
