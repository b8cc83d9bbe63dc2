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
} from '@aws-sdk/client-route-53';
import type { Route53Client } from '@aws-sdk/client-route-53';
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListResourceRecordSetsCommand,
  waitUntilResourceRecordSetsChanged,
} from '@aws-sdk/client-route-53';
import { escapeName, isAtOrBelow, listOrderKey, normalizeName } from '../domain/dns/names.js';
import type { ChangeBatch, ResourceRecordSet } from '../domain/dns/records.js';
import { staleMessages } from '../domain/dns/zone/stale.js';
import { AwsCallError, ConflictError, StaleWriteError } from '../domain/errors.js';
import { toRecordSet } from '../formats/aws-shapes.js';
import { classifyChangeError } from './route53-errors.js';
import {
  admit,
  LIST_PAGE_SIZE,
  reaches,
  readTargets,
  type Cursor,
  type Page,
  type PagesRead,
} from './route53-listing.js';

export { StaleWriteError, staleMessages };

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

const DEFAULT_WAIT = { maxWaitSeconds: 120, minDelaySeconds: 5, maxDelaySeconds: 30 };

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

/** The client with its send replaced, for the SDK's waiter, which takes a client and calls send. */
function viewOf(
  client: Route53Client,
  send: (command: GetChangeCommand) => Promise<GetChangeCommandOutput>,
): Route53Client {
  return Object.create(client, { send: { value: send } }) as Route53Client;
}
