/** sortChanges as it was, by whole string keys: the reference the field-by-field sort is tested against. */
import type { Change } from '../../../shared/domain/dns/records.js';
import { referenceListOrderKey } from '../dns/reference-names.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function referenceMemoListOrderKey(): (name: string) => string {
  const keys = new Map<string, string>();
  return (name) => {
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = referenceListOrderKey(name)));
    return key;
  };
}

export function referenceChangeOrderKey(
  change: Change,
  nameKey: (name: string) => string = referenceListOrderKey,
): string {
  const r = change.ResourceRecordSet;
  return `${nameKey(r.Name)}\u0000${r.Type}\u0000${r.SetIdentifier ?? ''}\u0000${change.Action === 'DELETE' ? 0 : 1}`;
}

export function referenceSortChanges(
  changes: readonly Change[],
  rank: (change: Change) => number = () => 0,
): Change[] {
  const nameKey = referenceMemoListOrderKey();
  return changes
    .map((change) => ({
      change,
      rank: rank(change),
      key: referenceChangeOrderKey(change, nameKey),
    }))
    .sort((a, b) => a.rank - b.rank || cmp(a.key, b.key))
    .map((d) => d.change);
}
