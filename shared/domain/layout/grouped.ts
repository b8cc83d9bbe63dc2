import { defined } from '../defined.js';
import { aliasTo, latencyRecord } from './aliases.js';
import { weightedSet } from './fan-out.js';
import { binLabel, binName, groupCount, MAX_GROUPS } from './layout.js';
import { isRoutable, isServing, type Member } from '../fleet/members.js';
import { ownershipMarker } from '../plan/ownership.js';
import { place } from './placement.js';
import { recordSet, type ResourceRecordSet } from '../dns/records.js';
import type { GroupRow, RenderContext, RenderResult } from './render.js';

/**
 * A grouped region: multi-value groups of about `groupSize` addresses spanning
 * the zones, behind one weighted set of aliases at the regional name. Never
 * sharded, since latency -> regional -> group is already the three levels of
 * aliases Route 53 follows: beyond 100 groups the groups grow instead.
 */

/** The most addresses in one group: with MAX_GROUPS, 10,000 per region, as in weighted mode. */
export const MAX_GROUP_ADDRESSES = 100;

interface Group {
  readonly label: string;
  readonly name: string;
  readonly members: readonly Member[];
  readonly capacity: number;
}

function placeGroups(context: RenderContext, serving: readonly Member[], count: number): Group[] {
  const byId = new Map(serving.map((m) => [m.instance.id, m]));
  const bins = place(
    serving.map((m) => ({ id: m.instance.id, zone: m.instance.zone, capacity: m.capacity.value })),
    { bins: count, previous: context.previous.groupOf, spreadZones: true },
  );
  return bins.map((bin, index) => {
    const members = bin.map((item) => defined(byId.get(item.id), "a group's member"));
    return {
      label: `endpoint-${binLabel(index)}`,
      name: binName('endpoint', context.region.name, index),
      members,
      capacity: members.reduce((s, m) => s + m.capacity.value, 0),
    };
  });
}

function groupRecords(context: RenderContext, groups: readonly Group[]): ResourceRecordSet[] {
  const { service, ownerId } = context;
  return groups.flatMap((g) => [
    recordSet({
      Name: g.name,
      Type: service.type,
      TTL: service.ttl,
      ResourceRecords: g.members
        .map((m) => m.address ?? '')
        .sort()
        .map((Value) => ({ Value })),
    }),
    ownershipMarker(g.name, ownerId, service.ttl),
  ]);
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
  const groups = placeGroups(context, serving, count);
  const set = weightedSet(
    region.name,
    groups.map((g) => ({
      key: g.label,
      capacity: g.capacity,
      body: { Type: service.type, AliasTarget: aliasTo(context, g.name) },
    })),
    ownerId,
  );
  const groupRows: GroupRow[] = groups.map((g) => ({
    label: g.label,
    name: g.name,
    weight: set.weights.get(g.label) ?? 0,
    share: set.shares.get(g.label) ?? 0,
    capacity: g.capacity,
    zones: [...new Set(g.members.map((m) => m.instance.zone))].sort(),
    members: g.members.map((m) => m.instance.id),
  }));
  // A multi-value answer hands every address of the group to the client, so
  // each member gets an equal part of its group's share.
  const shareOf = new Map<string, { group: string; share: number }>();
  for (const g of groupRows) {
    for (const id of g.members)
      shareOf.set(id, { group: g.label, share: g.share / g.members.length });
  }
  const routes = members.filter(isRoutable).map((member) => ({
    member,
    weight: undefined,
    group: shareOf.get(member.instance.id)?.group,
    share: shareOf.get(member.instance.id)?.share ?? 0,
  }));
  const latency =
    serving.length > 0
      ? latencyRecord(context, { AliasTarget: aliasTo(context, region.name) })
      : undefined;
  return {
    ok: true,
    region: {
      records: [...groupRecords(context, groups), ...set.records],
      latency,
      routes,
      groups: groupRows,
      shards: 0,
      collapsed: false,
      warnings: grownWarning(context, serving.length, count),
    },
  };
}
