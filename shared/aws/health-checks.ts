/**
 * The Route 53 health checks of one deployment (the HealthCheckPort): found
 * by their owner tag and nothing else, created idempotently through their
 * CallerReference, deleted only when listed or created as this owner's.
 * Statuses come from CloudWatch (health-check-statuses.ts). It classifies
 * errors and leaves retrying to the clients (clients.ts).
 *
 * Calls per listOwned with N checks in the account: ceil(N / 1000)
 * ListHealthChecks, plus ListTagsForResources for the ids whose tags it has
 * not read within `tagCacheSeconds` (ten a call): none in steady state, since
 * a check's tags are written once, at creation, by this adapter.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type {
  HealthCheck,
  HealthCheckObservation,
  Route53Client,
  Tag,
} from '@aws-sdk/client-route-53';
import {
  ChangeTagsForResourceCommand,
  CreateHealthCheckCommand,
  DeleteHealthCheckCommand,
  GetHealthCheckStatusCommand,
} from '@aws-sdk/client-route-53';
import type { HealthCheckPort } from '../app/ports.js';
import { AwsCallError } from '../domain/errors.js';
import { healthCheckTags, ownerOfTags, subjectOfTags } from '../domain/health-checks/tag-keys.js';
import type { DesiredHealthCheck, OwnedHealthCheck } from '../domain/health-checks/types.js';
import { fromSdkConfig, toSdkConfig } from './health-check-config.js';
import { listAllHealthChecks, listTags, type Send } from './health-check-listing.js';
import { readStatuses } from './health-check-statuses.js';

/** A check that carries the owner's tag but cannot be read back: reported, never deleted. */
export interface UnreadableHealthCheck {
  readonly id: string;
  readonly problem: string;
}

/** What the checkers last reported for one check (GetHealthCheckStatus). */
export interface CheckerReports {
  /** Route 53's rule: healthy when more than 18 % of the checkers report success. */
  readonly healthy: boolean;
  readonly reports: readonly { readonly region: string; readonly status: string }[];
}

export interface HealthCheckAdapter extends HealthCheckPort {
  /** One GetHealthCheckStatus: a call per check, for diagnosis only (never in the loop). */
  checkerReports(id: string): Promise<CheckerReports>;
  /** Requests handed to each client (the SDK's own retries not included). */
  readonly calls: () => { readonly route53: number; readonly cloudWatch: number };
}

export interface HealthCheckAdapterOptions {
  /** The clock for the metric window; default the system's. */
  readonly now?: () => Date;
  /** Told of every check with the owner's tag whose tags or settings cannot be read. */
  readonly report?: (check: UnreadableHealthCheck) => void;
  /** How long tags once read are trusted without reading them again; default 3,600 s. */
  readonly tagCacheSeconds?: number;
}

interface CachedTags {
  readonly tags: readonly Tag[];
  readonly readAt: number;
}

