/**
 * ListResourceRecordSets over the model: Route 53's order and its paging by
 * cursor (a start position, not a filter).
 */
import { InputError } from '../../errors.js';
import { listOrderKey, normalizeName } from '../names.js';
import type { ResourceRecordSet } from '../records.js';
import { ROUTE53_LIMITS } from './limits.js';
import type { ListPage, ListParams } from './types.js';

/** Records in list order with each one's name-order key, so the cursor is found by bisection. */
export interface SortedRecords {
  readonly records: readonly ResourceRecordSet[];
  readonly orders: readonly string[];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders (name, type, set identifier) as Route 53 lists them; no identifier sorts first. */
function comparePositions(
  order: string,
  type: string,
  id: string,
  other: string,
  otherType: string,
  otherId: string,
): number {
  return (
    compareStrings(order, other) || compareStrings(type, otherType) || compareStrings(id, otherId)
  );
}

/** Sorts records into Route 53 list order; O(n log n), computing each name's key once. */
export function sortRecords(records: Iterable<ResourceRecordSet>): SortedRecords {
  const decorated = Array.from(records, (record) => ({ record, order: listOrderKey(record.Name) }));
  decorated.sort((a, b) =>
    comparePositions(
      a.order,
      a.record.Type,
      a.record.SetIdentifier ?? '',
      b.order,
      b.record.Type,
      b.record.SetIdentifier ?? '',
    ),
  );
  return { records: decorated.map((d) => d.record), orders: decorated.map((d) => d.order) };
}

function lowerBound(sorted: SortedRecords, order: string, type: string, id: string): number {
  let low = 0;
  let high = sorted.records.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const record = sorted.records[middle];
    const position = sorted.orders[middle] ?? '';
    const below =
      record !== undefined &&
      comparePositions(position, record.Type, record.SetIdentifier ?? '', order, type, id) < 0;
    if (below) low = middle + 1;
    else high = middle;
  }
  return low;
}

function maxItems(value: number | string | undefined): number {
  if (value === undefined) return ROUTE53_LIMITS.maxListItems;
  const parsed = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new InputError('ListResourceRecordSets', [
      `MaxItems must be a positive integer, not '${String(value)}'`,
    ]);
  }
  // Route 53 quietly caps larger requests.
  return Math.min(parsed, ROUTE53_LIMITS.maxListItems);
}

function startIndex(sorted: SortedRecords, params: ListParams): number {
  const { StartRecordName: name, StartRecordType: type, StartRecordIdentifier: id } = params;
  if (name === undefined) {
    if (type !== undefined || id !== undefined) {
      throw new InputError('ListResourceRecordSets', [
        'StartRecordType and StartRecordIdentifier need StartRecordName',
      ]);
    }
    return 0;
  }
  if (type === undefined && id !== undefined) {
    throw new InputError('ListResourceRecordSets', ['StartRecordIdentifier needs StartRecordType']);
  }
  return lowerBound(sorted, listOrderKey(normalizeName(name)), type ?? '', id ?? '');
}

/** One page starting at the first record at or after the cursor; Next* names the first record left out. */
export function listPage(sorted: SortedRecords, params: ListParams = {}): ListPage {
  const limit = maxItems(params.MaxItems);
  const start = startIndex(sorted, params);
  const end = Math.min(start + limit, sorted.records.length);
  const page = sorted.records.slice(start, end);
  const next = sorted.records[end];
  if (next === undefined) {
    return { ResourceRecordSets: page, IsTruncated: false, MaxItems: String(limit) };
  }
  return {
    ResourceRecordSets: page,
    IsTruncated: true,
    NextRecordName: next.Name,
    NextRecordType: next.Type,
    ...(next.SetIdentifier !== undefined && { NextRecordIdentifier: next.SetIdentifier }),
    MaxItems: String(limit),
  };
}
