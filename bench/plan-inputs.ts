/** What the planning bench's processes plan from, made as a reconcile would read it. */
import { createHostedZone } from '../shared/domain/dns/zone/index.js';
import type { ChangeBatch, ResourceRecordSet } from '../shared/domain/dns/records.js';
import type { RegionObservation } from '../shared/domain/fleet/fleet.js';

/** The records of a new zone of `zoneId` once these plans' batches are applied, in order. */
export function zoneAfter(
  zoneId: string,
  ...plans: readonly (readonly ChangeBatch[])[]
): ResourceRecordSet[] {
  const zone = createHostedZone({ zoneId });
  for (const batches of plans) for (const batch of batches) zone.apply(batch);
  return zone.records();
}

/** Fresh objects, as a read of the zone would give: nothing shared with what the planner built. */
export const copied = (records: readonly ResourceRecordSet[]) =>
  JSON.parse(JSON.stringify(records)) as ResourceRecordSet[];

/**
 * The regions as a new read gives them: new observation objects (their
 * instances shared), so what the planner remembers of one observation (its
 * tag index) is worked out again in every plan, as in every reconcile.
 */
export const read = (regions: ReadonlyMap<string, RegionObservation>) =>
  new Map([...regions].map(([region, observation]) => [region, { ...observation }]));
