import { defined } from '../defined.js';
import { binLabel, binName, MAX_CHILDREN, shardCount } from './layout.js';
import { ownedSetIdentifier } from '../plan/ownership.js';
import { idOrder, placeIndexes, previousBin } from './placement.js';
import { aliasTarget, type AliasTarget, type ResourceRecordSet } from '../dns/records.js';
import { apportionWeights, sharesOf } from './weights.js';

/**
 * One weighted record to be placed under a name: an instance's record (its one
 * address) or an alias (to a shard or a group, in API order as aliasTarget()
 * builds it). The record's values are made with the record, not with the
 * child: made together, a record and its values sit side by side in memory,
 * where the diff and the pre-flight read them; made a fan-out apart (a
 * values object per child, read back after placement), the first read of each
 * was a trip to memory: a weighted plan from an empty zone at 40k measures
 * ×0.85 without them.
 */
export type WeightedChild = {
  /** Unique among siblings; becomes `<ownerId>/<key>`. */
  readonly key: string;
  /** Capacity that should receive traffic through this child; 0 means weight 0. */
  readonly capacity: number;
} & (
  | { readonly value: string; readonly alias: undefined }
  | { readonly value: undefined; readonly alias: AliasTarget }
);

/**
 * What every record of a weighted set shares: its type, and the TTL of those
 * that are not aliases. A service's spec is one: its records' type and TTL.
 */
export interface SetShape {
  readonly type: string;
  readonly ttl: number;
}

export interface FanOutContext {
  readonly zoneId: string;
  readonly ownerId: string;
  /** Previous shard of each child by its set identifier (`<ownerId>/<key>`), and how many shards there were. */
  readonly previousShardOf: ReadonlyMap<string, number>;
  readonly previousShards: number;
}

/**
 * A region's weighted records. Shares and weights are arrays parallel to the
 * children rather than Maps by key: at 10,000 children, a Map per shard and a
 * second copy for the region were a fifth of planning.
 */
export interface FanOutByIndex {
  readonly records: ResourceRecordSet[];
  /** Share of the region's traffic through each child, `shares[i]` for `children[i]`. */
  readonly shares: readonly number[];
  /** Weight of each child's own record, `weights[i]` for `children[i]`. */
  readonly weights: readonly number[];
  readonly shards: number;
}

/** One weighted set (weightedSet), its shares and weights by child key: for sets of at most 100. */
export interface FanOut {
  readonly records: ResourceRecordSet[];
  /** Share of the set's traffic through each child, by key. */
  readonly shares: ReadonlyMap<string, number>;
  /** Weight of each child's own record, by key. */
  readonly weights: ReadonlyMap<string, number>;
  readonly shards: number;
}

/**
 * A weighted record built whole in Route 53's API order (what recordSet()
 * makes of it): one object per record, no spread and no reordered copy.
 */
function weightedRecord(
  Name: string,
  shape: SetShape,
  child: WeightedChild,
  SetIdentifier: string,
  Weight: number,
): ResourceRecordSet {
  const Type = shape.type;
  return child.alias !== undefined
    ? { Name, Type, SetIdentifier, Weight, AliasTarget: child.alias }
    : {
        Name,
        Type,
        SetIdentifier,
        Weight,
        TTL: shape.ttl,
        ResourceRecords: [{ Value: child.value }],
      };
}

/** Each child's set identifier, `<ownerId>/<key>`, in the children's order. */
function setIdentifiers(children: readonly WeightedChild[], ownerId: string): string[] {
  const ids: string[] = [];
  for (const child of children) ids.push(ownedSetIdentifier(ownerId, child.key));
  return ids;
}

/**
 * Appends one record per child at `name` to `records`, `ids[i]` the set
 * identifier of `children[i]`; returns the weights, parallel to `children`.
 */
function appendSet(
  records: ResourceRecordSet[],
  name: string,
  shape: SetShape,
  children: readonly WeightedChild[],
  ids: readonly string[],
): number[] {
  const capacities: number[] = [];
  for (const child of children) capacities.push(child.capacity);
  const weights = apportionWeights(capacities);
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as WeightedChild;
    records.push(weightedRecord(name, shape, child, ids[i] ?? '', weights[i] ?? 0));
  }
  return weights;
}

