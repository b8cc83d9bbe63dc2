import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountSpec } from '../../shared/domain/accounts.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import type { DeployValues } from './deploy-values.js';
import { zoneAccountStatements } from './zone-account-grants.js';
import { homeZoneStatements, type PolicyStatement } from './zone-statements.js';

/*
 * dist/zone-account.json: the role the config's `zoneAccount` names, as a
 * CloudFormation template to deploy in the account that owns the hosted zone.
 * Built from the configuration because its record-name conditions are the
 * configuration's; written by every build whose config sets `zoneAccount`,
 * removed by every build whose config does not (nothing stale to deploy).
 */

export const ZONE_ACCOUNT_TEMPLATE = 'zone-account.json';

export const ZONE_ROLE = 'RebalancerZoneRole';

/** The trust of every role the rebalancer assumes (deploy/member-account.yaml's too). */
const TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'HomeAccountWithExternalId',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${HomeAccountId}:root' } },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } },
    },
  ],
} as const;

/** The role name and path of a validated role ARN: `role/a/b/name` is path `/a/b/`. */
function roleNameAndPath(roleArn: string): { name: string; path: string } {
  const parts = roleArn.slice(roleArn.indexOf(':role/') + ':role/'.length).split('/');
  const name = parts.pop() ?? '';
  return { name, path: parts.length === 0 ? '/' : `/${parts.join('/')}/` };
}

/**
 * The zone account's template for `account` (which has an externalId),
 * granting `statements` on the hosted zones `zones`; `key` is the config's
 * key that names the account (`zoneAccount`, or `zones[].account`).
 */
export function zoneAccountTemplate(
  account: AccountSpec & { readonly externalId: string },
  zones: readonly string[],
  statements: readonly PolicyStatement[],
  key = 'zoneAccount',
): Record<string, unknown> {
  const { name, path } = roleNameAndPath(account.roleArn);
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Access to hosted zone${zones.length === 1 ? '' : 's'} ${zones.join(', ')} for route53-rebalancer in the home account (the config's ${key}: ${account.name})`,
    Parameters: {
      HomeAccountId: {
        Type: 'String',
        Description: 'The account the rebalancer is deployed in (its writers assume this role)',
        AllowedPattern: '^\\d{12}$',
        ConstraintDescription: '12 digits',
      },
      ExternalId: {
        Type: 'String',
        Description: `accounts.${account.name}.externalId in the rebalancer's configuration`,
        Default: account.externalId,
        MinLength: 2,
        MaxLength: 1224,
        AllowedPattern: '^[\\w+=,.@:/-]+$',
        ConstraintDescription: '2-1224 letters, digits or any of _+=,.@:/-',
      },
      RoleName: {
        Type: 'String',
        Description: `The role's name, the last part of accounts.${account.name}.roleArn`,
        Default: name,
        AllowedPattern: '^[\\w+=,.@-]{1,64}$',
      },
    },
    Resources: {
      [ZONE_ROLE]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: { Ref: 'RoleName' },
          ...(path !== '/' && { Path: path }),
          Description: "Assumed by route53-rebalancer's writers in the home account",
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: TRUST,
          Policies: [
            {
              PolicyName: 'route53-rebalancer-zone',
              PolicyDocument: { Version: '2012-10-17', Statement: statements },
            },
          ],
        },
      },
    },
    Outputs: {
      RoleArn: {
        Description: `The config's accounts.${account.name}.roleArn`,
        Value: { 'Fn::GetAtt': [ZONE_ROLE, 'Arn'] },
      },
    },
  };
}

/** Why a role's template is not written: its trust requires the external id the account lacks. */
export function noExternalId(file: string, account: AccountSpec): string {
  return `no ${file}: accounts.${account.name} has no externalId, which the zone role's trust requires; set one to have the build write it`;
}

/** What the build did about the zone account's template, for its output; undefined without zoneAccount. */
export type ZoneAccountOutcome =
  { readonly written: string; readonly account: AccountSpec } | { readonly skipped: string };

/**
 * Writes (or, without `zoneAccount`, removes) the zone account's template in
 * `outDir`. An account without externalId gets none: the template's trust
 * requires one, and the writers would assume the role without it.
 */
export async function writeZoneAccountTemplate(
  outDir: string,
  spec: RebalancerSpec,
  values: DeployValues,
  serverlessYml?: string,
): Promise<ZoneAccountOutcome | undefined> {
  const file = join(outDir, ZONE_ACCOUNT_TEMPLATE);
  await rm(file, { force: true });
  const account = spec.zoneAccount;
  if (account === undefined) return undefined;
  const { externalId } = account;
  if (externalId === undefined)
    return {
      skipped: noExternalId(ZONE_ACCOUNT_TEMPLATE, account),
    };
  // Zones whose own account is another role than this one's: the writers never reach them with it.
  const ownRole = new Set(
    (spec.zones ?? [])
      .filter((zone) => zone.account !== undefined && zone.account.roleArn !== account.roleArn)
      .map((zone) => zone.id),
  );
  const zones = (spec.zones?.map((zone) => zone.id) ?? [spec.hostedZoneId]).filter(
    (id) => !ownRole.has(id),
  );
  const statements = zoneAccountStatements(
    await homeZoneStatements(values, serverlessYml),
    ownRole,
  );
  const template = zoneAccountTemplate({ ...account, externalId }, zones, statements);
  await writeFile(file, `${JSON.stringify(template, null, 2)}\n`);
  return { written: file, account };
}

/** One line for the build's output. */
export function zoneAccountSummary(outcome: ZoneAccountOutcome): string {
  if ('skipped' in outcome) return outcome.skipped;
  return `${outcome.written}: the role of zoneAccount ${outcome.account.name}; deploy it in account ${outcome.account.accountId}`;
}
