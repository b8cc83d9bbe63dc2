import { regionAccounts } from '../domain/accounts.js';
import type { RebalancerSpec } from '../domain/spec.js';
import type { RebalancerEvent } from '../formats/events/parse.js';

/*
 * The home bus admits other accounts' forwarders (the configured member
 * accounts, or a whole organization), and EventBridge keeps each event's
 * `account`. A region is read from one account (the config checks it), so an
 * event from any other account in that region is about instances no read
 * would see: re-reading the region for it is wasted, and lets any admitted
 * account make the writer read at will.
 */

function describe(account: string, name: string | undefined): string {
  return `account ${account} (${name === undefined ? "the function's own" : `accounts.${name}`})`;
}

/**
 * Why an event from `account` concerns no fleet this configuration reads, or
 * undefined when it may: a region's events must come from the account that
 * region is read from (`home` when it has none), a schedule from one the
 * configuration reads. A region not configured is left to the targets to say.
 */
export function foreignAccountReason(
  event: RebalancerEvent,
  account: string | undefined,
  spec: RebalancerSpec,
  home: string,
): string | undefined {
  const accounts = regionAccounts(spec);
  if (event.kind === 'schedule') {
    const read = new Set([...accounts.values()].map((a) => a?.accountId ?? home));
    if (account !== undefined && read.has(account)) return undefined;
    return `${account === undefined ? 'no account named' : `account ${account}`}: the configuration reads regions from ${[...read].join(', ')} only`;
  }
  if (!accounts.has(event.region)) return undefined;
  const reader = accounts.get(event.region);
  const expected = reader?.accountId ?? home;
  if (account === expected) return undefined;
  const from = account === undefined ? 'it names no account' : `account ${account}`;
  return `${from}: ${event.region} is read from ${describe(expected, reader?.name)}`;
}
