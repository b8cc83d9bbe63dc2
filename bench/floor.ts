/**
 * The floor a plan is measured against: what any planner must do at least to
 * emit the planner's changes once the layout is decided. It is handed the
 * layout (each desired record with the instances whose addresses it holds,
 * as the planner placed and weighted them) and does the rest in single
 * passes: reads every instance's address from the fleet, builds each desired
 * record, indexes the current records by name, type and set identifier, and
 * emits DELETE + CREATE for each changed record (never an UPSERT), CREATE for
 * each new one and DELETE for each one gone.
 */
import type { RegionObservation } from '../shared/domain/fleet/fleet.js';
import { sameRecord } from '../shared/domain/dns/record-equality.js';
import type { Change, ResourceRecordSet } from '../shared/domain/dns/records.js';

/** A desired record's value: an instance's address, or a literal (markers, aliases have none). */
type Value = { readonly id: string } | { readonly literal: string };

export interface LaidOut {
  /** The record without its values. */
  readonly record: ResourceRecordSet;
  readonly values: readonly Value[] | undefined;
}

/** Desired records as a layout, each address replaced by the id of the instance that has it. */
export function layoutOf(
  desired: readonly ResourceRecordSet[],
  regions: ReadonlyMap<string, RegionObservation>,
): LaidOut[] {
  const idOf = new Map<string, string>();
  for (const observation of regions.values())
    for (const i of observation.instances) if (i.publicIp !== undefined) idOf.set(i.publicIp, i.id);
  return desired.map(({ ResourceRecords, ...record }) => ({
    record,
    values: ResourceRecords?.map(({ Value }): Value => {
      const id = idOf.get(Value);
      return id === undefined ? { literal: Value } : { id };
    }),
  }));
}

type Index = Map<string, Map<string, Map<string, ResourceRecordSet>>>;

function indexOf(records: readonly ResourceRecordSet[]): Index {
  const index: Index = new Map();
  for (const record of records) {
    let byType = index.get(record.Name);
    if (byType === undefined)
      index.set(record.Name, (byType = new Map<string, Map<string, ResourceRecordSet>>()));
    let byId = byType.get(record.Type);
    if (byId === undefined) byType.set(record.Type, (byId = new Map<string, ResourceRecordSet>()));
    byId.set(record.SetIdentifier ?? '', record);
  }
  return index;
}

function build(laidOut: readonly LaidOut[], address: ReadonlyMap<string, string>) {
  return laidOut.map(({ record, values }): ResourceRecordSet => {
    if (values === undefined) return { ...record };
    const ResourceRecords = values.map((v) => ({
      Value: 'id' in v ? (address.get(v.id) ?? '') : v.literal,
    }));
    return { ...record, ResourceRecords };
  });
}

/** The changes from `current` to the laid-out records, in no particular order. */
export function floorChanges(
  regions: ReadonlyMap<string, RegionObservation>,
  current: readonly ResourceRecordSet[],
  laidOut: readonly LaidOut[],
): Change[] {
  const address = new Map<string, string>();
  for (const observation of regions.values())
    for (const i of observation.instances) address.set(i.id, i.publicIp ?? '');
  const index = indexOf(current);
  const changes: Change[] = [];
  for (const record of build(laidOut, address)) {
    const byId = index.get(record.Name)?.get(record.Type);
    const id = record.SetIdentifier ?? '';
    const existing = byId?.get(id);
    if (existing === undefined) changes.push({ Action: 'CREATE', ResourceRecordSet: record });
    else {
      byId?.delete(id);
      if (!sameRecord(existing, record)) {
        changes.push({ Action: 'DELETE', ResourceRecordSet: existing });
        changes.push({ Action: 'CREATE', ResourceRecordSet: record });
      }
    }
  }
  for (const byType of index.values())
    for (const byId of byType.values())
      for (const record of byId.values())
        changes.push({ Action: 'DELETE', ResourceRecordSet: record });
  return changes;
}

function canonicalChange(change: Change): string {
  const r = change.ResourceRecordSet;
  const values = r.ResourceRecords?.map((v) => v.Value).sort();
  return `${change.Action} ${JSON.stringify({ ...r, ResourceRecords: values })}`;
}

/** Undefined when both lists hold the same changes (as a multiset), else what differs. */
export function changeSetDifference(
  planner: readonly Change[],
  floor: readonly Change[],
): string | undefined {
  const counts = new Map<string, number>();
  const add = (c: Change, by: number) =>
    counts.set(canonicalChange(c), (counts.get(canonicalChange(c)) ?? 0) + by);
  for (const c of planner) add(c, 1);
  for (const c of floor) add(c, -1);
  const off = [...counts].filter(([, n]) => n !== 0);
  if (off.length === 0) return undefined;
  const some = off.slice(0, 3).map(([k, n]) => `${n > 0 ? 'planner' : 'floor'} only: ${k}`);
  return `${off.length} changes differ, e.g. ${some.join('; ')}`;
}
