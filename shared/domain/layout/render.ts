import { defined } from '../defined.js';
import { fanOut, type WeightedChild } from './fan-out.js';
import { binLabel, binName, groupCount } from './layout.js';
import { isRoutable, isServing, type Member } from '../fleet/members.js';
import { ownedSetIdentifier, ownershipMarker } from '../plan/ownership.js';
import { place } from './placement.js';
import { aliasTarget, recordSet, type ResourceRecordSet } from '../dns/records.js';
import type { RegionSpec, ServiceSpec } from '../spec.js';

/** Where things were before this plan, read back from the records we own. */
export interface PreviousLayout {
  /** Instance id -> index of the multi-value group whose values hold its address. */
  readonly groupOf: ReadonlyMap<string, number>;
  readonly groups: number;
  /** Child key (instance id or endpoint-x) -> shard index. */
  readonly shardOf: ReadonlyMap<string, number>;
  readonly shards: number;
}

export interface RouteRow {
  readonly member: Member;
  /** The weight of the instance's own record (weighted mode). */
  readonly weight: number | undefined;
  /** The group holding the instance (grouped mode). */
  readonly group: string | undefined;
  /** Intended share of the region's traffic. */
  readonly share: number;
}

export interface GroupRow {
  readonly label: string;
  readonly name: string;
  readonly weight: number;
  readonly share: number;
  readonly capacity: number;
  readonly zones: readonly string[];
  readonly members: readonly string[];
}

export interface RenderedRegion {
  /** Every record below the latency record: regional set, shards, groups, markers. */
  readonly records: readonly ResourceRecordSet[];
  /** The region's latency record; undefined when nothing serves (users go to the next region). */
  readonly latency: ResourceRecordSet | undefined;
  readonly routes: readonly RouteRow[];
  readonly groups: readonly GroupRow[];
  readonly shards: number;
  readonly collapsed: boolean;
}

export interface RenderContext {
  readonly zoneId: string;
  readonly ownerId: string;
  readonly service: ServiceSpec;
  readonly region: RegionSpec;
  readonly previous: PreviousLayout;
}

export type RenderResult =
  | { readonly ok: true; readonly region: RenderedRegion }
  | { readonly ok: false; readonly problem: string };

function alias(context: RenderContext, target: string): ResourceRecordSet['AliasTarget'] {
  return aliasTarget(context.zoneId, target, true);
}

function latencyRecord(
  context: RenderContext,
  body: Partial<ResourceRecordSet>,
): ResourceRecordSet {
  const { service, region, ownerId } = context;
  return recordSet({
    Name: service.recordName,
    Type: service.type,
    SetIdentifier: ownedSetIdentifier(ownerId, region.region),
    Region: region.region,
    ...body,
  });
}

function fanOutContext(context: RenderContext) {
  return {
    zoneId: context.zoneId,
    ownerId: context.ownerId,
    previousShardOf: context.previous.shardOf,
    previousShards: context.previous.shards,
  };
}

function renderWeighted(context: RenderContext, members: readonly Member[]): RenderResult {
  const { service, region } = context;
  const routable = members.filter(isRoutable);
  const children = routable.map((m): WeightedChild => ({
    key: m.instance.id,
    capacity: isServing(m) ? m.capacity.value : 0,
    body: { Type: service.type, TTL: service.ttl, ResourceRecords: [{ Value: m.address ?? '' }] },
  }));
  const set = fanOut(region.name, service.type, children, fanOutContext(context));
  if (set === undefined)
    return { ok: false, problem: `${routable.length} instances exceed 10,000 weighted records` };
  const routes = routable.map((member) => ({
    member,
    weight: set.weights.get(member.instance.id),
    group: undefined,
    share: set.shares.get(member.instance.id) ?? 0,
  }));
  const serving = routable.some(isServing);
  const latency = serving
    ? latencyRecord(context, { AliasTarget: alias(context, region.name) })
    : undefined;
  return {
    ok: true,
    region: {
      records: set.records,
      latency,
      routes,
      groups: [],
      shards: set.shards,
      collapsed: false,
    },
  };
}

function renderGrouped(context: RenderContext, members: readonly Member[]): RenderResult {
  const { service, region, ownerId, previous } = context;
  const serving = members.filter(isServing);
  const count = groupCount(serving.length, region.groupSize, previous.groups);
  const byId = new Map(serving.map((m) => [m.instance.id, m]));
  const bins = place(
    serving.map((m) => ({ id: m.instance.id, zone: m.instance.zone, capacity: m.capacity.value })),
    { bins: count, previous: previous.groupOf, spreadZones: true },
  );
  const groups = bins.map((bin, index) => {
    const label = `endpoint-${binLabel(index)}`;
    const name = binName('endpoint', region.name, index);
    const groupMembers = bin.map((item) => defined(byId.get(item.id), "a group's member"));
    return {
      label,
      name,
      members: groupMembers,
      capacity: groupMembers.reduce((s, m) => s + m.capacity.value, 0),
    };
  });
  const records: ResourceRecordSet[] = groups.flatMap((g) => [
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
  const set = fanOut(
    region.name,
    service.type,
    groups.map((g) => ({
      key: g.label,
      capacity: g.capacity,
      body: { Type: service.type, AliasTarget: alias(context, g.name) },
    })),
    fanOutContext(context),
  );
  if (set === undefined)
    return { ok: false, problem: `${groups.length} groups exceed 10,000 weighted aliases` };
  records.push(...set.records);
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
      ? latencyRecord(context, { AliasTarget: alias(context, region.name) })
      : undefined;
  return {
    ok: true,
    region: { records, latency, routes, groups: groupRows, shards: set.shards, collapsed: false },
  };
}

function renderCollapsed(
  context: RenderContext,
  members: readonly Member[],
  only: Member,
): RenderedRegion {
  const latency = latencyRecord(context, {
    TTL: context.service.ttl,
    ResourceRecords: [{ Value: only.address ?? '' }],
  });
  const routes = members.filter(isRoutable).map((member) => ({
    member,
    weight: undefined,
    group: undefined,
    share: member === only ? 1 : 0,
  }));
  return { records: [], latency, routes, groups: [], shards: 0, collapsed: true };
}

/**
 * The records a region should have: its latency record (or none when nothing
 * serves), and below it the weighted set or the multi-value groups, with
 * shares that follow healthy capacity.
 */
export function renderRegion(context: RenderContext, members: readonly Member[]): RenderResult {
  const serving = members.filter(isServing);
  const only = serving[0];
  if (context.region.collapseSingleInstance && serving.length === 1 && only !== undefined) {
    return { ok: true, region: renderCollapsed(context, members, only) };
  }
  return context.region.mode === 'weighted'
    ? renderWeighted(context, members)
    : renderGrouped(context, members);
}
