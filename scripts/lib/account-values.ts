import { assumedRoles, regionAccounts } from '../../shared/domain/accounts.js';
import { ConfigError } from '../../shared/domain/errors.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';

/**
 * What serverless.yml needs to reach other accounts: the roles the writers
 * may assume (and nothing else), and the member accounts whose forwarders may
 * put events on the home bus. Flags are strings, as CloudFormation conditions
 * compare strings.
 */
export interface AccountValues {
  readonly assumesRoles: 'enabled' | 'disabled';
  /** Every configured role ARN a region or the zone uses: the only resources of sts:AssumeRole. */
  readonly assumedRoleArns: readonly string[];
  readonly admitsMemberAccounts: 'enabled' | 'disabled';
  /** The root of each account a fleet is read in, for the home bus policy. */
  readonly memberAccountPrincipals: readonly string[];
}

/** IAM's limit for a customer managed policy, whitespace not counted. */
export const MANAGED_POLICY_LIMIT = 6144;

/** The AssumeRole policy as deployed, for its size. */
function assumePolicyText(arns: readonly string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AssumeConfiguredRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arns },
    ],
  });
}

/** The account values of a configuration; throws a ConfigError when the AssumeRole policy cannot fit IAM's limit. */
export function accountValues(spec: RebalancerSpec, config: string): AccountValues {
  const arns = assumedRoles(spec).map((account) => account.roleArn);
  const size = assumePolicyText(arns).length;
  if (size > MANAGED_POLICY_LIMIT)
    throw new ConfigError(config, [
      `accounts: the sts:AssumeRole policy for ${arns.length} roles would be ${size} characters; IAM allows ${MANAGED_POLICY_LIMIT} in a managed policy`,
    ]);
  const principals = new Set<string>();
  for (const account of regionAccounts(spec).values()) {
    if (account === undefined) continue;
    const partition = account.roleArn.split(':')[1] ?? 'aws';
    principals.add(`arn:${partition}:iam::${account.accountId}:root`);
  }
  return {
    assumesRoles: arns.length > 0 ? 'enabled' : 'disabled',
    assumedRoleArns: arns,
    admitsMemberAccounts: principals.size > 0 ? 'enabled' : 'disabled',
    memberAccountPrincipals: [...principals],
  };
}
