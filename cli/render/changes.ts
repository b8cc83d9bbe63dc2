import { displayName } from '../../shared/domain/dns/names.js';
import type { Change, ChangeBatch } from '../../shared/domain/dns/records.js';
import { visible } from '../visible.js';

/** One line per change, whatever the record holds: `- DELETE name A id weight 10 -> 192.0.2.1`. */
export function describeChange(change: Change): string {
  const r = change.ResourceRecordSet;
  const sign = change.Action === 'DELETE' ? '-' : '+';
  const parts = [sign, change.Action.padEnd(6), displayName(r.Name), r.Type];
  if (r.SetIdentifier !== undefined) parts.push(r.SetIdentifier);
  if (r.Region !== undefined) parts.push(`region ${r.Region}`);
  if (r.Weight !== undefined) parts.push(`weight ${r.Weight}`);
  if (r.TTL !== undefined) parts.push(`ttl ${r.TTL}`);
  if (r.AliasTarget !== undefined) parts.push(`-> alias ${displayName(r.AliasTarget.DNSName)}`);
  if (r.ResourceRecords !== undefined)
    parts.push(`-> ${r.ResourceRecords.map((v) => v.Value).join(' ')}`);
  return visible(parts.join(' '));
}

/** The batches as they will be sent, numbered. */
export function describeBatches(batches: readonly ChangeBatch[]): string {
  return batches
    .map((batch, i) =>
      [
        `batch ${i + 1}/${batches.length}: ${batch.Changes.length} changes`,
        ...batch.Changes.map((c) => `  ${describeChange(c)}`),
      ].join('\n'),
    )
    .join('\n');
}
