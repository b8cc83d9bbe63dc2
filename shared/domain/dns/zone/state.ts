/**
 * The indexed records of one zone, with an undo log. Every question the rules
 * ask is answered from an index in O(1), so applying a batch costs O(changes in
 * the batch), never O(records in the zone).
 *
 * Records are indexed by name, then type, then set identifier, with the
 * strings the records carry: a record's fields are hashed once and the hash is
 * kept by the string, where a key concatenated for each question
 * (`name|type|id`) is a new string to build and hash every time (the
 * pre-flight asks several questions of each of ~10^5 changes a plan).
 */
import type { ResourceRecordSet, RoutingPolicy } from '../records.js';
import { routingPolicy } from '../records.js';
import { stripZoneId } from './normalize.js';

/** What the rules need to know about one name+type (an "rrset" in Route 53's messages). */
export interface GroupView {
  /** Records in the group; a group with none is removed. */
  readonly size: number;
  /** True when every record in the group has this routing policy. */
  onlyPolicy(policy: RoutingPolicy): boolean;
  /** Weighted non-alias records per TTL; undefined when the group never had one. */
  readonly weightedTtls: ReadonlyMap<number, number> | undefined;
  /** Latency records per region; undefined when the group never had one. */
  readonly regions: ReadonlyMap<string, number> | undefined;
}

/** A record's place in the index: its name, type and set identifier. */
export type RecordPlace = Pick<ResourceRecordSet, 'Name' | 'Type' | 'SetIdentifier'>;

/**
 * Most groups hold one record (a simple A, an ownership TXT) and one policy
 * all their life: a plan from an empty zone builds tens of thousands of them,
 * and two maps each were most of the pre-flight's garbage. So a group keeps
 * its first record and its policy in fields, and builds the maps only when a
 * second record, or a second policy, joins it.
 */
interface Group extends GroupView {
  size: number;
  /** The record, while the group has had only one and `records` is not built. */
  single: ResourceRecordSet | undefined;
  /** By set identifier, `''` for none (as recordKey spelled it); built for a group's second record. */
  records: Map<string, ResourceRecordSet> | undefined;
  /** The policy of every record, while `policies` is not built. */
  policy: RoutingPolicy | undefined;
  /** Records per routing policy; built when a second policy joins the group. */
  policies: Map<RoutingPolicy, number> | undefined;
  weightedTtls: Map<number, number> | undefined;
  regions: Map<string, number> | undefined;
  /** The names this group's same-zone aliases target (same type), with how many aliases do. */
  targets: Map<string, number> | undefined;
}

export interface ZoneView {
  get(name: string, type: string, setIdentifier: string | undefined): ResourceRecordSet | undefined;
  /** The name+type group, absent when it has no record. */
  group(name: string, type: string): GroupView | undefined;
  /** The groups at a name by type, absent when the name has no record. */
  typesAt(name: string): ReadonlyMap<string, GroupView> | undefined;
}

export interface ZoneState extends ZoneView {
  values(): IterableIterator<ResourceRecordSet>;
  /** Same-zone aliases (the records) whose target is this name+type. */
  aliasesOf(name: string, type: string): ReadonlySet<ResourceRecordSet> | undefined;
  /** The names that this name+type's same-zone aliases target (aliases keep their type), each with how many aliases do. */
  targetsOf(name: string, type: string): ReadonlyMap<string, number> | undefined;
  /** Adds a record whose place is free; logged. */
  insert(record: ResourceRecordSet): void;
  /** Removes the record at this place, if any; logged. */
  remove(place: RecordPlace): void;
  /** A position in the undo log, to roll back to. */
  mark(): number;
  rollback(mark: number): void;
  /** Forgets the undo log: what was done stays done. */
  commit(): void;
  /** Name+type groups emptied since the last commit or full rollback, types by name (some may be full again). */
  emptied(): ReadonlyMap<string, ReadonlySet<string>>;
  clone(): ZoneState;
}

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

/** The indexes of a state, shared by its operations and copied by clone. */
interface Indexes {
  /** name -> type -> group. */
  readonly names: Map<string, Map<string, Group>>;
  /** target name -> type -> same-zone aliases targeting it. */
  readonly aliasRefs: Map<string, Map<string, Set<ResourceRecordSet>>>;
}

function onlyPolicy(this: Group, policy: RoutingPolicy): boolean {
  const policies = this.policies;
  if (policies === undefined) return this.size === 0 || this.policy === policy;
  // Counts of zero are deleted: another policy is there unless this one is the only key.
  return policies.size === 0 || (policies.size === 1 && policies.has(policy));
}

