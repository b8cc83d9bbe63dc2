import {
  CreateTagsCommand,
  paginateDescribeInstanceStatus,
  paginateDescribeInstanceTypes,
  paginateDescribeInstances,
} from '@aws-sdk/client-ec2';
import type {
  EC2Client,
  Filter,
  InstanceStatus,
  Instance,
  InstanceTypeInfo,
  Reservation,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import { AwsCallError } from '../domain/errors.js';
import { allPages, eachPage, type Paginate } from './pages.js';

/*
 * EC2 reads for one region: the client is injected, every page is read, and
 * nothing is decided here. The outputs are the SDK's own shapes; shapes.ts maps
 * them to the domain.
 */

/** One region's raw EC2 reads, as the SDK returns them. */
export interface Ec2Reads {
  readonly reservations: Reservation[];
  readonly instanceTypes: InstanceTypeInfo[];
  readonly statuses: InstanceStatus[];
}

export interface Ec2Adapter {
  /** Reservations holding instances that carry any of the selectors' first tags (one DescribeInstances per distinct tag key, Values = every value wanted for that key; the domain filters full selectors), all pages. */
  describeMembers(selectors: readonly Readonly<Record<string, string>>[]): Promise<Reservation[]>;
  /** The same instances, each handed to `visit` once, page by page: no page is kept once visited. */
  eachMember(
    selectors: readonly Readonly<Record<string, string>>[],
    visit: (instance: Instance) => void,
  ): Promise<void>;
  /** Info for these instance types, at most 100 per call, cached for the life of the process (per region; only missing types are asked). */
  describeInstanceTypes(types: readonly string[]): Promise<InstanceTypeInfo[]>;
  /** Status checks for these instance ids (IncludeAllInstances), at most 100 ids per call. */
  describeStatuses(instanceIds: readonly string[]): Promise<InstanceStatus[]>;
  /** Sets one tag on one instance (CreateTags overwrites a tag of the same key). */
  tag(instanceId: string, key: string, value: string): Promise<void>;
  /** How many requests (pages) this adapter has sent, failed ones included; the SDK's retries not. */
  readonly calls: () => number;
}

/** Instance-type facts never change, so one process asks for each type once per region. */
export interface InstanceTypeCache {
  get(region: string, type: string): InstanceTypeInfo | undefined;
  set(region: string, info: InstanceTypeInfo): void;
}

// EC2's limits.
const PAGE_SIZE = 1000; // DescribeInstances MaxResults, allowed only without InstanceIds
const FILTER_VALUES = 200; // beyond: FilterLimitExceeded (undocumented, long observed)
const TYPES_PER_CALL = 100;
const IDS_PER_CALL = 100;

// The most pages one listing may take before it is refused as not converging. The largest
// fleet we support, 100,000 instances, is 100 full pages; EC2 may return short ones.
const MAX_INSTANCE_PAGES = 200;
// At most 100 types or ids are asked at once: even one a page, 100 pages cover them.
const MAX_CHUNK_PAGES = 100;

/** An empty instance-type cache; adapters share the module's own unless given one. */
export function createInstanceTypeCache(): InstanceTypeCache {
  const byRegion = new Map<string, Map<string, InstanceTypeInfo>>();
  return {
    get: (region, type) => byRegion.get(region)?.get(type),
    set(region, info) {
      if (info.InstanceType === undefined) return;
      const types = byRegion.get(region) ?? new Map<string, InstanceTypeInfo>();
      byRegion.set(region, types.set(info.InstanceType, info));
    },
  };
}

const processCache = createInstanceTypeCache();

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    out.push(items.slice(start, start + size));
  }
  return out;
}

/** The tag filters that cover every selector: one per distinct first tag key, in first-seen order. */
function memberFilters(selectors: readonly Readonly<Record<string, string>>[]): Filter[][] {
  const valuesByKey = new Map<string, Set<string>>();
  for (const selector of selectors) {
    const key = Object.keys(selector)[0];
    // A selector without tags selects every instance, so one unfiltered read covers all.
    if (key === undefined) return [[]];
    const values = valuesByKey.get(key) ?? new Set<string>();
    valuesByKey.set(key, values.add(selector[key] ?? ''));
  }
  return [...valuesByKey].flatMap(([key, values]) =>
    chunks([...values], FILTER_VALUES).map((chunk) => [{ Name: `tag:${key}`, Values: chunk }]),
  );
}

/** Keeps each instance once: reads for two tag keys (or a page boundary moving) may repeat one. */
function withoutRepeats(reservations: readonly Reservation[]): Reservation[] {
  const seen = new Set<string>();
  return reservations.flatMap((reservation) => {
    const instances = reservation.Instances ?? [];
    const fresh = instances.filter((instance) => {
      if (instance.InstanceId === undefined) return true;
      if (seen.has(instance.InstanceId)) return false;
      seen.add(instance.InstanceId);
      return true;
    });
    if (fresh.length === instances.length) return [reservation];
    return fresh.length === 0 ? [] : [{ ...reservation, Instances: fresh }];
  });
}

/** The ids an InvalidInstanceID.NotFound error names ("The instance IDs 'i-1, i-2' do not exist"). */
export function missingInstanceIds(error: unknown): Set<string> {
  const cause = error instanceof AwsCallError ? error.cause : error;
  if (!(cause instanceof Error) || cause.name !== 'InvalidInstanceID.NotFound') return new Set();
  return new Set(cause.message.match(/i-[0-9a-f]+/g) ?? []);
}

