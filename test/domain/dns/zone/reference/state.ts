/*
 * REFERENCE, for tests only: shared/domain/dns/zone/state.ts as it was before
 * the state indexed records by name, type and set identifier (concatenated
 * string keys, chains listed for every measure). zone-equivalence.property.test.ts
 * checks the model against it.
 */
/**
 * The indexed records of one zone, with an undo log. Every question the rules
 * ask is answered from an index in O(1), so applying a batch costs O(changes in
 * the batch), never O(records in the zone).
 */
import type { ResourceRecordSet, RoutingPolicy } from '../../../../../shared/domain/dns/records.js';
import { recordKey, routingPolicy, rrsetKey } from '../../../../../shared/domain/dns/records.js';
import { stripZoneId } from '../../../../../shared/domain/dns/zone/normalize.js';

/** What the rules need to know about one name+type (an "rrset" in Route 53's messages). */
export interface GroupView {
  /** Records in the group; a group with none is removed. */
  readonly size: number;
  /** Records per routing policy. */
  readonly policies: ReadonlyMap<RoutingPolicy, number>;
  /** Weighted non-alias records per TTL. */
  readonly weightedTtls: ReadonlyMap<number, number>;
  /** Latency records per region. */
  readonly regions: ReadonlyMap<string, number>;
}

interface Group extends GroupView {
  size: number;
  readonly policies: Map<RoutingPolicy, number>;
  readonly weightedTtls: Map<number, number>;
  readonly regions: Map<string, number>;
}

export interface ZoneView {
  get(key: string): ResourceRecordSet | undefined;
  /** The name+type group, absent when it has no record. */
  group(rrset: string): GroupView | undefined;
  /** Types that have at least one record at a name. */
  typesAt(name: string): ReadonlySet<string> | undefined;
}

export interface ZoneState extends ZoneView {
  values(): IterableIterator<ResourceRecordSet>;
  /** Keys of same-zone aliases whose target is this name+type. */
  aliasesOf(rrset: string): ReadonlySet<string> | undefined;
  /** The name+types that this name+type's same-zone aliases target, each with how many aliases do. */
  targetsOf(rrset: string): ReadonlyMap<string, number> | undefined;
  /** Adds a record whose key (recordKey, when the caller has it) is free; logged. */
  insert(record: ResourceRecordSet, key?: string): void;
  /** Removes the record with this key, if any; logged. */
  remove(key: string): void;
  /** Adds records by key, unlogged: for a state being built, not changed. */
  load(records: Iterable<readonly [string, ResourceRecordSet]>): void;
  /** A position in the undo log, to roll back to. */
  mark(): number;
  rollback(mark: number): void;
  /** Forgets the undo log: what was done stays done. */
  commit(): void;
  /** Name+type groups emptied since the last commit or full rollback (some may be full again). */
  emptied(): ReadonlySet<string>;
  clone(): ZoneState;
}

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

/** An empty state; `zoneId` tells same-zone alias targets from the rest. */
export function createZoneState(zoneId: string): ZoneState {
  const byKey = new Map<string, ResourceRecordSet>();
  const groups = new Map<string, Group>();
  const typesByName = new Map<string, Set<string>>();
  const aliasRefs = new Map<string, Set<string>>();
  const aliasTargets = new Map<string, Map<string, number>>();
  // A string is the key of an inserted record (undo: remove it); a record was removed (undo: put it back).
  const undo: (string | ResourceRecordSet)[] = [];
  const emptiedGroups = new Set<string>();

  function sameZoneTarget(record: ResourceRecordSet): string | undefined {
    const alias = record.AliasTarget;
    if (alias === undefined || stripZoneId(alias.HostedZoneId) !== zoneId) return undefined;
    return rrsetKey({ Name: alias.DNSName, Type: record.Type });
  }

  function account(group: Group, record: ResourceRecordSet, by: 1 | -1): void {
    const policy = routingPolicy(record);
    bump(group.policies, policy, by);
    if (policy === 'weighted' && record.AliasTarget === undefined && record.TTL !== undefined) {
      bump(group.weightedTtls, record.TTL, by);
    }
    if (policy === 'latency' && record.Region !== undefined) bump(group.regions, record.Region, by);
  }

  function attach(record: ResourceRecordSet, key: string): void {
    byKey.set(key, record);
    const rrset = rrsetKey(record);
    let group = groups.get(rrset);
    if (group === undefined) {
      group = { size: 0, policies: new Map(), weightedTtls: new Map(), regions: new Map() };
      groups.set(rrset, group);
      const types = typesByName.get(record.Name);
      if (types === undefined) typesByName.set(record.Name, new Set([record.Type]));
      else types.add(record.Type);
    }
    group.size++;
    account(group, record, 1);
    const target = sameZoneTarget(record);
    if (target !== undefined) {
      const refs = aliasRefs.get(target);
      if (refs === undefined) aliasRefs.set(target, new Set([key]));
      else refs.add(key);
      countTarget(rrset, target, 1);
    }
  }

  function countTarget(rrset: string, target: string, by: 1 | -1): void {
    let targets = aliasTargets.get(rrset);
    if (targets === undefined) aliasTargets.set(rrset, (targets = new Map<string, number>()));
    bump(targets, target, by);
    if (targets.size === 0) aliasTargets.delete(rrset);
  }

  function detach(key: string): ResourceRecordSet | undefined {
    const record = byKey.get(key);
    if (record === undefined) return undefined;
    byKey.delete(key);
    const rrset = rrsetKey(record);
    const group = groups.get(rrset);
    if (group !== undefined) {
      group.size--;
      account(group, record, -1);
      if (group.size === 0) {
        groups.delete(rrset);
        emptiedGroups.add(rrset);
        const types = typesByName.get(record.Name);
        types?.delete(record.Type);
        if (types?.size === 0) typesByName.delete(record.Name);
      }
    }
    const target = sameZoneTarget(record);
    const refs = target === undefined ? undefined : aliasRefs.get(target);
    if (target !== undefined && refs !== undefined) {
      refs.delete(key);
      if (refs.size === 0) aliasRefs.delete(target);
    }
    if (target !== undefined) countTarget(rrset, target, -1);
    return record;
  }

  const state: ZoneState = {
    get: (key) => byKey.get(key),
    group: (rrset) => groups.get(rrset),
    typesAt: (name) => typesByName.get(name),
    values: () => byKey.values(),
    aliasesOf: (rrset) => aliasRefs.get(rrset),
    targetsOf: (rrset) => aliasTargets.get(rrset),
    insert(record, key = recordKey(record)) {
      attach(record, key);
      undo.push(key);
    },
    remove(key) {
      const removed = detach(key);
      if (removed !== undefined) undo.push(removed);
    },
    load(records) {
      for (const [key, record] of records) attach(record, key);
    },
    mark: () => undo.length,
    rollback(mark) {
      while (undo.length > mark) {
        const entry = undo.pop();
        if (typeof entry === 'string') detach(entry);
        else if (entry !== undefined) attach(entry, recordKey(entry));
      }
      if (mark === 0) emptiedGroups.clear();
    },
    commit() {
      undo.length = 0;
      emptiedGroups.clear();
    },
    emptied: () => emptiedGroups,
    clone() {
      const copy = createZoneState(zoneId);
      copy.load(byKey);
      return copy;
    },
  };
  return state;
}
