import type { UnitCurrent } from './current.js';
import { parseBinName } from '../layout/layout.js';
import type { Member } from '../fleet/members.js';
import { ownedKey } from './ownership.js';
import { recordValues } from '../dns/records.js';
import type { PreviousLayout } from '../layout/render.js';

/** Where our records put each instance before this plan: the basis of stable placement. */
export function previousLayout(
  unit: UnitCurrent,
  members: readonly Member[],
  ownerId: string,
): PreviousLayout {
  const grouped = unit.region.mode === 'grouped';
  const idByAddress = new Map<string, string>();
  if (grouped)
    for (const m of members) if (m.address !== undefined) idByAddress.set(m.address, m.instance.id);
  const groupOf = new Map<string, number>();
  const shardOf = new Map<string, number>();
  const shardIndexes = new Set<number>();
  let groups = 0;
  for (const record of unit.owned) {
    // Most records sit at the regional or latency name itself, which are no bins.
    if (record.Name === unit.region.name || record.Name === unit.service.recordName) continue;
    const bin = parseBinName(record.Name, unit.region.name);
    if (grouped && bin?.kind === 'endpoint' && record.Type === unit.service.type) {
      groups++;
      for (const value of recordValues(record)) {
        const id = idByAddress.get(value);
        if (id !== undefined) groupOf.set(id, bin.index);
      }
    }
    const key = ownedKey(record.SetIdentifier, ownerId);
    if (bin?.kind === 'shard' && key !== undefined) {
      shardOf.set(key, bin.index);
      shardIndexes.add(bin.index);
    }
  }
  return { groupOf, groups, shardOf, shards: shardIndexes.size };
}