/** EC2 reads for one region through the given client. */
export function createEc2Adapter(
  client: EC2Client,
  region: string,
  cache: InstanceTypeCache = processCache,
): Ec2Adapter {
  let calls = 0;

  /** The pages of one listing, each request counted. */
  function pages<I, P extends { NextToken?: string }>(
    paginate: Paginate<EC2Client, I, P>,
    operation: string,
    maxPages: number,
    input: I,
  ): Promise<P[]> {
    return allPages(paginate, client, input, {
      operation,
      region,
      maxPages,
      beforeRequest: () => {
        calls++;
      },
    });
  }

  async function describeMembers(
    selectors: readonly Readonly<Record<string, string>>[],
  ): Promise<Reservation[]> {
    const reservations: Reservation[] = [];
    for (const filters of memberFilters(selectors)) {
      const outputs = await pages(
        paginateDescribeInstances,
        'DescribeInstances',
        MAX_INSTANCE_PAGES,
        {
          // No state filter: stopped and terminated members must be seen to lose their records.
          ...(filters.length > 0 && { Filters: filters }),
          MaxResults: PAGE_SIZE,
        },
      );
      reservations.push(...outputs.flatMap((output) => output.Reservations ?? []));
    }
    return withoutRepeats(reservations);
  }

  async function eachMember(
    selectors: readonly Readonly<Record<string, string>>[],
    visit: (instance: Instance) => void,
  ): Promise<void> {
    // Reads for two tag keys (or a page boundary moving) may repeat an instance.
    const seen = new Set<string>();
    for (const filters of memberFilters(selectors)) {
      const input = { ...(filters.length > 0 && { Filters: filters }), MaxResults: PAGE_SIZE };
      const listing = {
        operation: 'DescribeInstances',
        region,
        maxPages: MAX_INSTANCE_PAGES,
        beforeRequest: () => {
          calls++;
        },
      };
      await eachPage(paginateDescribeInstances, client, input, listing, (page) => {
        for (const reservation of page.Reservations ?? [])
          for (const instance of reservation.Instances ?? []) {
            const id = instance.InstanceId;
            if (id !== undefined && seen.has(id)) continue;
            if (id !== undefined) seen.add(id);
            visit(instance);
          }
      });
    }
  }

  async function describeInstanceTypes(types: readonly string[]): Promise<InstanceTypeInfo[]> {
    const wanted = [...new Set(types)];
    const missing = wanted.filter((type) => cache.get(region, type) === undefined);
    for (const chunk of chunks(missing, TYPES_PER_CALL)) {
      const outputs = await pages(
        paginateDescribeInstanceTypes,
        'DescribeInstanceTypes',
        MAX_CHUNK_PAGES,
        // The SDK's union lags behind new types; EC2 takes any name.
        { InstanceTypes: chunk as _InstanceType[] },
      );
      for (const output of outputs)
        for (const info of output.InstanceTypes ?? []) cache.set(region, info);
    }
    // A type EC2 did not describe is left out (and asked again next time).
    return wanted.flatMap((type) => cache.get(region, type) ?? []);
  }

  async function statusesOf(ids: readonly string[]): Promise<InstanceStatus[]> {
    const outputs = await pages(
      paginateDescribeInstanceStatus,
      'DescribeInstanceStatus',
      MAX_CHUNK_PAGES,
      {
        InstanceIds: [...ids],
        // Without it, EC2 answers for running instances only.
        IncludeAllInstances: true,
      },
    );
    return outputs.flatMap((output) => output.InstanceStatuses ?? []);
  }

  /**
   * DescribeInstanceStatus fails whole when one id is not visible yet (EC2 is
   * eventually consistent: an instance launched seconds ago). Those ids are
   * dropped and the rest asked again: their status is simply unknown this time.
   */
  async function statusesTolerant(ids: readonly string[]): Promise<InstanceStatus[]> {
    let remaining = [...ids];
    for (let attempt = 0; ; attempt++) {
      try {
        return remaining.length === 0 ? [] : await statusesOf(remaining);
      } catch (error) {
        const missing = missingInstanceIds(error);
        const left = remaining.filter((id) => !missing.has(id));
        if (missing.size === 0 || left.length === remaining.length || attempt >= 3) throw error;
        remaining = left;
      }
    }
  }

  async function describeStatuses(instanceIds: readonly string[]): Promise<InstanceStatus[]> {
    const statuses: InstanceStatus[] = [];
    for (const chunk of chunks([...new Set(instanceIds)], IDS_PER_CALL)) {
      statuses.push(...(await statusesTolerant(chunk)));
    }
    return statuses;
  }

  async function tag(instanceId: string, key: string, value: string): Promise<void> {
    calls++;
    try {
      await client.send(
        new CreateTagsCommand({ Resources: [instanceId], Tags: [{ Key: key, Value: value }] }),
      );
    } catch (error) {
      throw new AwsCallError('CreateTags', region, error);
    }
  }

  return {
    describeMembers,
    eachMember,
    describeInstanceTypes,
    describeStatuses,
    tag,
    calls: () => calls,
  };
}
