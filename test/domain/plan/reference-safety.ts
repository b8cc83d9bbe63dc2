/** The safety limit's address sets as they were (a Set or Map per question): the reference RegionAddresses is tested against. */
import type { UnitCurrent } from '../../../shared/domain/plan/current.js';
import type { Member } from '../../../shared/domain/fleet/members.js';
import { answersWithValues } from '../../../shared/domain/plan/safety.js';
import type { ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import type { RenderedRegion } from '../../../shared/domain/layout/render.js';

function valuesInto(addresses: Set<string>, record: ResourceRecordSet): Set<string> {
  for (const { Value } of record.ResourceRecords ?? []) addresses.add(Value);
  return addresses;
}

/** The addresses the region's records send traffic to now. */
export function referenceRoutedAddresses(unit: UnitCurrent): Set<string> {
  const latency = unit.latency;
  const addresses = new Set<string>();
  if (latency === undefined) return addresses;
  if (latency.AliasTarget === undefined) return valuesInto(addresses, latency);
  // Which records answer is the rule itself, not what this reference checks: shared.
  for (const record of unit.owned)
    if (answersWithValues(unit, record)) valuesInto(addresses, record);
  return addresses;
}

/** The addresses the rendered region will send traffic to. */
export function referencePlannedAddresses(rendered: RenderedRegion): Set<string> {
  const addresses = new Set<string>();
  if (rendered.latency === undefined) return addresses;
  for (const route of rendered.routes) {
    const address = route.member.address;
    if (route.share > 0 && address !== undefined) addresses.add(address);
  }
  return addresses;
}

/** The index of the region's member of each address, the last of an address winning. */
export function referenceMembersByAddress(members: readonly Member[]): Map<string, number> {
  const byAddress = new Map<string, number>();
  for (let at = 0; at < members.length; at++) {
    const address = (members[at] as Member).address;
    if (address !== undefined) byAddress.set(address, at);
  }
  return byAddress;
}

const capacityAt = (members: readonly Member[], at: number) => members[at]?.capacity.value ?? 1;

/** The share of the routed capacity the plan stops routing to, as it was computed from the sets. */
export function referenceCapacityRemovedShare(
  now: ReadonlySet<string>,
  next: ReadonlySet<string>,
  members: readonly Member[],
  byAddress: ReadonlyMap<string, number>,
): number {
  if (now.size === 0) return 0;
  let known = 0;
  for (const at of byAddress.values()) known += capacityAt(members, at);
  const fallback = byAddress.size === 0 ? 1 : known / byAddress.size;
  let total = 0;
  let removed = 0;
  for (const address of now) {
    const at = byAddress.get(address);
    const capacity = at === undefined ? fallback : capacityAt(members, at);
    total += capacity;
    if (!next.has(address)) removed += capacity;
  }
  return total === 0 ? 0 : removed / total;
}
