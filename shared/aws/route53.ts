/**
 * The Route 53 adapter: reads the records under some names, sends change
 * batches, waits for them to be in sync. It paginates and classifies errors;
 * it makes no decisions, and leaves retrying to the client (clients.ts). Every
 * call counts against Route 53's account limit of 5 requests/s, so it never
 * reads a page it does not need.
 */
import type {
  ChangeBatch as SdkChangeBatch,
  GetChangeCommandOutput,
  ListResourceRecordSetsCommandOutput,
  RRType,
} from '@aws-sdk/client-route-53';
import type { Route53Client } from '@aws-sdk/client-route-53';
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListResourceRecordSetsCommand,
  waitUntilResourceRecordSetsChanged,
} from '@aws-sdk/client-route-53';
import {
  compareNames,
  escapeName,
  isAtOrBelow,
  listOrderKey,
  normalizeName,
} from '../domain/dns/names.js';
import type { ChangeBatch, ResourceRecordSet } from '../domain/dns/records.js';
import { staleMessages } from '../domain/dns/zone/stale.js';
import {
  AwsCallError,
  ConflictError,
  InvalidChangeBatchError,
  StaleWriteError,
} from '../domain/errors.js';

export { StaleWriteError, staleMessages };
import { toRecordSet } from '../formats/aws-shapes.js';

export interface Route53Adapter {
  /**
   * Every record at or below each root and every record at each of `names`
   * (nothing below them), normalised, in list order; each part of the zone is
   * read once, and no page past the last record wanted.
   */
  readRecords(roots: readonly string[], names?: readonly string[]): Promise<ResourceRecordSet[]>;
  /** Sends one batch as given and returns its change id; throws StaleWriteError or AwsCallError. */
  changeRecords(batch: ChangeBatch): Promise<string>;
  /** Polls GetChange until INSYNC (true) or until the wait is over (false); throws if a poll fails. */
  waitInSync(changeId: string, options?: WaitOptions): Promise<boolean>;
  /** One GetChange: true when the change is INSYNC. */
  isInSync(changeId: string): Promise<boolean>;
  /** One GetHostedZone: the zone's name, normalised. */
  zoneName(): Promise<string>;
  /** How many requests this adapter handed to the client (the SDK's own retries not included). */
  readonly calls: () => number;
}

export interface Route53AdapterOptions {
  readonly hostedZoneId: string;
}

/** How long to wait for INSYNC, in seconds, and how often to ask (the SDK waiter's own units). */
export interface WaitOptions {
  /** Default 120: Route 53 is usually in sync within 60 s. */
  readonly maxWaitSeconds?: number;
  /** The first wait between polls; later ones grow, with jitter, up to maxDelaySeconds. Default 5. */
  readonly minDelaySeconds?: number;
  /** Default 30: at most 7 polls within the default 120 s. */
  readonly maxDelaySeconds?: number;
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
// The most pages one readRecords may take. The largest fleet we support, 100,000 instances,
// at one record each, is 334 pages of 300; more means the cursor is not converging.
const MAX_LIST_PAGES = 400;
const DEFAULT_WAIT = { maxWaitSeconds: 120, minDelaySeconds: 5, maxDelaySeconds: 30 };

/** The pages one readRecords has asked for, to refuse a cursor cycle and an endless zone. */
interface PagesRead {
  readonly seen: Set<string>;
  pages: number;
}

/** The adapter for one hosted zone; the client is injected so tests can mock it. */
export function createRoute53Adapter(
  client: Route53Client,
  options: Route53AdapterOptions,
): Route53Adapter {
  const { hostedZoneId } = options;
  let calls = 0;

  /** Sends through the client (which retries throttling itself), counting the call. */
  async function send<T>(operation: string, request: () => Promise<T>): Promise<T> {
    calls++;
    try {
      return await request();
    } catch (error) {
      if (error instanceof ConflictError || error instanceof AwsCallError) throw error;
      throw new AwsCallError(operation, undefined, error);
    }
  }

  async function listPage(cursor: Cursor, read: PagesRead): Promise<Page> {
    admit(cursor, read);
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
    if (next.name === '') {
      throw new AwsCallError(
        'ListResourceRecordSets',
        undefined,
        'truncated page without a new cursor',
      );
    }
    return { records, next };
  }

  async function readRecords(
    roots: readonly string[],
    names: readonly string[] = [],
  ): Promise<ResourceRecordSet[]> {
    const found: ResourceRecordSet[] = [];
    const read: PagesRead = { seen: new Set(), pages: 0 };
    let page: Page | undefined;
    for (const target of readTargets(roots, names)) {
      const wanted = (name: string): boolean =>
        target.below ? isAtOrBelow(name, target.name) : name === target.name;
      // The page read for an earlier target may already hold the start of this one.
      if (page === undefined || !reaches(page, listOrderKey(target.name)))
        page = await listPage({ name: escapeName(target.name) }, read);
      for (;;) {
        for (const record of page.records) if (wanted(record.Name)) found.push(record);
        // A subtree (or a name's own records) is one contiguous run, and the cursor names
        // the first record left out: once it is past the run, so is everything after it.
        const next = page.next;
        if (next === undefined || !wanted(normalizeName(next.name))) break;
        page = await listPage(next, read);
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

  async function waitInSync(changeId: string, wait: WaitOptions = {}): Promise<boolean> {
    const { maxWaitSeconds, minDelaySeconds, maxDelaySeconds } = { ...DEFAULT_WAIT, ...wait };
    // The waiter polls on through any error until its time is up; a GetChange that failed
    // (after the client's own retries) ends the wait at once instead, with that error.
    const failed = new AbortController();
    let failure: unknown;
    const polling = viewOf(client, async (command) => {
      calls++;
      try {
        return await client.send(command);
      } catch (error) {
        failure = error;
        failed.abort();
        throw error;
      }
    });
    try {
      await waitUntilResourceRecordSetsChanged(
        {
          client: polling,
          maxWaitTime: maxWaitSeconds,
          minDelay: minDelaySeconds,
          maxDelay: maxDelaySeconds,
          abortSignal: failed.signal,
        },
        { Id: changeId },
      );
      return true;
    } catch (error) {
      if (failure === undefined && (error as { name?: unknown }).name === 'TimeoutError') {
        return false;
      }
      throw new AwsCallError('GetChange', undefined, failure ?? error);
    }
  }

  async function isInSync(changeId: string): Promise<boolean> {
    calls++;
    try {
      const output = await client.send(new GetChangeCommand({ Id: changeId }));
      return output.ChangeInfo?.Status === 'INSYNC';
    } catch (error) {
      throw new AwsCallError('GetChange', undefined, error);
    }
  }

  async function zoneName(): Promise<string> {
    calls++;
    try {
      const output = await client.send(new GetHostedZoneCommand({ Id: hostedZoneId }));
      const name = output.HostedZone?.Name;
      if (name === undefined) throw new Error('response has no HostedZone.Name');
      return normalizeName(name);
    } catch (error) {
      throw new AwsCallError('GetHostedZone', undefined, error);
    }
  }

  return { readRecords, changeRecords, waitInSync, isInSync, zoneName, calls: () => calls };
}

/** Counts the page about to be read; throws if its cursor was read before or there are too many. */
function admit(cursor: Cursor, read: PagesRead): void {
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

/** The client with its send replaced, for the SDK's waiter, which takes a client and calls send. */
function viewOf(
  client: Route53Client,
  send: (command: GetChangeCommand) => Promise<GetChangeCommandOutput>,
): Route53Client {
  return Object.create(client, { send: { value: send } }) as Route53Client;
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
function readTargets(
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
