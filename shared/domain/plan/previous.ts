import type { UnitCurrent } from './current.js';
import { parseBinName } from '../layout/layout.js';
import { ownedSetIdentifier } from './ownership.js';
import type { PreviousLayout } from '../layout/render.js';
import type { Member } from '../fleet/members.js';
import { memberAtAddress, type RegionAddresses } from './safety.js';

/**
 * Where our records put each instance before this plan: the basis of stable
 * placement. A grouped region's group values find their members through
 * `addresses` (the last member of an address).
 */
export function previousLayout(
  unit: UnitCurrent,
  members: readonly Member[],
  addresses: RegionAddresses,
  ownerId: string,
): PreviousLayout {
  const grouped = unit.region.mode === 'grouped';
  /*
   * A slot per member by its index, not a map by instance id: no hashing. Made
   * whole, -1 for none: an array grown by writes at scattered indexes turned to
   * a dictionary in V8, and the grouped layout's optimized loop over it was
   * thrown away whenever the next plan's array was the other kind.
   */
  const groupAt = new Int32Array(grouped ? members.length : 0).fill(-1);
  const shardOf = new Map<string, number>();
  const shardIndexes = new Set<number>();
  let groups = 0;
  // ownedKey's prefix, made once and not once a record: only our records say where our children were.
  const prefix = ownedSetIdentifier(ownerId, '');
  // The records of one name come together: its bin is worked out once for them all.
  let name: string | undefined;
  let bin: ReturnType<typeof parseBinName>;
  for (const record of unit.owned) {
    // Most records sit at the regional or latency name itself, which are no bins.
    if (record.Name === unit.region.name || record.Name === unit.service.recordName) continue;
    if (record.Name !== name) {
      name = record.Name;
      bin = parseBinName(name, unit.region.name);
    }
    if (bin === undefined) continue;
    if (bin.kind === 'endpoint') {
      if (!grouped || record.Type !== unit.service.type) continue;
      groups++;
      // Members are indexed by address at the first group record: an empty zone never asks.
      for (const { Value } of record.ResourceRecords ?? []) {
        const at = memberAtAddress(addresses, members, Value);
        if (at !== undefined) groupAt[at] = bin.index;
      }
      continue;
    }
    const id = record.SetIdentifier;
    if (id?.startsWith(prefix) === true) {
      shardOf.set(id, bin.index);
      shardIndexes.add(bin.index);
    }
  }
  return { groupAt, groups, shardOf, shards: shardIndexes.size };
}
