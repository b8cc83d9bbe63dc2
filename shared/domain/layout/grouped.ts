import { aliasTo, latencyRecord } from './aliases.js';
import { weightedSet, type FanOut, type WeightedChild } from './fan-out.js';
import { binLabel, binName, groupCount, MAX_GROUPS } from './layout.js';
import { isRoutable, isServing, type Member } from '../fleet/members.js';
import { ownershipMarker } from '../plan/ownership.js';
import { idOrder, placeIndexes, type PlacementFleet } from './placement.js';
import { recordSet, type ResourceRecordSet } from '../dns/records.js';
import { sortAddresses } from '../dns/address-order.js';
import type { GroupRow, RenderContext, RenderResult, RouteRow } from './render.js';

/**
 * A grouped region: multi-value groups of about `groupSize` addresses spanning
 * the zones, behind one weighted set of aliases at the regional name. Never
 * sharded, since latency -> regional -> group is already the three levels of
 * aliases Route 53 follows: beyond 100 groups the groups grow instead.
 */

/** The most addresses in one group: with MAX_GROUPS, 10,000 per region, as in weighted mode. */
export const MAX_GROUP_ADDRESSES = 100;

/** A multi-value group as placed: what its record and its row need, gathered in one pass over it. */
interface Group {
  readonly label: string;
  readonly name: string;
  readonly ids: readonly string[];
  /** Its members' addresses, in order. */
  readonly addresses: readonly string[];
  /** The zones it spans, in order. */
  readonly zones: readonly string[];
  readonly capacity: number;
}

interface Placement {
  readonly groups: Group[];
  /** The group index of each serving member, by its index among the members; -1 for none. */
  readonly groupOf: Int32Array;
}

/**
 * The serving members as placement numbers them (in id order: the members'
 * own order, as assessment sorts them), and what their groups need of them,
 * in arrays by that number: no object per member.
 */
interface Serving {
  readonly fleet: PlacementFleet;
  /** Each one's index among the members. */
  readonly at: Int32Array;
  readonly ids: readonly string[];
  readonly addresses: readonly string[];
  /** Zone names by zone number. */
  readonly zoneNames: readonly string[];
}

/*
 * The loops over every member here and in placement are plain loops, not
 * callbacks made in each call: V8 compiled each such callback afresh in
 * every plan (node --trace-opt), running its first thousands of members
 * unoptimized meanwhile; empty-zone grouped plans at 40k took x0.79 the CPU.
 */
function servingOf(members: readonly Member[], groupAt: Int32Array): Serving {
  const servingAt: number[] = [];
  const servingIds: string[] = [];
  for (let i = 0; i < members.length; i++) {
    const member = members[i] as Member;
    if (!isServing(member)) continue;
    servingAt.push(i);
    servingIds.push(member.instance.id);
  }
  const order = idOrder(servingIds);
  const n = order.length;
  const at = new Int32Array(n);
  const zoneOf = new Int32Array(n);
  const capacity = new Float64Array(n);
  const previous = new Int32Array(n);
  const ids: string[] = [];
  const addresses: string[] = [];
  const zoneNames: string[] = [];
  const numbers = new Map<string, number>();
  for (let s = 0; s < n; s++) {
    const o = order[s] as number;
    const i = servingAt[o] as number;
    const member = members[i] as Member;
    const zone = member.instance.zone;
    let number = numbers.get(zone);
    if (number === undefined) {
      number = zoneNames.length;
      numbers.set(zone, number);
      zoneNames.push(zone);
    }
    at[s] = i;
    zoneOf[s] = number;
    capacity[s] = member.capacity.value;
    previous[s] = groupAt[i] ?? -1;
    ids.push(servingIds[o] as string);
    addresses.push(member.address ?? '');
  }
  const fleet = { capacity, zoneOf, zones: zoneNames.length, previous };
  return { fleet, at, ids, addresses, zoneNames };
}

function placeGroups(context: RenderContext, members: readonly Member[], count: number): Placement {
  const serving = servingOf(members, context.previous.groupAt);
  const bins = placeIndexes(serving.fleet, count, true);
  const groupOf = new Int32Array(members.length).fill(-1);
  const groups: Group[] = [];
  for (let index = 0; index < bins.length; index++) {
    const bin = bins[index] as Int32Array;
    for (const s of bin) groupOf[serving.at[s] ?? 0] = index;
    groups.push(groupFrom(context, serving, bin, index));
  }
  return { groups, groupOf };
}

