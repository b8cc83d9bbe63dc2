/**
 * The fan-out as it was before issue 13 (a spread object and a reordered copy
 * per record, shares and weights in two Maps per set, copied again for the
 * region), kept as the reference that shared/domain/layout/fan-out.ts must
 * agree with: the same records in the same order and key order, the same
 * shares and weights to the last bit.
 */
import { defined } from '../../../shared/domain/defined.js';
import {
  binLabel,
  binName,
  MAX_CHILDREN,
  shardCount,
} from '../../../shared/domain/layout/layout.js';
import { ownedSetIdentifier } from '../../../shared/domain/plan/ownership.js';
import { place } from '../../../shared/domain/layout/placement.js';
import {
  aliasTarget,
  recordSet,
  type ResourceRecordSet,
} from '../../../shared/domain/dns/records.js';
import { apportionWeights, sharesOf } from '../../../shared/domain/layout/weights.js';

/** One weighted record to be placed under a name: an instance's record or an alias to a group. */
export interface ReferenceChild {
  /** Unique among siblings; becomes `<ownerId>/<key>`. */
  readonly key: string;
  /** Capacity that should receive traffic through this child; 0 means weight 0. */
  readonly capacity: number;
  readonly body: Omit<ResourceRecordSet, 'Name' | 'SetIdentifier' | 'Weight'>;
}

interface FanOutContext {
  readonly zoneId: string;
  readonly ownerId: string;
  /** Previous shard of each child key, and how many shards there were. */
  readonly previousShardOf: ReadonlyMap<string, number>;
  readonly previousShards: number;
}

export interface ReferenceFanOut {
  readonly records: ResourceRecordSet[];
  /** Share of the region's traffic through each child, by key. */
  readonly shares: ReadonlyMap<string, number>;
  /** Weight of each child's own record, by key. */
  readonly weights: ReadonlyMap<string, number>;
  readonly shards: number;
}

/** One weighted set at `name` holding every child, however many: callers keep it within 100. */
export function referenceWeightedSet(
  name: string,
  children: readonly ReferenceChild[],
  ownerId: string,
): ReferenceFanOut {
  const weights = apportionWeights(children.map((c) => c.capacity));
  const shares = sharesOf(weights);
  const records = children.map((child, i): ResourceRecordSet =>
    recordSet({
      Name: name,
      ...child.body,
      SetIdentifier: ownedSetIdentifier(ownerId, child.key),
      Weight: weights[i] ?? 0,
    }),
  );
  // Filled in a loop: no array of pairs per child, twice, for every set.
  const shareOf = new Map<string, number>();
  const weightOf = new Map<string, number>();
  children.forEach((c, i) => {
    shareOf.set(c.key, shares[i] ?? 0);
    weightOf.set(c.key, weights[i] ?? 0);
  });
  return { records, shares: shareOf, weights: weightOf, shards: 0 };
}

/**
 * Places weighted children under `name`, directly while they fit in one
 * weighted set (100 records), otherwise in shards of at most 100 behind
 * weighted aliases whose weights follow each shard's capacity. Returns
 * undefined when even 100 shards are not enough.
 */
export function referenceFanOut(
  name: string,
  type: string,
  children: readonly ReferenceChild[],
  context: FanOutContext,
): ReferenceFanOut | undefined {
  const shards = shardCount(children.length, context.previousShards);
  if (shards === 0) return referenceWeightedSet(name, children, context.ownerId);
  if (shards > MAX_CHILDREN) return undefined;
  const byKey = new Map(children.map((c) => [c.key, c]));
  const bins = place(
    children.map((c) => ({ id: c.key, zone: '', capacity: c.capacity })),
    { bins: shards, previous: context.previousShardOf, spreadZones: false },
  );
  const records: ResourceRecordSet[] = [];
  const inner = bins.map((bin, index) => {
    const members = bin.map((item) => defined(byKey.get(item.id), "a shard's child"));
    const set = referenceWeightedSet(binName('shard', name, index), members, context.ownerId);
    records.push(...set.records);
    return { set, capacity: members.reduce((sum, c) => sum + c.capacity, 0) };
  });
  const aliases = referenceWeightedSet(
    name,
    inner.map(({ capacity }, index) => ({
      key: `shard-${binLabel(index)}`,
      capacity,
      body: {
        Type: type,
        AliasTarget: aliasTarget(context.zoneId, binName('shard', name, index), true),
      },
    })),
    context.ownerId,
  );
  records.push(...aliases.records);
  const shares = new Map<string, number>();
  const weights = new Map<string, number>();
  inner.forEach(({ set }, index) => {
    const aliasShare = aliases.shares.get(`shard-${binLabel(index)}`) ?? 0;
    for (const [key, share] of set.shares) shares.set(key, aliasShare * share);
    for (const [key, weight] of set.weights) weights.set(key, weight);
  });
  return { records, shares, weights, shards };
}