/** One weighted set at `name` holding every child, however many: callers keep it within 100. */
export function weightedSet(
  name: string,
  shape: SetShape,
  children: readonly WeightedChild[],
  ownerId: string,
): FanOut {
  const records: ResourceRecordSet[] = [];
  const weights = appendSet(records, name, shape, children, setIdentifiers(children, ownerId));
  const shares = sharesOf(weights);
  const shareOf = new Map<string, number>();
  const weightOf = new Map<string, number>();
  for (let i = 0; i < children.length; i++) {
    const key = (children[i] as WeightedChild).key;
    shareOf.set(key, shares[i] ?? 0);
    weightOf.set(key, weights[i] ?? 0);
  }
  return { records, shares: shareOf, weights: weightOf, shards: 0 };
}

/**
 * Child indexes per shard, each shard in placement's order (by key), no
 * object per child. A child's previous shard is found by its set identifier
 * (`ids`), the string its record then carries: hashed once for this lookup,
 * the diff's and the batches' later, and no key sliced out of every record read.
 */
function shardMembers(
  children: readonly WeightedChild[],
  ids: readonly string[],
  shards: number,
  context: FanOutContext,
) {
  const keys: string[] = [];
  for (const child of children) keys.push(child.key);
  const order = idOrder(keys);
  const n = order.length;
  const capacity = new Float64Array(n);
  const previous = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const i = order[s] as number;
    capacity[s] = (children[i] as WeightedChild).capacity;
    previous[s] = previousBin(context.previousShardOf.get(ids[i] as string));
  }
  // One zone, or none without children: shards do not spread over zones.
  const fleet = { capacity, zoneOf: new Int32Array(n), zones: n > 0 ? 1 : 0, previous };
  const members: number[][] = [];
  for (const bin of placeIndexes(fleet, shards, false)) {
    const indexes: number[] = [];
    for (const s of bin) indexes.push(order[s] as number);
    members.push(indexes);
  }
  return members;
}

/**
 * Places weighted children under `name`, directly while they fit in one
 * weighted set (100 records), otherwise in shards of at most 100 behind
 * weighted aliases whose weights follow each shard's capacity. Returns
 * undefined when even 100 shards are not enough.
 */
export function fanOut(
  name: string,
  shape: SetShape,
  children: readonly WeightedChild[],
  context: FanOutContext,
): FanOutByIndex | undefined {
  const shards = shardCount(children.length, context.previousShards);
  const records: ResourceRecordSet[] = [];
  const ids = setIdentifiers(children, context.ownerId);
  if (shards === 0) {
    const weights = appendSet(records, name, shape, children, ids);
    return { records, shares: sharesOf(weights), weights, shards };
  }
  if (shards > MAX_CHILDREN) return undefined;
  const weights = new Array<number>(children.length).fill(0);
  const shares = new Array<number>(children.length).fill(0);
  const members = shardMembers(children, ids, shards, context);
  const aliases: WeightedChild[] = [];
  for (let s = 0; s < members.length; s++) {
    const indexes = members[s] as number[];
    const shard = binName('shard', name, s);
    const inShard: WeightedChild[] = [];
    const inShardIds: string[] = [];
    let capacity = 0;
    for (const i of indexes) {
      const child = defined(children[i], "a shard's child");
      inShard.push(child);
      inShardIds.push(ids[i] as string);
      capacity += child.capacity;
    }
    const inner = appendSet(records, shard, shape, inShard, inShardIds);
    const innerShares = sharesOf(inner);
    for (let m = 0; m < indexes.length; m++) {
      const i = indexes[m] as number;
      weights[i] = inner[m] ?? 0;
      shares[i] = innerShares[m] ?? 0;
    }
    const alias = aliasTarget(context.zoneId, shard, true);
    aliases.push({ key: `shard-${binLabel(s)}`, capacity, value: undefined, alias });
  }
  const aliasShares = sharesOf(
    appendSet(records, name, shape, aliases, setIdentifiers(aliases, context.ownerId)),
  );
  // A child's share is its shard's share of the region times its share of the shard.
  for (let s = 0; s < members.length; s++) {
    const aliasShare = aliasShares[s] ?? 0;
    for (const i of members[s] as number[]) shares[i] = aliasShare * (shares[i] ?? 0);
  }
  return { records, shares, weights, shards };
}
