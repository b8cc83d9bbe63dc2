import type { RebalancerSpec } from './spec.js';

/**
 * Another AWS account the rebalancer reaches by assuming a role: a region's
 * fleet (RegionSpec.account) or a hosted zone (RebalancerSpec.zoneAccount, ZoneSpec.account).
 * No account means the function's own credentials.
 */
export interface AccountSpec {
  /** The key under `accounts` in the configuration. */
  readonly name: string;
  readonly roleArn: string;
  /** The 12 digits of the role ARN. */
  readonly accountId: string;
  readonly externalId: string | undefined;
  readonly sessionName: string;
}

/** The account id of a role ARN the configuration has already validated. */
export function accountIdOf(roleArn: string): string {
  return roleArn.split(':')[4] ?? '';
}

/** Each region of the configuration with the account it is read from (undefined: own credentials); one account per region. */
export function regionAccounts(spec: RebalancerSpec): Map<string, AccountSpec | undefined> {
  const accounts = new Map<string, AccountSpec | undefined>();
  for (const service of spec.services)
    for (const region of service.regions)
      if (!accounts.has(region.region)) accounts.set(region.region, region.account);
  return accounts;
}

/** Every role the configuration assumes, the zone's included, each once, in the order first named. */
export function assumedRoles(spec: RebalancerSpec): AccountSpec[] {
  const roles = new Map<string, AccountSpec>();
  const add = (account: AccountSpec | undefined): void => {
    if (account !== undefined && !roles.has(account.roleArn)) roles.set(account.roleArn, account);
  };
  for (const service of spec.services) for (const region of service.regions) add(region.account);
  add(spec.zoneAccount);
  for (const zone of spec.zones ?? []) add(zone.account);
  return [...roles.values()];
}
