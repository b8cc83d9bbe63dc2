import type { UnitCurrent } from './current.js';
import type { Member } from '../fleet/members.js';
import { ownershipMarkerType } from './ownership.js';
import type { ResourceRecordSet } from '../dns/records.js';
import type { RenderedRegion } from '../layout/render.js';

/** The addresses the region's records send traffic to now, read from the records we own (the A tree of a dual-stack service, which its AAAA tree mirrors). */
export function routedAddresses(unit: UnitCurrent): Set<string> {
  const latency = unit.latency;
  const addresses = new Set<string>();
  if (latency === undefined) return addresses;
  if (latency.AliasTarget === undefined) return valuesInto(addresses, latency);
  for (const record of unit.owned) {
    if (
      record === latency ||
      record.AliasTarget !== undefined ||
      record.Type === ownershipMarkerType ||
      record.Type !== unit.service.type
    )
      continue;
    if (record.Weight === 0) continue;
    valuesInto(addresses, record);
  }
  return addresses;
}

function valuesInto(addresses: Set<string>, record: ResourceRecordSet): Set<string> {
  for (const { Value } of record.ResourceRecords ?? []) addresses.add(Value);
  return addresses;
}

/** The addresses the rendered region will send traffic to. */
export function plannedAddresses(rendered: RenderedRegion): Set<string> {
  const addresses = new Set<string>();
  if (rendered.latency === undefined) return addresses;
  for (const route of rendered.routes) {
    const address = route.member.address;
    if (route.share > 0 && address !== undefined) addresses.add(address);
  }
  return addresses;
}

/** The index of the region's member of each address, the last of an address winning. */
export function membersByAddress(members: readonly Member[]): Map<string, number> {
  const byAddress = new Map<string, number>();
  for (let at = 0; at < members.length; at++) {
    const address = (members[at] as Member).address;
    if (address !== undefined) byAddress.set(address, at);
  }
  return byAddress;
}

const capacityAt = (members: readonly Member[], at: number) => members[at]?.capacity.value ?? 1;

/**
 * The share of the region's routed capacity that the plan stops routing to.
 * Addresses we no longer know (the instance is gone) count at the average
 * capacity of the members we do know (`byAddress`, from membersByAddress).
 */
export function capacityRemovedShare(
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
