import type { UnitCurrent } from './current.js';
import type { Member } from '../fleet/members.js';
import { ownershipMarkerType } from './ownership.js';
import { recordValues } from '../dns/records.js';
import type { RenderedRegion } from '../layout/render.js';

/** The addresses the region's records send traffic to now, read from the records we own (the A tree of a dual-stack service, which its AAAA tree mirrors). */
export function routedAddresses(unit: UnitCurrent): Set<string> {
  const latency = unit.latency;
  if (latency === undefined) return new Set();
  if (latency.AliasTarget === undefined) return new Set(recordValues(latency));
  const addresses = new Set<string>();
  for (const record of unit.owned) {
    if (
      record === latency ||
      record.AliasTarget !== undefined ||
      record.Type === ownershipMarkerType ||
      record.Type !== unit.service.type
    )
      continue;
    if (record.Weight === 0) continue;
    for (const value of recordValues(record)) addresses.add(value);
  }
  return addresses;
}

/** The addresses the rendered region will send traffic to. */
export function plannedAddresses(rendered: RenderedRegion): Set<string> {
  if (rendered.latency === undefined) return new Set();
  return new Set(
    rendered.routes
      .filter((r) => r.share > 0)
      .flatMap((r) => (r.member.address === undefined ? [] : [r.member.address])),
  );
}

/**
 * The share of the region's routed capacity that the plan stops routing to.
 * Addresses we no longer know (the instance is gone) count at the average
 * capacity of the members we do know.
 */
export function capacityRemovedShare(
  now: ReadonlySet<string>,
  next: ReadonlySet<string>,
  members: readonly Member[],
): number {
  if (now.size === 0) return 0;
  const byAddress = new Map(
    members.flatMap((m) =>
      m.address === undefined ? [] : [[m.address, m.capacity.value] as const],
    ),
  );
  const known = [...byAddress.values()];
  const fallback = known.length === 0 ? 1 : known.reduce((a, b) => a + b, 0) / known.length;
  const capacity = (address: string) => byAddress.get(address) ?? fallback;
  let total = 0;
  let removed = 0;
  for (const address of now) {
    total += capacity(address);
    if (!next.has(address)) removed += capacity(address);
  }
  return total === 0 ? 0 : removed / total;
}
