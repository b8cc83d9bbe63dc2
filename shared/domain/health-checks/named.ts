import type { ChangeBatch, ResourceRecordSet } from '../dns/records.js';
import { recordKey } from '../dns/records.js';

/** The HealthCheckIds the records name once `batches` are applied in order to `records`. */
export function healthChecksNamedAfter(
  records: readonly ResourceRecordSet[],
  batches: readonly ChangeBatch[],
): Set<string> {
  const byKey = new Map(records.map((r) => [recordKey(r), r]));
  for (const change of batches.flatMap((b) => b.Changes)) {
    const key = recordKey(change.ResourceRecordSet);
    if (change.Action === 'DELETE') byKey.delete(key);
    else byKey.set(key, change.ResourceRecordSet);
  }
  const named = new Set<string>();
  for (const record of byKey.values())
    if (record.HealthCheckId !== undefined) named.add(record.HealthCheckId);
  return named;
}

/** Why deleting `deleting` after `batches` would break a record, or undefined: the detach-before-delete proof. */
export function detachBeforeDeleteProblem(
  records: readonly ResourceRecordSet[],
  batches: readonly ChangeBatch[],
  deleting: readonly string[],
): string | undefined {
  const named = healthChecksNamedAfter(records, batches);
  const still = deleting.filter((id) => named.has(id));
  return still.length === 0
    ? undefined
    : `health check(s) ${still.join(', ')} would be deleted while a record still names them`;
}