function groupFrom(
  context: RenderContext,
  serving: Serving,
  bin: Int32Array,
  index: number,
): Group {
  const { fleet } = serving;
  const ids: string[] = [];
  const addresses: string[] = [];
  // A group spans a few zones: a short list compared by value costs less than a set.
  const zones: string[] = [];
  let capacity = 0;
  for (const s of bin) {
    ids.push(serving.ids[s] ?? '');
    addresses.push(serving.addresses[s] ?? '');
    const zone = serving.zoneNames[fleet.zoneOf[s] ?? 0] ?? '';
    if (!zones.includes(zone)) zones.push(zone);
    capacity += fleet.capacity[s] ?? 0;
  }
  return {
    label: `endpoint-${binLabel(index)}`,
    name: binName('endpoint', context.region.name, index),
    ids,
    // In code-unit order, as addresses.sort() gives it, by a key per address.
    addresses: sortAddresses(addresses),
    zones: zones.sort(),
    capacity,
  };
}

function valuesOf(addresses: readonly string[]): { Value: string }[] {
  const values: { Value: string }[] = [];
  for (const Value of addresses) values.push({ Value });
  return values;
}

/** Each group's multi-value record and its ownership marker. */
function groupRecords(context: RenderContext, groups: readonly Group[]): ResourceRecordSet[] {
  const { service, ownerId } = context;
  const records: ResourceRecordSet[] = [];
  for (const g of groups) {
    records.push(
      recordSet({
        Name: g.name,
        Type: service.type,
        TTL: service.ttl,
        ResourceRecords: valuesOf(g.addresses),
      }),
      ownershipMarker(g.name, ownerId, service.ttl),
    );
  }
  return records;
}

function groupRow(group: Group, set: FanOut): GroupRow {
  return {
    label: group.label,
    name: group.name,
    weight: set.weights.get(group.label) ?? 0,
    share: set.shares.get(group.label) ?? 0,
    capacity: group.capacity,
    zones: group.zones,
    members: group.ids,
  };
}

/**
 * A route per routable member, in the members' order. A multi-value answer
 * hands every address of the group to the client, so each member gets an
 * equal part of its group's share; routable members that do not serve get none.
 */
function groupRoutes(
  members: readonly Member[],
  rows: readonly GroupRow[],
  groupOf: Int32Array,
): RouteRow[] {
  const routes: RouteRow[] = [];
  for (let i = 0; i < members.length; i++) {
    const member = members[i] as Member;
    if (!isRoutable(member)) continue;
    const row = rows[groupOf[i] ?? -1];
    routes.push({
      member,
      weight: undefined,
      group: row?.label,
      share: row === undefined ? 0 : row.share / row.members.length,
    });
  }
  return routes;
}

function grownWarning(context: RenderContext, serving: number, count: number): string[] {
  const { region } = context;
  const largest = Math.ceil(serving / Math.max(1, count));
  if (largest <= region.groupSize + 1) return [];
  return [
    `${region.region}: ${serving} serving instances in ${count} groups of up to ${largest} addresses (groupSize ${region.groupSize}): a grouped region has at most ${MAX_GROUPS} groups, so that every answer stays within Route 53's three levels of aliases`,
  ];
}

/** The records of a grouped region, groups placed stably across zones, weighted by capacity. */
export function renderGrouped(context: RenderContext, members: readonly Member[]): RenderResult {
  const { service, region, ownerId } = context;
  let serving = 0;
  for (const member of members) if (isServing(member)) serving++;
  const most = MAX_GROUPS * MAX_GROUP_ADDRESSES;
  if (serving > most) {
    return {
      ok: false,
      problem: `${serving} serving instances exceed a grouped region's ${most} (${MAX_GROUPS} groups of at most ${MAX_GROUP_ADDRESSES} addresses: more groups would need a fourth level of aliases, beyond Route 53's three)`,
    };
  }
  const count = groupCount(serving, region.groupSize, context.previous.groups);
  const { groups, groupOf } = placeGroups(context, members, count);
  const aliases: WeightedChild[] = [];
  for (const g of groups) {
    const alias = aliasTo(context, g.name);
    aliases.push({ key: g.label, capacity: g.capacity, value: undefined, alias });
  }
  const set = weightedSet(region.name, service, aliases, ownerId);
  const groupRows: GroupRow[] = [];
  for (const g of groups) groupRows.push(groupRow(g, set));
  const latency =
    serving > 0
      ? latencyRecord(context, { AliasTarget: aliasTo(context, region.name) })
      : undefined;
  const records = groupRecords(context, groups);
  for (const record of set.records) records.push(record);
  return {
    ok: true,
    region: {
      records,
      latency,
      routes: groupRoutes(members, groupRows, groupOf),
      groups: groupRows,
      shards: 0,
      collapsed: false,
      warnings: grownWarning(context, serving, count),
    },
  };
}
