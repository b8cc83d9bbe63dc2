/**
 * The Route 53 adapter: reads the records under some names, sends change
 * batches, waits for them to be in sync. It paginates, retries and classifies
 * errors; it makes no decisions. Every call counts against Route 53's account
 * limit of 5 requests/s, so it never reads a page it does not need.
 */
import type {
  ChangeBatch as SdkChangeBatch,
  ListResourceRecordSetsCommandOutput,
  RRType,
} from '@aws-sdk/client-route-53';
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { escapeName, isAtOrBelow, listOrderKey, normalizeName } from '../domain/dns/names.js';
import type { ChangeBatch, ResourceRecordSet } from '../domain/dns/records.js';
import { staleMessages } from '../domain/dns/zone/stale.js';
import {
  AwsCallError,
  ConflictError,
  InvalidChangeBatchError,
  StaleWriteError,
} from '../domain/errors.js';

export { StaleWriteError, staleMessages };
import type { RetryDeps, RetryPolicy } from './retry.js';
import { DEFAULT_RETRY, isThrottling, realRetryDeps, withBackoff } from './retry.js';
import { toRecordSet } from '../formats/aws-shapes.js';

export interface Route53Adapter {
  /** Every record at or below each root, normalised, in list order; each subtree is read once. */
  readRecords(roots: readonly string[]): Promise<ResourceRecordSet[]>;
  /** Sends one batch as given and returns its change id; throws StaleWriteError or AwsCallError. */
  changeRecords(batch: ChangeBatch): Promise<string>;
  /** Polls GetChange until INSYNC (true) or until timeoutMs of waiting has passed (false). */
  waitInSync(changeId: string, options?: { timeoutMs?: number; pollMs?: number }): Promise<boolean>;
  /** How many requests this adapter handed to the client (the SDK's own retries not included). */
  readonly calls: () => number;
}

export interface Route53AdapterOptions {
  readonly hostedZoneId: string;
  readonly retry?: RetryPolicy;
  readonly deps?: RetryDeps;
}

/** A Route 53 client: the service is global, signed in us-east-1; the rest comes from the environment. */
export function route53Client(): Route53Client {
  return new Route53Client({ region: 'us-east-1' });
}

/** Where a listing starts: Route 53's Next* values, passed back exactly as it printed them. */
interface Cursor {
  readonly name: string;
  readonly type?: RRType;
  readonly identifier?: string;
}

/** One page of a listing, normalised; `next` is undefined at the end of the zone. */
interface Page {
  readonly records: readonly ResourceRecordSet[];
  readonly next: Cursor | undefined;
}

// Route 53's largest page. The installed SDK types MaxItems as a number (older ones: a string).
const LIST_PAGE_SIZE = 300;
const DEFAULT_WAIT = { timeoutMs: 120_000, pollMs: 5_000 };

