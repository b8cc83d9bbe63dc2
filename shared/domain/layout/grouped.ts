import { aliasTo, latencyRecord } from './aliases.js';
import { weightedSet, type FanOut, type WeightedChild } from './fan-out.js';
import { binLabel, binName, groupCount, MAX_GROUPS } from './layout.js';
import { isRoutable, isServing, type Member } from '../fleet/members.js';
import { ownershipMarker } from '../plan/ownership.js';
import { place, type Placeable } from './placement.js';
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

/**
 * A serving member as placement sees it, with what its group needs of it: read
 * here in the members' order rather than from each member in group order.
 */
interface Placed extends Placeable {
  readonly address: string;
  /** Its index among the serving, to find its group again. */
  readonly at: number;
  /** Its previous group, -1 for none. */
  readonly previous: number;
}

interface Placement {
  readonly groups: Group[];
  /** The group index of each serving member, by its index among the serving. */
  readonly groupOf: number[];
}

const previousOfPlaced = (item: Placed) => item.previous;

/*
 * The loops over every member here and in placement are plain loops, not
 * callbacks made in each call: V8 compiled each such callback afresh in
 * every plan (node --trace-opt), running its first thousands of members
 * unoptimized meanwhile; empty-zone grouped plans at 40k took x0.79 the CPU.
 */
function placeGroups(context: RenderContext, members: readonly Member[], count: number): Placement {
  const items: Placed[] = [];
  // One string per zone name: placement and each group then compare zones as the same string.
  const zoneNames = new Map<string, string>();
  const { groupAt } = context.previous;
  for (let i = 0; i < members.length; i++) {
    const member = members[i] as Member;
    if (!isServing(member)) continue;
    const zone = member.instance.zone;
    let name = zoneNames.get(zone);
    if (name === undefined) zoneNames.set(zone, (name = zone));
    items.push({
      id: member.instance.id,
      zone: name,
      capacity: member.capacity.value,
      address: member.address ?? '',
      at: items.length,
      previous: groupAt[i] ?? -1,
    });
  }
  const bins = place(items, { bins: count, previous: previousOfPlaced, spreadZones: true });
  const groupOf = new Array<number>(items.length);
  const groups: Group[] = [];
  for (let index = 0; index < bins.length; index++) {
    const bin = bins[index] as Placed[];
    for (const item of bin) groupOf[item.at] = index;
    groups.push(groupFrom(context, bin, index));
  }
  return { groups, groupOf };
}

function groupFrom(context: RenderContext, bin: readonly Placed[], index: number): Group {
  const ids: string[] = [];
  const addresses: string[] = [];
  // A group spans a few zones: a short list compared by value costs less than a set.
  const zones: string[] = [];
  let capacity = 0;
  for (const item of bin) {
    ids.push(item.id);
    addresses.push(item.address);
    if (!zones.includes(item.zone)) zones.push(item.zone);
    capacity += item.capacity;
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
  groupOf: readonly number[],
): RouteRow[] {
  const routes: RouteRow[] = [];
  let at = 0;
  for (const member of members) {
    if (!isRoutable(member)) continue;
    const row = isServing(member) ? rows[groupOf[at++] ?? -1] : undefined;
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
  const serving = members.filter(isServing);
  const most = MAX_GROUPS * MAX_GROUP_ADDRESSES;
  if (serving.length > most) {
    return {
      ok: false,
      problem: `${serving.length} serving instances exceed a grouped region's ${most} (${MAX_GROUPS} groups of at most ${MAX_GROUP_ADDRESSES} addresses: more groups would need a fourth level of aliases, beyond Route 53's three)`,
    };
  }
  const count = groupCount(serving.length, region.groupSize, context.previous.groups);
  const { groups, groupOf } = placeGroups(context, members, count);
  const aliases: WeightedChild[] = [];
  for (const g of groups) {
    const body = { Type: service.type, AliasTarget: aliasTo(context, g.name) };
    aliases.push({ key: g.label, capacity: g.capacity, body });
  }
  const set = weightedSet(region.name, aliases, ownerId);
  const groupRows: GroupRow[] = [];
  for (const g of groups) groupRows.push(groupRow(g, set));
  const latency =
    serving.length > 0
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
      warnings: grownWarning(context, serving.length, count),
    },
  };
}
