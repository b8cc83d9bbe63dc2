/** sortChanges as it was, by whole string keys: the reference the field-by-field sort is tested against. */
import { changeOrderKey, memoListOrderKey } from '../../../shared/domain/plan/diff.js';
import type { Change } from '../../../shared/domain/dns/records.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function referenceSortChanges(
  changes: readonly Change[],
  rank: (change: Change) => number = () => 0,
): Change[] {
  const nameKey = memoListOrderKey();
  return changes
    .map((change) => ({ change, rank: rank(change), key: changeOrderKey(change, nameKey) }))
    .sort((a, b) => a.rank - b.rank || cmp(a.key, b.key))
    .map((d) => d.change);
}
