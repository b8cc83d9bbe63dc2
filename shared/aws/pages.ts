/**
 * Every page of an EC2 or CloudWatch listing through the SDK's paginator, with
 * the guard the paginator lacks: its stopOnSameToken ends the listing, silently
 * and incomplete, on a token repeated at once, and nothing stops a cycle
 * (A, B, A, ...) or an endless stream of new tokens. Here both fail the read.
 */
import type { PaginationConfiguration, Paginator } from '@smithy/types';
import { AwsCallError } from '../domain/errors.js';

/** One listing: what to call it in an error, its page cap, and a hook run before each request. */
export interface Listing {
  readonly operation: string;
  readonly region: string;
  /** More pages than this means the service is not converging: fail rather than spend requests. */
  readonly maxPages: number;
  readonly beforeRequest: () => void;
}

type AnyClient = PaginationConfiguration['client'];

/** A paginator of the SDK (paginateDescribeInstances, ...), as the guard calls it. */
export type Paginate<C extends AnyClient, I, P> = (
  config: PaginationConfiguration & { client: C },
  input: I,
) => Paginator<P>;

/**
 * The pages of one listing, in order, or an AwsCallError naming the operation
 * and region: the SDK's error, "NextToken repeated after N pages", or "more
 * than N pages". `input` is the first request; the paginator mutates it.
 */
export async function allPages<C extends AnyClient, I, P extends { NextToken?: string }>(
  paginate: Paginate<C, I, P>,
  client: C,
  input: I,
  listing: Listing,
): Promise<P[]> {
  const pages: P[] = [];
  await eachPage(paginate, client, input, listing, (page) => void pages.push(page));
  return pages;
}

/**
 * The same listing, each page handed to `visit` as it arrives and then let go:
 * for listings too large to hold as the SDK parsed them (DescribeInstances).
 */
export async function eachPage<C extends AnyClient, I, P extends { NextToken?: string }>(
  paginate: Paginate<C, I, P>,
  client: C,
  input: I,
  listing: Listing,
  visit: (page: P) => void,
): Promise<void> {
  const { operation, region, maxPages } = listing;
  let pages = 0;
  const seen = new Set<string>();
  const config = {
    client,
    // Never reached: a repeated token fails below before the paginator would stop on it.
    stopOnSameToken: true,
    withCommand: <T>(command: T): T => {
      listing.beforeRequest();
      return command;
    },
  };
  try {
    for await (const page of paginate(config, input)) {
      pages++;
      visit(page);
      const token = page.NextToken;
      if (token === undefined || token === '') continue;
      if (seen.has(token)) {
        throw new AwsCallError(
          operation,
          region,
          // The first page's token cannot repeat: at least two pages were read.
          `NextToken repeated after ${pages} pages`,
        );
      }
      if (pages >= maxPages) {
        throw new AwsCallError(operation, region, `more than ${maxPages} pages`);
      }
      seen.add(token);
    }
  } catch (error) {
    throw error instanceof AwsCallError ? error : new AwsCallError(operation, region, error);
  }
}
