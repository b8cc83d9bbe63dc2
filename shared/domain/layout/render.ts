import { aliasTo, latencyRecord } from './aliases.js';
import { fanOut, type WeightedChild } from './fan-out.js';
import { renderGrouped } from './grouped.js';
import { isRoutable, isServing, type Member } from '../fleet/members.js';
import type { ResourceRecordSet } from '../dns/records.js';
import type { RegionSpec, ServiceSpec } from '../spec.js';

/** Where things were before this plan, read back from the records we own. */
export interface PreviousLayout {
  /** By a member's index in the region's members: the multi-value group whose values hold its address, -1 for none. */
  readonly groupAt: Int32Array;
  readonly groups: number;
  /** A weighted child's set identifier (`<ownerId>/<instance id>`) -> shard index. */
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
  /** What the plan should tell people about this layout (groups grown beyond groupSize). */
  readonly warnings: readonly string[];
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
  // Plain loops, not callbacks made per call: see grouped.ts.
  const children: WeightedChild[] = [];
  for (const m of routable) {
    children.push({
      key: m.instance.id,
      // A ramping instance counts as that fraction of itself: its share follows.
      capacity: isServing(m) ? m.capacity.value * (m.ramp?.fraction ?? 1) : 0,
      value: m.address ?? '',
      alias: undefined,
    });
  }
  const set = fanOut(region.name, service, children, fanOutContext(context));
  if (set === undefined)
    return { ok: false, problem: `${routable.length} instances exceed 10,000 weighted records` };
  const routes: RouteRow[] = [];
  for (let i = 0; i < routable.length; i++) {
    const member = routable[i] as Member;
    routes.push({ member, weight: set.weights[i], group: undefined, share: set.shares[i] ?? 0 });
  }
  const serving = routable.some(isServing);
  const latency = serving
    ? latencyRecord(context, { AliasTarget: aliasTo(context, region.name) })
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
      warnings: [],
    },
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
  return { records: [], latency, routes, groups: [], shards: 0, collapsed: true, warnings: [] };
}

/** The one serving member, or undefined when none or several serve: without listing them all. */
function soleServing(members: readonly Member[]): Member | undefined {
  let only: Member | undefined;
  for (const member of members) {
    if (!isServing(member)) continue;
    if (only !== undefined) return undefined;
    only = member;
  }
  return only;
}

/**
 * The records a region should have: its latency record (or none when nothing
 * serves), and below it the weighted set or the multi-value groups, with
 * shares that follow healthy capacity.
 */
export function renderRegion(context: RenderContext, members: readonly Member[]): RenderResult {
  const only = context.region.collapseSingleInstance ? soleServing(members) : undefined;
  if (only !== undefined) return { ok: true, region: renderCollapsed(context, members, only) };
  return context.region.mode === 'weighted'
    ? renderWeighted(context, members)
    : renderGrouped(context, members);
}
