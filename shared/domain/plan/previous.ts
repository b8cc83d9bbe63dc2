import type { UnitCurrent } from './current.js';
import { parseBinName } from '../layout/layout.js';
import type { Member } from '../fleet/members.js';
import { ownedKey } from './ownership.js';
import type { PreviousLayout } from '../layout/render.js';

/**
 * Where our records put each instance before this plan: the basis of stable
 * placement. `byAddress` is the region's members by address (the last of an
 * address wins), read only for a grouped region.
 */
export function previousLayout(
  unit: UnitCurrent,
  byAddress: () => ReadonlyMap<string, Member>,
  ownerId: string,
): PreviousLayout {
  const grouped = unit.region.mode === 'grouped';
  const members = grouped ? byAddress() : undefined;
  const groupOf = new Map<string, number>();
  const shardOf = new Map<string, number>();
  const shardIndexes = new Set<number>();
  let groups = 0;
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
      if (members === undefined || record.Type !== unit.service.type) continue;
      groups++;
      for (const { Value } of record.ResourceRecords ?? []) {
        const member = members.get(Value);
        if (member !== undefined) groupOf.set(member.instance.id, bin.index);
      }
      continue;
    }
    const key = ownedKey(record.SetIdentifier, ownerId);
    if (key !== undefined) {
      shardOf.set(key, bin.index);
      shardIndexes.add(bin.index);
    }
  }
  return { groupOf, groups, shardOf, shards: shardIndexes.size };
}
