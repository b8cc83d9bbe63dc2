/** Helpers to run plans against the hosted-zone model, as Route 53 would take them. */
import { expect } from 'vitest';
import type { Plan } from '../../shared/domain/plan/plan.js';
import type { ResourceRecordSet } from '../../shared/domain/dns/records.js';
import { createHostedZone, type HostedZone } from '../../shared/domain/dns/zone/index.js';
import { ZONE_ID } from './builders.js';

export function zoneWith(records: readonly ResourceRecordSet[] = []): HostedZone {
  return createHostedZone({ zoneId: ZONE_ID }, records);
}

/** Sends every batch of the plan to the zone, failing the test on any rejection. */
export function applyPlan(zone: HostedZone, plan: Plan): HostedZone {
  plan.changeBatches.forEach((batch, i) => {
    const rejection = zone.apply(batch);
    expect(rejection, `batch ${i + 1} rejected`).toBeUndefined();
  });
  return zone;
}

export function changedKeys(plan: Plan): string[] {
  return plan.changeBatches.flatMap((b) =>
    b.Changes.map((c) =>
      `${c.Action} ${c.ResourceRecordSet.Name} ${c.ResourceRecordSet.Type} ${c.ResourceRecordSet.SetIdentifier ?? ''}`.trim(),
    ),
  );
}