/** The adapter for one hosted zone; the client is injected so tests can mock it. */
export function createRoute53Adapter(
  client: Route53Client,
  options: Route53AdapterOptions,
): Route53Adapter {
  const { hostedZoneId } = options;
  const policy = options.retry ?? DEFAULT_RETRY;
  const deps = options.deps ?? realRetryDeps;
  let calls = 0;

  /** Sends through the client, counting each attempt and retrying throttling beyond the SDK. */
  async function send<T>(operation: string, request: () => Promise<T>): Promise<T> {
    try {
      return await withBackoff(
        () => {
          calls++;
          return request();
        },
        isThrottling,
        policy,
        deps,
      );
    } catch (error) {
      if (error instanceof ConflictError || error instanceof AwsCallError) throw error;
      throw new AwsCallError(operation, undefined, error);
    }
  }

  async function listPage(cursor: Cursor): Promise<Page> {
    const output: ListResourceRecordSetsCommandOutput = await send('ListResourceRecordSets', () =>
      client.send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: hostedZoneId,
          StartRecordName: cursor.name,
          StartRecordType: cursor.type,
          StartRecordIdentifier: cursor.identifier,
          MaxItems: LIST_PAGE_SIZE,
        }),
      ),
    );
    const records = (output.ResourceRecordSets ?? []).map(toRecordSet);
    if (output.IsTruncated !== true) return { records, next: undefined };
    const next: Cursor = {
      name: output.NextRecordName ?? '',
      type: output.NextRecordType,
      identifier: output.NextRecordIdentifier,
    };
    // A truncated page must move the cursor on, or the loop below would never end.
    const stuck =
      next.name === cursor.name &&
      next.type === cursor.type &&
      next.identifier === cursor.identifier;
    if (next.name === '' || stuck) {
      throw new AwsCallError(
        'ListResourceRecordSets',
        undefined,
        'truncated page without a new cursor',
      );
    }
    return { records, next };
  }

  async function readRecords(roots: readonly string[]): Promise<ResourceRecordSet[]> {
    const found: ResourceRecordSet[] = [];
    let page: Page | undefined;
    for (const root of subtreeRoots(roots)) {
      // The page read for an earlier root may already hold the start of this one.
      if (page === undefined || !reaches(page, listOrderKey(root)))
        page = await listPage({ name: escapeName(root) });
      for (;;) {
        for (const record of page.records) if (isAtOrBelow(record.Name, root)) found.push(record);
        // A subtree is one contiguous run, and the cursor names the first record left out:
        // once it is past the subtree, so is everything after it.
        const next = page.next;
        if (next === undefined || !isAtOrBelow(normalizeName(next.name), root)) break;
        page = await listPage(next);
      }
    }
    return found;
  }

  async function changeRecords(batch: ChangeBatch): Promise<string> {
    const output = await send('ChangeResourceRecordSets', async () => {
      try {
        return await client.send(
          new ChangeResourceRecordSetsCommand({
            HostedZoneId: hostedZoneId,
            // The domain record is the SDK's shape with readonly arrays and Type as a string.
            ChangeBatch: batch as unknown as SdkChangeBatch,
          }),
        );
      } catch (error) {
        throw classifyChangeError(error);
      }
    });
    const id = output.ChangeInfo?.Id;
    if (id === undefined) {
      throw new AwsCallError(
        'ChangeResourceRecordSets',
        undefined,
        'response has no ChangeInfo.Id',
      );
    }
    return id;
  }

  async function waitInSync(
    changeId: string,
    waitOptions: { timeoutMs?: number; pollMs?: number } = {},
  ): Promise<boolean> {
    const timeoutMs = waitOptions.timeoutMs ?? DEFAULT_WAIT.timeoutMs;
    const pollMs = waitOptions.pollMs ?? DEFAULT_WAIT.pollMs;
    // Time is counted in sleeps, not read from a clock, so tests run without waiting.
    for (let waited = 0; ; waited += pollMs) {
      const output = await send('GetChange', () =>
        client.send(new GetChangeCommand({ Id: changeId })),
      );
      if (output.ChangeInfo?.Status === 'INSYNC') return true;
      if (waited + pollMs > timeoutMs) return false;
      await deps.sleep(pollMs);
    }
  }

  return { readRecords, changeRecords, waitInSync, calls: () => calls };
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

/** True when the page's range of the zone extends to the position of `key`. */
function reaches(page: Page, key: string): boolean {
  return page.next === undefined || key <= listOrderKey(normalizeName(page.next.name));
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** An InvalidChangeBatch as read from an SDK error: Route 53's messages, and whether the SDK named it so. */
export interface InvalidChangeBatchRead {
  readonly messages: string[];
  /** False for the `<InvalidChangeBatch><Messages>` body, which the SDK calls "Unknown". */
  readonly named: boolean;
}

/**
 * Route 53's messages if the error is an InvalidChangeBatch, from either body
 * Route 53 sends; undefined for any other error.
 */
export function invalidChangeBatch(error: unknown): InvalidChangeBatchRead | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, Code, message, messages, Messages } = error as Record<string, unknown>;
  // <ErrorResponse>: the SDK's InvalidChangeBatch, with `messages` empty and all of them
  // in `message` as "[first, second]".
  if (name === 'InvalidChangeBatch' || Code === 'InvalidChangeBatch') {
    const listed = strings(messages);
    return {
      messages: listed.length > 0 ? listed : strings(message),
      named: name === 'InvalidChangeBatch',
    };
  }
  // <InvalidChangeBatch><Messages>: the SDK names it "Unknown" but keeps the messages.
  if (typeof Messages !== 'object' || Messages === null) return undefined;
  const listed = strings((Messages as { Message?: unknown }).Message);
  return listed.length > 0 ? { messages: listed, named: false } : undefined;
}

/** The error changeRecords throws for a failed send: stale, Route 53's own, or a readable stand-in. */
function classifyChangeError(error: unknown): unknown {
  const invalid = invalidChangeBatch(error);
  if (invalid === undefined) return error;
  const stale = staleMessages(invalid.messages);
  if (stale !== undefined) return new StaleWriteError(stale, { cause: error });
  // The SDK's "Unknown: UnknownError" would hide Route 53's words.
  return invalid.named
    ? error
    : new InvalidChangeBatchError('InvalidChangeBatch', invalid.messages);
}
