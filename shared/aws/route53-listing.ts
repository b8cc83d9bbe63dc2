/**
 * How a Route 53 read walks the zone: which subtrees and names one read lists,
 * in list order, where a page's range ends, and the guard that ends a listing
 * whose cursor cycles or that never ends.
 */
import type { RRType } from '@aws-sdk/client-route-53';
import { compareNames, isAtOrBelow, listOrderKey, normalizeName } from '../domain/dns/names.js';
import type { ResourceRecordSet } from '../domain/dns/records.js';
import { AwsCallError } from '../domain/errors.js';

/** Where a listing starts: Route 53's Next* values, passed back exactly as it printed them. */
export interface Cursor {
  readonly name: string;
  readonly type?: RRType;
  readonly identifier?: string;
}

/** One page of a listing, normalised; `next` is undefined at the end of the zone. */
export interface Page {
  readonly records: readonly ResourceRecordSet[];
  readonly next: Cursor | undefined;
}

// Route 53's largest page. The installed SDK types MaxItems as a number (older ones: a string).
export const LIST_PAGE_SIZE = 300;
// The most pages one readRecords may take. The largest fleet we support, 100,000 instances,
// at one record each, is 334 pages of 300; more means the cursor is not converging.
export const MAX_LIST_PAGES = 400;
/** The pages one readRecords has asked for, to refuse a cursor cycle and an endless zone. */
export interface PagesRead {
  readonly seen: Set<string>;
  pages: number;
}

/** Counts the page about to be read; throws if its cursor was read before or there are too many. */
export function admit(cursor: Cursor, read: PagesRead): void {
  const key = JSON.stringify([cursor.name, cursor.type, cursor.identifier]);
  const after = read.pages === 1 ? '1 page' : `${read.pages} pages`;
  if (read.seen.has(key)) {
    const at = [cursor.name, cursor.type, cursor.identifier].filter(Boolean).join(' ');
    throw new AwsCallError(
      'ListResourceRecordSets',
      undefined,
      `cursor ${at} repeated after ${after}`,
    );
  }
  if (read.pages >= MAX_LIST_PAGES) {
    throw new AwsCallError(
      'ListResourceRecordSets',
      undefined,
      `more than ${MAX_LIST_PAGES} pages`,
    );
  }
  read.seen.add(key);
  read.pages++;
}

/** The roots normalised, in list order, without repeats or roots inside another root. */
export function subtreeRoots(roots: readonly string[]): string[] {
  const sorted = [...new Set(roots.map(normalizeName))].sort((a, b) => {
    const x = listOrderKey(a);
    const y = listOrderKey(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const kept: string[] = [];
  for (const root of sorted) {
    // Sorted so that an enclosing root comes right before everything inside it.
    const last = kept[kept.length - 1];
    if (last === undefined || !isAtOrBelow(root, last)) kept.push(root);
  }
  return kept;
}

/** What one readRecords lists, in list order: subtrees, and names read alone unless a subtree holds them. */
export function readTargets(
  roots: readonly string[],
  names: readonly string[],
): { readonly name: string; readonly below: boolean }[] {
  const subtrees = subtreeRoots(roots);
  const alone = [...new Set(names.map(normalizeName))].filter(
    (name) => !subtrees.some((root) => isAtOrBelow(name, root)),
  );
  return [
    ...subtrees.map((name) => ({ name, below: true })),
    ...alone.map((name) => ({ name, below: false })),
  ].sort((a, b) => compareNames(a.name, b.name));
}

/** True when the page's range of the zone extends to the position of `key`. */
export function reaches(page: Page, key: string): boolean {
  return page.next === undefined || key <= listOrderKey(normalizeName(page.next.name));
}
