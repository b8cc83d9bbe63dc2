import { normalizeName } from '../dns/names.js';
import { recordKey, recordSet, recordValues, type ResourceRecordSet } from '../dns/records.js';
import type { Member } from '../fleet/members.js';
import type { RenderedRegion } from '../layout/render.js';
import type { RegionCheckLookup } from './region-checks.js';

/*
 * Puts each check's id on the record it guards: an instance's weighted record,
 * a collapsed region's plain latency record, a group's weighted alias. Only ids
 * of checks that exist are ever written: a record whose check is still pending
 * goes out without one (Route 53 refuses a record naming a missing check).
 */

function withCheck(record: ResourceRecordSet, id: string | undefined): ResourceRecordSet {
  // recordSet drops undefined fields, so an undefined id clears the field.
  return record.HealthCheckId === id ? record : recordSet({ ...record, HealthCheckId: id });
}

/** The id for a record of the region, or undefined: instances by their address, groups by their name. */
function idFor(
  record: ResourceRecordSet,
  byAddress: ReadonlyMap<string, string>,
  byGroupName: ReadonlyMap<string, string>,
): string | undefined {
  if (record.AliasTarget !== undefined)
    return byGroupName.get(normalizeName(record.AliasTarget.DNSName));
  const values = recordValues(record);
  const guarded = record.SetIdentifier !== undefined && values.length === 1;
  return guarded ? byAddress.get(values[0] ?? '') : undefined;
}

/** The rendered region with HealthCheckId set from `lookup` (and cleared where no check exists). */
export function attachChecks(
  rendered: RenderedRegion,
  members: readonly Member[],
  lookup: RegionCheckLookup,
): RenderedRegion {
  const byAddress = new Map<string, string>();
  for (const m of members) {
    const id = lookup.endpointIdOf.get(m.instance.id);
    if (m.address !== undefined && id !== undefined) byAddress.set(m.address, id);
  }
  const byGroupName = new Map<string, string>();
  for (const g of rendered.groups) {
    const id = lookup.groupIdOf.get(g.label);
    if (id !== undefined) byGroupName.set(normalizeName(g.name), id);
  }
  const attach = (r: ResourceRecordSet) => withCheck(r, idFor(r, byAddress, byGroupName));
  return {
    ...rendered,
    records: rendered.records.map(attach),
    latency: rendered.latency === undefined ? undefined : attach(rendered.latency),
  };
}

/**
 * When the checks could not be read, each record keeps the id it has now (if
 * its key and values are unchanged): a failed read never detaches a check nor
 * names one that may not exist.
 */
export function keepCurrentChecks(
  rendered: RenderedRegion,
  current: readonly ResourceRecordSet[],
): RenderedRegion {
  const now = new Map(current.map((r) => [recordKey(r), r]));
  const keep = (r: ResourceRecordSet) => {
    const before = now.get(recordKey(r));
    const same =
      before !== undefined && recordValues(before).join(',') === recordValues(r).join(',');
    return withCheck(r, same ? before.HealthCheckId : undefined);
  };
  return {
    ...rendered,
    records: rendered.records.map(keep),
    latency: rendered.latency === undefined ? undefined : keep(rendered.latency),
  };
}