/** The adapter over a Route 53 client and a CloudWatch client in us-east-1. */
export function createHealthCheckAdapter(
  route53: Route53Client,
  cloudWatch: CloudWatchClient,
  options: HealthCheckAdapterOptions = {},
): HealthCheckAdapter {
  const now = options.now ?? (() => new Date());
  const report = options.report ?? (() => undefined);
  const cacheMs = (options.tagCacheSeconds ?? 3600) * 1000;
  const tagCache = new Map<string, CachedTags>();
  // Ids listed or created as some owner's: the only ones delete may touch.
  const ours = new Set<string>();
  const count = { route53: 0, cloudWatch: 0 };

  const send: Send = async (operation, request) => {
    count.route53++;
    try {
      return await request();
    } catch (error) {
      throw error instanceof AwsCallError ? error : new AwsCallError(operation, undefined, error);
    }
  };

  /** Tags of every check, from the cache where fresh, else ten ids a call. */
  async function tagsOf(checks: readonly HealthCheck[]): Promise<Map<string, readonly Tag[]>> {
    const at = now().getTime();
    const ids = checks.flatMap((check) => (check.Id === undefined ? [] : [check.Id]));
    const listed = new Set(ids);
    for (const id of tagCache.keys()) if (!listed.has(id)) tagCache.delete(id);
    const stale = ids.filter((id) => {
      const cached = tagCache.get(id);
      return cached === undefined || at - cached.readAt >= cacheMs;
    });
    for (const [id, tags] of await listTags(route53, send, stale))
      tagCache.set(id, { tags, readAt: at });
    const tags = new Map<string, readonly Tag[]>();
    for (const id of ids) {
      const cached = tagCache.get(id);
      if (cached !== undefined) tags.set(id, cached.tags);
    }
    return tags;
  }

  async function listOwned(ownerId: string): Promise<readonly OwnedHealthCheck[]> {
    const checks = await listAllHealthChecks(route53, send);
    const tags = await tagsOf(checks);
    const owned: OwnedHealthCheck[] = [];
    for (const check of checks) {
      const id = check.Id ?? '';
      const own = tags.get(id);
      if (own === undefined || ownerOfTags(own) !== ownerId) continue;
      ours.add(id);
      const read = readOwned(check, own);
      if (typeof read === 'string') report({ id, problem: read });
      else owned.push(read);
    }
    return owned;
  }

  /** The id of the check a HealthCheckAlreadyExists refers to, if it still exists and is not someone else's. */
  async function existing(
    check: DesiredHealthCheck,
    ownerId: string,
    cause: unknown,
  ): Promise<string> {
    const ref = check.callerReference;
    const found = (await listAllHealthChecks(route53, send)).find((c) => c.CallerReference === ref);
    if (found?.Id === undefined) {
      throw new AwsCallError(
        'CreateHealthCheck',
        undefined,
        `CallerReference ${ref} was used by a health check that no longer exists (Route 53 keeps a deleted check's reference for days): ${describe(cause)}`,
      );
    }
    const owner = ownerOfTags((await listTags(route53, send, [found.Id])).get(found.Id) ?? []);
    if (owner !== undefined && owner !== ownerId) {
      throw new AwsCallError(
        'CreateHealthCheck',
        undefined,
        `CallerReference ${ref} belongs to health check ${found.Id}, tagged for owner ${owner}: not touching it`,
      );
    }
    return found.Id;
  }

  async function create(check: DesiredHealthCheck, ownerId: string): Promise<string> {
    let id: string;
    try {
      const output = await send('CreateHealthCheck', () =>
        route53.send(
          new CreateHealthCheckCommand({
            CallerReference: check.callerReference,
            HealthCheckConfig: toSdkConfig(check.config),
          }),
        ),
      );
      const made = output.HealthCheck?.Id;
      if (made === undefined)
        throw new AwsCallError('CreateHealthCheck', undefined, 'response has no HealthCheck.Id');
      id = made;
    } catch (error) {
      // The same reference with other settings, or a first attempt that went through unseen
      // and was then deleted: find the check the reference names, if there is one.
      if (errorName(error) !== 'HealthCheckAlreadyExists') throw error;
      id = await existing(check, ownerId, (error as AwsCallError).cause);
    }
    const tags = healthCheckTags(ownerId, check.subject);
    await send('ChangeTagsForResource', () =>
      route53.send(
        new ChangeTagsForResourceCommand({
          ResourceType: 'healthcheck',
          ResourceId: id,
          AddTags: tags,
        }),
      ),
    );
    tagCache.set(id, { tags, readAt: now().getTime() });
    ours.add(id);
    return id;
  }

  async function remove(id: string): Promise<'deleted' | 'in-use' | 'gone'> {
    if (!ours.has(id)) {
      throw new AwsCallError(
        'DeleteHealthCheck',
        undefined,
        `health check ${id} was never listed or created as this owner's: not deleting it`,
      );
    }
    let result: 'deleted' | 'gone' = 'deleted';
    try {
      await send('DeleteHealthCheck', () =>
        route53.send(new DeleteHealthCheckCommand({ HealthCheckId: id })),
      );
    } catch (error) {
      const name = errorName(error);
      // Route 53 today deletes a check even while a record names it (the SDK documents
      // HealthCheckInUse as "not in use"), so the app must detach a check before deleting
      // it; a refusal, from an older or stricter Route 53, still means "not yet".
      if (name === 'HealthCheckInUse') return 'in-use';
      if (name !== 'NoSuchHealthCheck') throw error;
      result = 'gone';
    }
    ours.delete(id);
    tagCache.delete(id);
    return result;
  }

  async function checkerReports(id: string): Promise<CheckerReports> {
    const output = await send('GetHealthCheckStatus', () =>
      route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id })),
    );
    return summarise(output.HealthCheckObservations ?? []);
  }

  return {
    listOwned,
    create,
    delete: remove,
    statuses: (ids) =>
      readStatuses(cloudWatch, ids, now(), () => {
        count.cloudWatch++;
      }),
    checkerReports,
    calls: () => ({ ...count }),
  };
}

/** The SDK error's name under the AwsCallError send wraps it in. */
function errorName(error: unknown): string | undefined {
  const cause = error instanceof AwsCallError ? error.cause : error;
  return (cause as { name?: string } | undefined)?.name;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The listed check as the domain's, or what keeps it from being read. */
function readOwned(check: HealthCheck, tags: readonly Tag[]): OwnedHealthCheck | string {
  const subject = subjectOfTags(tags);
  if (typeof subject === 'string') return `tags: ${subject}`;
  const config = fromSdkConfig(check.HealthCheckConfig);
  if (typeof config === 'string') return `settings: ${config}`;
  const callerReference = check.CallerReference;
  if (callerReference === undefined || callerReference === '') return 'no CallerReference';
  return { id: check.Id ?? '', callerReference, subject, config };
}

/** Route 53's rule for an endpoint: healthy when more than 18 % of its checkers report success. */
function summarise(observations: readonly HealthCheckObservation[]): CheckerReports {
  const reports = observations.map((o) => ({
    region: o.Region ?? '',
    status: o.StatusReport?.Status ?? '',
  }));
  const passing = reports.filter((r) => r.status.startsWith('Success')).length;
  return { healthy: reports.length > 0 && passing / reports.length > 0.18, reports };
}
