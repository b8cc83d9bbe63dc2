import type { UnitCurrent } from './current.js';
import type { Member } from '../fleet/members.js';
import type { ResourceRecordSet } from '../dns/records.js';
import type { RenderedRegion } from '../layout/render.js';

/** No member at a slot's address (or members not indexed yet). */
const NONE = -1;

interface MemberSlots {
  readonly members: readonly Member[];
  /** Per slot, the index of the last member at its address; NONE for none. */
  readonly memberAt: Int32Array;
  /** The slots of the members' addresses, in the order the members first hold them. */
  readonly held: readonly number[];
}

/**
 * A region's addresses, each hashed once. Slots 0 .. routed - 1 are the
 * addresses our records send traffic to now (the A tree of a dual-stack
 * service, which its AAAA tree mirrors), in the records' order; once the
 * members are indexed, each member's address not among them follows. What
 * the plan asks of an address (routed now, whose member it is, routed next)
 * is read from arrays by slot, not from a Set or Map built for each question:
 * at 10,000 addresses a region, a grouped plan against a zone a tenth
 * different took x0.87 the CPU without those sets.
 * A plain object and module-level functions, not a class: V8 threw away the
 * optimized code of such a class's methods in every plan ("weak objects").
 */
export interface RegionAddresses {
  readonly slots: Map<string, number>;
  /** How many addresses the records route to now. */
  readonly routed: number;
  /** Whether the records send traffic to `address` now. */
  readonly has: (this: RegionAddresses, address: string) => boolean;
  /** The members' addresses in slots, worked out at the first question about them. */
  indexed: MemberSlots | undefined;
}

/** The addresses the region's records send traffic to now, in slots. */
export function routedAddresses(unit: UnitCurrent): RegionAddresses {
  const slots = new Map<string, number>();
  const latency = unit.latency;
  if (latency !== undefined && latency.AliasTarget === undefined) slotsOf(slots, latency);
  else if (latency !== undefined) {
    for (const record of unit.owned) if (answersWithValues(unit, record)) slotsOf(slots, record);
  }
  return { slots, routed: slots.size, has, indexed: undefined };
}

/**
 * Whether `record`, one of the region's own below an alias latency record,
 * answers with its values: a record of the service's type (A or AAAA, so
 * never an ownership marker), not an alias, and not weighted 0.
 */
export function answersWithValues(unit: UnitCurrent, record: ResourceRecordSet): boolean {
  return (
    record !== unit.latency &&
    record.AliasTarget === undefined &&
    record.Type === unit.service.type &&
    record.Weight !== 0
  );
}

function slotsOf(slots: Map<string, number>, record: ResourceRecordSet): void {
  for (const { Value } of record.ResourceRecords ?? []) {
    if (slots.get(Value) === undefined) slots.set(Value, slots.size);
  }
}

function has(this: RegionAddresses, address: string): boolean {
  const slot = this.slots.get(address);
  return slot !== undefined && slot < this.routed;
}

function membersIn(addresses: RegionAddresses, members: readonly Member[]): MemberSlots {
  if (addresses.indexed?.members === members) return addresses.indexed;
  const { slots } = addresses;
  const memberAt = new Int32Array(addresses.routed + members.length).fill(NONE);
  const held: number[] = [];
  for (let at = 0; at < members.length; at++) {
    const address = (members[at] as Member).address;
    if (address === undefined) continue;
    let slot = slots.get(address);
    if (slot === undefined) {
      slot = slots.size;
      slots.set(address, slot);
    }
    if (memberAt[slot] === NONE) held.push(slot);
    memberAt[slot] = at;
  }
  return (addresses.indexed = { members, memberAt, held });
}

/** The index among `members` of the member at `address` (the last of an address), undefined for none. */
export function memberAtAddress(
  addresses: RegionAddresses,
  members: readonly Member[],
  address: string,
): number | undefined {
  const { memberAt } = membersIn(addresses, members);
  const slot = addresses.slots.get(address);
  const at = slot === undefined ? NONE : (memberAt[slot] ?? NONE);
  return at === NONE ? undefined : at;
}

/**
 * The share of the region's routed capacity that `rendered` stops routing
 * to. Addresses we no longer know (the instance is gone) count at the
 * average capacity of the members' addresses (each at its last member).
 */
export function capacityRemovedShare(
  addresses: RegionAddresses,
  members: readonly Member[],
  rendered: RenderedRegion,
): number {
  const { routed, slots } = addresses;
  if (routed === 0) return 0;
  const { memberAt, held } = membersIn(addresses, members);
  const next = new Uint8Array(routed);
  if (rendered.latency !== undefined) {
    for (const route of rendered.routes) {
      const address = route.member.address;
      if (route.share <= 0 || address === undefined) continue;
      const slot = slots.get(address);
      if (slot !== undefined && slot < routed) next[slot] = 1;
    }
  }
  let known = 0;
  for (const slot of held) known += capacityAt(members, memberAt[slot] ?? NONE);
  const fallback = held.length === 0 ? 1 : known / held.length;
  let total = 0;
  let removed = 0;
  for (let slot = 0; slot < routed; slot++) {
    const at = memberAt[slot] ?? NONE;
    const capacity = at === NONE ? fallback : capacityAt(members, at);
    total += capacity;
    if (next[slot] === 0) removed += capacity;
  }
  return total === 0 ? 0 : removed / total;
}

const capacityAt = (members: readonly Member[], at: number) => members[at]?.capacity.value ?? 1;