function newGroup(): Group {
  return {
    size: 0,
    single: undefined,
    records: undefined,
    policy: undefined,
    policies: undefined,
    weightedTtls: undefined,
    regions: undefined,
    targets: undefined,
    onlyPolicy,
  };
}

function copyGroup(group: Group): Group {
  return {
    size: group.size,
    single: group.single,
    records: group.records && new Map(group.records),
    policy: group.policy,
    policies: group.policies && new Map(group.policies),
    weightedTtls: group.weightedTtls && new Map(group.weightedTtls),
    regions: group.regions && new Map(group.regions),
    targets: group.targets && new Map(group.targets),
    onlyPolicy,
  };
}

/** The group's record with this set identifier (`''` for none). */
function recordIn(group: Group, id: string): ResourceRecordSet | undefined {
  if (group.records !== undefined) return group.records.get(id);
  const single = group.single;
  return single !== undefined && (single.SetIdentifier ?? '') === id ? single : undefined;
}

/** Adds a record whose set identifier is free in the group. */
function addRecord(group: Group, record: ResourceRecordSet): void {
  if (group.records === undefined && group.single === undefined) {
    group.single = record;
    return;
  }
  if (group.records === undefined) {
    const single = group.single as ResourceRecordSet;
    group.records = new Map([[single.SetIdentifier ?? '', single]]);
    group.single = undefined;
  }
  group.records.set(record.SetIdentifier ?? '', record);
}

/** Removes the record with this set identifier, which is in the group. */
function deleteRecord(group: Group, id: string): void {
  if (group.records !== undefined) group.records.delete(id);
  else group.single = undefined;
}

/** Counts one record of `policy` in or out of the group, its size already changed. */
function countPolicy(group: Group, policy: RoutingPolicy, by: 1 | -1): void {
  if (group.policies === undefined) {
    // Uniform: the size is the count. A group emptied is dropped, so its policy need not be cleared.
    if (by === -1) return;
    if (group.policy === undefined || group.size === 1) {
      group.policy = policy;
      return;
    }
    if (group.policy === policy) return;
    group.policies = new Map([[group.policy, group.size - 1]]);
  }
  bump(group.policies, policy, by);
}

/** A copy whose every map and set keeps the original's order, so the copy answers as it would. */
function copyIndexes(from: Indexes): Indexes {
  const names = new Map<string, Map<string, Group>>();
  for (const [name, types] of from.names) {
    const copy = new Map<string, Group>();
    for (const [type, group] of types) copy.set(type, copyGroup(group));
    names.set(name, copy);
  }
  const aliasRefs = new Map<string, Map<string, Set<ResourceRecordSet>>>();
  for (const [name, types] of from.aliasRefs) {
    const copy = new Map<string, Set<ResourceRecordSet>>();
    for (const [type, refs] of types) copy.set(type, new Set(refs));
    aliasRefs.set(name, copy);
  }
  return { names, aliasRefs };
}

/**
 * A state's data. Its operations are module-level functions over it, shared
 * by every state as Group shares onlyPolicy, not closures made per state: V8
 * compiled closures made per pre-flight afresh in every plan.
 */
interface StateData extends Indexes {
  readonly zoneId: string;
  /** Parallel: a record, and whether it was inserted (undo: remove it) or removed (undo: put it back). */
  readonly undoRecords: ResourceRecordSet[];
  readonly undoInserted: boolean[];
  readonly emptiedGroups: Map<string, Set<string>>;
}

type State = StateData & ZoneState;

/** An empty state; `zoneId` tells same-zone alias targets from the rest. */
export function createZoneState(zoneId: string): ZoneState {
  return stateOver(zoneId, { names: new Map(), aliasRefs: new Map() });
}

function stateOver(zoneId: string, indexes: Indexes): ZoneState {
  const state: State = {
    zoneId,
    names: indexes.names,
    aliasRefs: indexes.aliasRefs,
    undoRecords: [],
    undoInserted: [],
    emptiedGroups: new Map(),
    get,
    group,
    typesAt,
    values,
    aliasesOf,
    targetsOf,
    insert,
    remove,
    mark,
    rollback,
    commit,
    emptied,
    clone,
  };
  return state;
}

function groupOf(state: StateData, name: string, type: string): Group | undefined {
  return state.names.get(name)?.get(type);
}

function sameZoneTarget(state: StateData, record: ResourceRecordSet): string | undefined {
  const alias = record.AliasTarget;
  if (alias === undefined || stripZoneId(alias.HostedZoneId) !== state.zoneId) return undefined;
  return alias.DNSName;
}

