import { parseBinName } from '../layout/layout.js';
import { isOwnershipMarker, ownedSetIdentifier } from './ownership.js';
import { routingPolicy, type ResourceRecordSet } from '../dns/records.js';
import type { RebalancerSpec, RegionSpec, ServiceSpec } from '../spec.js';

/** What one (service, region) owns today, and what stands in its way. */
export interface UnitCurrent {
  readonly service: ServiceSpec;
  readonly region: RegionSpec;
  /** Every record of ours the unit manages: its latency record, regional set, shards, groups, markers. */
  readonly owned: ResourceRecordSet[];
  readonly latency: ResourceRecordSet | undefined;
  /** Records of others at the unit's names. */
  readonly foreign: ResourceRecordSet[];
  /** Why the unit cannot be written; empty when it can. */
  readonly conflicts: string[];
}

export interface CurrentState {
  readonly units: ReadonlyMap<string, UnitCurrent>;
  /** Records of ours that no configured service and region claims any more. */
  readonly orphans: readonly ResourceRecordSet[];
}

export function unitKey(service: string, region: string): string {
  return `${service}|${region}`;
}

function describe(record: ResourceRecordSet): string {
  const id = record.SetIdentifier === undefined ? '' : ` (${record.SetIdentifier})`;
  return `${routingPolicy(record)} ${record.Type} record ${record.Name}${id}`;
}

/** Why a record of someone else at one of our names blocks our records there, if it does. */
function conflictAt(
  record: ResourceRecordSet,
  type: string,
  policy: 'latency' | 'weighted' | 'simple',
  region?: string,
) {
  if (record.Type === 'CNAME') return `a CNAME at ${record.Name} excludes every other record there`;
  if (record.Type !== type) return undefined;
  const theirs = routingPolicy(record);
  if (theirs !== policy || policy === 'simple')
    return `${describe(record)} is not ours and blocks ours`;
  if (policy === 'latency' && record.Region === region) {
    return `${describe(record)} already routes ${region} at ${record.Name}`;
  }
  return undefined;
}

/** The record types the service writes: its type, and AAAA beside A for dual stack. */
export function typesOf(service: ServiceSpec): readonly string[] {
  return service.dualStack === true ? ['A', 'AAAA'] : [service.type];
}

/** The first reason any of the service's types is blocked by the record. */
function conflictFor(
  record: ResourceRecordSet,
  service: ServiceSpec,
  policy: 'latency' | 'weighted' | 'simple',
  region?: string,
): string | undefined {
  for (const type of typesOf(service)) {
    const conflict = conflictAt(record, type, policy, region);
    if (conflict !== undefined) return conflict;
  }
  return undefined;
}

/** A unit while the records are sorted into it: its latency record is found on the way. */
type Building = { -readonly [K in keyof UnitCurrent]: UnitCurrent[K] };

type LatencyName = { service: ServiceSpec; units: Map<string, Building> };

/** What a name is to the configuration: a latency name, a regional name, a bin of one, or none. */
interface Place {
  readonly name: string;
  readonly latency: LatencyName | undefined;
  readonly regional: Building | undefined;
  readonly binUnit: Building | undefined;
  readonly bin: ReturnType<typeof parseBinName>;
}

function placeOf(
  name: string,
  byRecordName: ReadonlyMap<string, LatencyName>,
  byRegionalName: ReadonlyMap<string, Building>,
): Place {
  const latency = byRecordName.get(name);
  const regional = latency === undefined ? byRegionalName.get(name) : undefined;
  if (latency !== undefined || regional !== undefined)
    return { name, latency, regional, binUnit: undefined, bin: undefined };
  const parent = name.slice(name.indexOf('.') + 1);
  const binUnit = byRegionalName.get(parent);
  const bin = binUnit === undefined ? undefined : parseBinName(name, parent);
  return { name, latency, regional, binUnit, bin };
}

