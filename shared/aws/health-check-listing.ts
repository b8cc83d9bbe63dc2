/**
 * The two Route 53 reads behind listing health checks: every page of
 * ListHealthChecks (Marker / NextMarker, which the paginator guard in pages.ts
 * cannot follow: it knows only NextToken), refusing a marker cycle and an
 * endless listing, and ListTagsForResources ten ids at a time.
 */
import type { HealthCheck, Route53Client, Tag } from '@aws-sdk/client-route-53';
import { ListHealthChecksCommand, ListTagsForResourcesCommand } from '@aws-sdk/client-route-53';
import { AwsCallError } from '../domain/errors.js';

/** Route 53's largest ListHealthChecks page. */
export const LIST_PAGE_SIZE = 1000;
/** ListTagsForResources takes at most 10 ids. */
export const TAG_BATCH = 10;
// One check per instance of the largest fleet we support (100,000) is 100 pages of 1,000;
// more means the marker is not converging.
const MAX_LIST_PAGES = 200;

/** Sends one request through the client (which retries throttling itself), counting it. */
export type Send = <T>(operation: string, request: () => Promise<T>) => Promise<T>;

/** Every health check of the account, all pages, in list order; throws AwsCallError on a failed or looping read. */
export async function listAllHealthChecks(
  client: Route53Client,
  send: Send,
): Promise<HealthCheck[]> {
  const found: HealthCheck[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  for (let pages = 1; ; pages++) {
    const output = await send('ListHealthChecks', () =>
      client.send(new ListHealthChecksCommand({ Marker: marker, MaxItems: LIST_PAGE_SIZE })),
    );
    found.push(...(output.HealthChecks ?? []));
    if (output.IsTruncated !== true) return found;
    const next = output.NextMarker;
    if (next === undefined || next === '')
      throw new AwsCallError('ListHealthChecks', undefined, 'truncated page without a NextMarker');
    if (seen.has(next))
      throw new AwsCallError(
        'ListHealthChecks',
        undefined,
        `NextMarker repeated after ${pages} pages`,
      );
    if (pages >= MAX_LIST_PAGES)
      throw new AwsCallError('ListHealthChecks', undefined, `more than ${MAX_LIST_PAGES} pages`);
    seen.add(next);
    marker = next;
  }
}

/** Each id's tags, ten ids a request; an id Route 53 left out, or that no longer exists, is absent. */
export async function listTags(
  client: Route53Client,
  send: Send,
  ids: readonly string[],
): Promise<Map<string, Tag[]>> {
  const tags = new Map<string, Tag[]>();
  for (let start = 0; start < ids.length; start += TAG_BATCH) {
    const batch = ids.slice(start, start + TAG_BATCH);
    for (const [id, own] of await batchTags(client, send, batch)) tags.set(id, own);
  }
  return tags;
}

async function batchTags(
  client: Route53Client,
  send: Send,
  batch: readonly string[],
): Promise<Map<string, Tag[]>> {
  const read = () =>
    send('ListTagsForResources', () =>
      client.send(
        new ListTagsForResourcesCommand({ ResourceType: 'healthcheck', ResourceIds: [...batch] }),
      ),
    );
  let output;
  try {
    output = await read();
  } catch (error) {
    // One of the ten was deleted since the listing (by whoever owns it): the others, one by
    // one, so that a check someone else deletes cannot keep this owner from listing its own.
    if (!isNoSuchHealthCheck(error)) throw error;
    if (batch.length === 1) return new Map();
    const tags = new Map<string, Tag[]>();
    for (const id of batch)
      for (const [one, own] of await batchTags(client, send, [id])) tags.set(one, own);
    return tags;
  }
  const tags = new Map<string, Tag[]>();
  for (const set of output.ResourceTagSets ?? []) {
    // Only ids asked for: an answer naming another resource is not trusted.
    if (set.ResourceId !== undefined && batch.includes(set.ResourceId))
      tags.set(set.ResourceId, set.Tags ?? []);
  }
  return tags;
}

function isNoSuchHealthCheck(error: unknown): boolean {
  const cause = error instanceof AwsCallError ? error.cause : error;
  return (cause as { name?: unknown } | undefined)?.name === 'NoSuchHealthCheck';
}