function account(
  group: Group,
  record: ResourceRecordSet,
  target: string | undefined,
  by: 1 | -1,
): void {
  const policy = routingPolicy(record);
  countPolicy(group, policy, by);
  if (policy === 'weighted' && record.AliasTarget === undefined && record.TTL !== undefined) {
    bump((group.weightedTtls ??= new Map<number, number>()), record.TTL, by);
  }
  if (policy === 'latency' && record.Region !== undefined)
    bump((group.regions ??= new Map<string, number>()), record.Region, by);
  if (target !== undefined) bump((group.targets ??= new Map<string, number>()), target, by);
}

function attach(state: StateData, record: ResourceRecordSet): void {
  const { names, aliasRefs } = state;
  let types = names.get(record.Name);
  if (types === undefined) names.set(record.Name, (types = new Map<string, Group>()));
  let group = types.get(record.Type);
  if (group === undefined) types.set(record.Type, (group = newGroup()));
  addRecord(group, record);
  group.size++;
  const target = sameZoneTarget(state, record);
  account(group, record, target, 1);
  if (target === undefined) return;
  let refs = aliasRefs.get(target);
  if (refs === undefined) aliasRefs.set(target, (refs = new Map<string, Set<ResourceRecordSet>>()));
  addTo(refs, record.Type, record);
}

function detach(state: StateData, place: RecordPlace): ResourceRecordSet | undefined {
  const { names, aliasRefs } = state;
  const types = names.get(place.Name);
  const group = types?.get(place.Type);
  const id = place.SetIdentifier ?? '';
  const record = group === undefined ? undefined : recordIn(group, id);
  if (types === undefined || group === undefined || record === undefined) return undefined;
  deleteRecord(group, id);
  group.size--;
  const target = sameZoneTarget(state, record);
  account(group, record, target, -1);
  if (group.size === 0) {
    types.delete(record.Type);
    if (types.size === 0) names.delete(record.Name);
    addTo(state.emptiedGroups, record.Name, record.Type);
  }
  const byType = target === undefined ? undefined : aliasRefs.get(target);
  const refs = byType?.get(record.Type);
  if (target !== undefined && byType !== undefined && refs !== undefined) {
    refs.delete(record);
    if (refs.size === 0) byType.delete(record.Type);
    if (byType.size === 0) aliasRefs.delete(target);
  }
  return record;
}

function get(
  this: State,
  name: string,
  type: string,
  setIdentifier: string | undefined,
): ResourceRecordSet | undefined {
  const found = groupOf(this, name, type);
  return found === undefined ? undefined : recordIn(found, setIdentifier ?? '');
}

function group(this: State, name: string, type: string): GroupView | undefined {
  return groupOf(this, name, type);
}

function typesAt(this: State, name: string): ReadonlyMap<string, GroupView> | undefined {
  return this.names.get(name);
}

function* values(this: State): IterableIterator<ResourceRecordSet> {
  for (const types of this.names.values())
    for (const found of types.values()) {
      if (found.records !== undefined) yield* found.records.values();
      else if (found.single !== undefined) yield found.single;
    }
}

function aliasesOf(
  this: State,
  name: string,
  type: string,
): ReadonlySet<ResourceRecordSet> | undefined {
  return this.aliasRefs.get(name)?.get(type);
}

function targetsOf(
  this: State,
  name: string,
  type: string,
): ReadonlyMap<string, number> | undefined {
  return groupOf(this, name, type)?.targets;
}

function insert(this: State, record: ResourceRecordSet): void {
  attach(this, record);
  this.undoRecords.push(record);
  this.undoInserted.push(true);
}

function remove(this: State, place: RecordPlace): void {
  const removed = detach(this, place);
  if (removed === undefined) return;
  this.undoRecords.push(removed);
  this.undoInserted.push(false);
}

function mark(this: State): number {
  return this.undoRecords.length;
}

function rollback(this: State, to: number): void {
  const { undoRecords, undoInserted } = this;
  while (undoRecords.length > to) {
    const record = undoRecords.pop();
    const inserted = undoInserted.pop();
    if (record === undefined) break;
    if (inserted === true) detach(this, record);
    else attach(this, record);
  }
  if (to === 0) this.emptiedGroups.clear();
}

function commit(this: State): void {
  this.undoRecords.length = 0;
  this.undoInserted.length = 0;
  this.emptiedGroups.clear();
}

function emptied(this: State): ReadonlyMap<string, ReadonlySet<string>> {
  return this.emptiedGroups;
}

function clone(this: State): ZoneState {
  return stateOver(this.zoneId, copyIndexes(this));
}