/**
 * Sorts the records read from the zone into what each configured unit owns,
 * what belongs to others (and whether it blocks us), and our orphans.
 * Ownership comes only from the SetIdentifier prefix or the TXT marker.
 */
export function classifyCurrent(
  spec: RebalancerSpec,
  records: readonly ResourceRecordSet[],
): CurrentState {
  const { ownerId } = spec;
  const units = new Map<string, Building>();
  const byRegionalName = new Map<string, Building>();
  const byRecordName = new Map<string, LatencyName>();
  for (const service of spec.services) {
    const serviceUnits = new Map<string, Building>();
    for (const region of service.regions) {
      const unit: Building = {
        service,
        region,
        owned: [],
        latency: undefined,
        foreign: [],
        conflicts: [],
      };
      units.set(unitKey(service.name, region.region), unit);
      serviceUnits.set(region.region, unit);
      byRegionalName.set(region.name, unit);
    }
    byRecordName.set(service.recordName, { service, units: serviceUnits });
  }
  const marked = new Set(records.filter((r) => isOwnershipMarker(r, ownerId)).map((r) => r.Name));
  const orphans: ResourceRecordSet[] = [];

  const prefix = ownedSetIdentifier(ownerId, '');
  // Records come name by name (zone order): each name is placed once for all its records.
  let at: Place | undefined;
  for (const record of records) {
    if (at === undefined || at.name !== record.Name)
      at = placeOf(record.Name, byRecordName, byRegionalName);
    // Only the latency name reads the key itself; elsewhere owning is enough (no slice per record).
    const owns = record.SetIdentifier?.startsWith(prefix) === true;
    const latencyName = at.latency;
    if (latencyName !== undefined) {
      const key = owns ? record.SetIdentifier.slice(prefix.length) : undefined;
      const unit = key === undefined ? undefined : latencyName.units.get(key);
      if (unit !== undefined && typesOf(latencyName.service).includes(record.Type)) {
        // It sits in the unit's own slot (name, type, set identifier) whatever its policy says:
        // the unit replaces it in one batch, where an orphan kept back would block its record.
        unit.owned.push(record);
        // The A tree's latency record speaks for the unit; an AAAA twin mirrors it.
        if (record.Region === key && record.Type === latencyName.service.type)
          unit.latency = record;
      } else if (key !== undefined) {
        orphans.push(record);
      } else {
        for (const other of latencyName.units.values()) {
          other.foreign.push(record);
          const conflict = conflictFor(record, latencyName.service, 'latency', other.region.region);
          if (conflict !== undefined) other.conflicts.push(conflict);
        }
      }
      continue;
    }
    const regional = at.regional;
    if (regional !== undefined) {
      if (owns) regional.owned.push(record);
      else {
        regional.foreign.push(record);
        const conflict = conflictFor(record, regional.service, 'weighted');
        if (conflict !== undefined) regional.conflicts.push(conflict);
      }
      continue;
    }
    const { binUnit, bin } = at;
    if (binUnit !== undefined && bin !== undefined) {
      const ours =
        bin.kind === 'shard'
          ? owns
          : isOwnershipMarker(record, ownerId) ||
            (marked.has(record.Name) &&
              record.SetIdentifier === undefined &&
              typesOf(binUnit.service).includes(record.Type));
      if (ours) binUnit.owned.push(record);
      else {
        binUnit.foreign.push(record);
        const policy = bin.kind === 'shard' ? 'weighted' : 'simple';
        const conflict =
          bin.kind === 'endpoint' && record.Type === 'TXT'
            ? `${describe(record)} is not ours and blocks our ownership marker`
            : conflictFor(record, binUnit.service, policy);
        if (conflict !== undefined) binUnit.conflicts.push(conflict);
      }
      continue;
    }
    if (owns || isOwnershipMarker(record, ownerId)) orphans.push(record);
  }
  return { units, orphans };
}
