import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deployValues } from '../../scripts/lib/deploy-values.js';
import {
  writeZoneAccountTemplate,
  ZONE_ACCOUNT_TEMPLATE,
  zoneAccountSummary,
} from '../../scripts/lib/zone-account.js';
import {
  homeZoneStatements,
  resolveBuildValues,
  zoneStatementsOf,
} from '../../scripts/lib/zone-statements.js';
import { parseCloudFormationYaml } from '../../scripts/lib/cloudformation-yaml.js';
import type { AccountSpec } from '../../shared/domain/accounts.js';
import { ConfigError } from '../../shared/domain/errors.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import { parseYaml } from '../../shared/formats/config/yaml.js';
import { regionSpec, serviceSpec, spec as specOf, ZONE_ID } from '../support/builders.js';

/*
 * dist/zone-account.json, the role of the config's zoneAccount: trusted by the
 * home account with the external id only, granting the home writer policy's
 * Route 53 and health-check statements for the same config, nothing else.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAGE = 'prod';

const DNS: AccountSpec = {
  name: 'dns',
  roleArn: 'arn:aws:iam::111122223333:role/route53-rebalancer-zone',
  accountId: '111122223333',
  externalId: 'rebalancer-2026',
  sessionName: 'route53-rebalancer',
};

const withZoneAccount = (account: AccountSpec | undefined): RebalancerSpec => ({
  ...specOf([
    serviceSpec({ regions: [regionSpec('us-east-1'), regionSpec('eu-west-1')] }),
    serviceSpec({
      name: 'web',
      recordName: 'www.example.com.',
      regions: [regionSpec('us-east-1', {}, 'www.example.com.')],
    }),
  ]),
  ...(account !== undefined && { zoneAccount: account }),
});

interface Template {
  readonly Parameters: Record<string, Record<string, unknown>>;
  readonly Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  readonly Outputs: Record<string, { Value: unknown }>;
}

async function built(account: AccountSpec | undefined = DNS) {
  const dir = mkdtempSync(join(tmpdir(), 'rebalancer-zone-account-'));
  const config = withZoneAccount(account);
  const outcome = await writeZoneAccountTemplate(dir, config, deployValues(config, 'x', STAGE));
  const file = join(dir, ZONE_ACCOUNT_TEMPLATE);
  const template = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Template)
    : undefined;
  return { dir, file, outcome, template };
}

const roleOf = (t: Template | undefined) => t?.Resources.RebalancerZoneRole?.Properties;
const statementsOf = (t: Template | undefined): unknown[] =>
  (roleOf(t)?.Policies as { PolicyDocument: { Statement: unknown[] } }[]).flatMap(
    (p) => p.PolicyDocument.Statement,
  );

const ZONE_ARN = { 'Fn::Sub': `arn:\${AWS::Partition}:route53:::hostedzone/${ZONE_ID}` };

describe('the zone account template', () => {
  it('creates one role, named by a parameter that defaults to the configured role name', async () => {
    const { template, outcome } = await built();
    expect(Object.keys(template?.Resources ?? {})).toEqual(['RebalancerZoneRole']);
    expect(template?.Resources.RebalancerZoneRole?.Type).toBe('AWS::IAM::Role');
    expect(roleOf(template)?.RoleName).toEqual({ Ref: 'RoleName' });
    expect(roleOf(template)?.Path).toBeUndefined();
    expect(template?.Parameters.RoleName?.Default).toBe('route53-rebalancer-zone');
    expect(template?.Outputs.RoleArn?.Value).toEqual({
      'Fn::GetAtt': ['RebalancerZoneRole', 'Arn'],
    });
    expect(outcome && zoneAccountSummary(outcome)).toMatch(
      /zone-account\.json: the role of zoneAccount dns; deploy it in account 111122223333$/,
    );
  });

  it('is trusted by the home account only, with the external id, as a member account’s role is', async () => {
    const { template } = await built();
    const trust = {
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
    };
    expect(roleOf(template)?.AssumeRolePolicyDocument).toEqual(trust);
    const member = parseYaml(
      readFileSync(join(ROOT, 'deploy/member-account.yaml'), 'utf8'),
      'member-account.yaml',
    ) as Template;
    expect(roleOf(template)?.AssumeRolePolicyDocument).toEqual(
      member.Resources.RebalancerReadRole?.Properties.AssumeRolePolicyDocument,
    );
  });

  it('has exactly the parameters HomeAccountId, ExternalId (the configured one) and RoleName, bounded as IAM and STS are', async () => {
    const { template } = await built();
    const { HomeAccountId, ExternalId, RoleName } = template?.Parameters ?? {};
    expect(Object.keys(template?.Parameters ?? {})).toEqual([
      'HomeAccountId',
      'ExternalId',
      'RoleName',
    ]);
    const matches = (p: Record<string, unknown> | undefined, value: string) =>
      new RegExp(String(p?.AllowedPattern)).test(value);
    expect(matches(HomeAccountId, '999988887777')).toBe(true);
    expect(matches(HomeAccountId, '99998888777')).toBe(false);
    expect(HomeAccountId?.Default).toBeUndefined();
    expect(ExternalId).toMatchObject({ Default: 'rebalancer-2026', MinLength: 2, MaxLength: 1224 });
    expect(matches(ExternalId, 'has space')).toBe(false);
    expect(matches(RoleName, 'r'.repeat(65))).toBe(false);
  });

  it('grants exactly the Route 53 and health-check statements, every one', async () => {
    const { template } = await built();
    const names = [
      'api.example.com',
      'us-east-1.api.example.com',
      'endpoint-*.us-east-1.api.example.com',
      'shard-*.us-east-1.api.example.com',
      'eu-west-1.api.example.com',
      'endpoint-*.eu-west-1.api.example.com',
      'shard-*.eu-west-1.api.example.com',
      'www.example.com',
      'us-east-1.www.example.com',
      'endpoint-*.us-east-1.www.example.com',
      'shard-*.us-east-1.www.example.com',
    ];
    expect(statementsOf(template)).toEqual([
      {
        Sid: 'WriteManagedRecords',
        Effect: 'Allow',
        Action: 'route53:ChangeResourceRecordSets',
        Resource: ZONE_ARN,
        Condition: {
          'ForAllValues:StringLike': {
            'route53:ChangeResourceRecordSetsNormalizedRecordNames': names,
          },
          'ForAllValues:StringEquals': {
            'route53:ChangeResourceRecordSetsRecordTypes': ['A', 'AAAA', 'TXT'],
            'route53:ChangeResourceRecordSetsActions': ['CREATE', 'DELETE'],
          },
        },
      },
      {
        Sid: 'NoDeeperNames',
        Effect: 'Deny',
        Action: 'route53:ChangeResourceRecordSets',
        Resource: ZONE_ARN,
        Condition: {
          'ForAnyValue:StringLike': {
            'route53:ChangeResourceRecordSetsNormalizedRecordNames': [
              '*.*.*.api.example.com',
              '*.*.*.www.example.com',
            ],
          },
        },
      },
      {
        Sid: 'ReadZone',
        Effect: 'Allow',
        Action: ['route53:GetHostedZone', 'route53:ListResourceRecordSets'],
        Resource: ZONE_ARN,
      },
      {
        Sid: 'WaitForChanges',
        Effect: 'Allow',
        Action: 'route53:GetChange',
        Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:route53:::change/*' },
      },
      {
        Sid: 'CreateHealthChecks',
        Effect: 'Allow',
        Action: ['route53:CreateHealthCheck', 'route53:ListHealthChecks'],
        Resource: '*',
      },
      {
        Sid: 'OwnHealthChecks',
        Effect: 'Allow',
        Action: [
          'route53:DeleteHealthCheck',
          'route53:GetHealthCheckStatus',
          'route53:ChangeTagsForResource',
          'route53:ListTagsForResources',
        ],
        Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:route53:::healthcheck/*' },
      },
      {
        Sid: 'ReadHealthCheckStatus',
        Effect: 'Allow',
        Action: 'cloudwatch:GetMetricData',
        Resource: '*',
      },
    ]);
  });

  it('covers every call the zone account’s clients make, and only those', async () => {
    const { template } = await built();
    const calls = (file: string, service: string): string[] =>
      [
        ...readFileSync(join(ROOT, 'shared/aws', file), 'utf8').matchAll(
          /\b(?:new ([A-Z]\w+)Command|paginate([A-Z]\w+))\b/g,
        ),
      ].map((m) => `${service}:${m[1] ?? m[2] ?? ''}`);
    const used = new Set([
      ...['route53.ts', 'health-checks.ts', 'health-check-listing.ts'].flatMap((f) =>
        calls(f, 'route53'),
      ),
      ...calls('health-check-statuses.ts', 'cloudwatch'),
    ]);
    const granted = (statementsOf(template) as { Effect: string; Action: string | string[] }[])
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect([...new Set(granted)].sort()).toEqual([...used].sort());
  });

  it('keeps the path of a role ARN that has one', async () => {
    const { template } = await built({
      ...DNS,
      roleArn: 'arn:aws:iam::111122223333:role/dns/team/zone-writer',
    });
    expect(roleOf(template)?.Path).toBe('/dns/team/');
    expect(template?.Parameters.RoleName?.Default).toBe('zone-writer');
  });
});

describe('whether the build writes it', () => {
  it('writes none, and removes a stale one, when the config has no zoneAccount', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebalancer-zone-account-'));
    const stale = join(dir, ZONE_ACCOUNT_TEMPLATE);
    writeFileSync(stale, '{}');
    const config = withZoneAccount(undefined);
    expect(
      await writeZoneAccountTemplate(dir, config, deployValues(config, 'x', STAGE)),
    ).toBeUndefined();
    expect(existsSync(stale)).toBe(false);
  });

  it('writes none for a zone account without externalId, and says why', async () => {
    const { outcome, file } = await built({ ...DNS, externalId: undefined });
    expect(existsSync(file)).toBe(false);
    expect(outcome && zoneAccountSummary(outcome)).toBe(
      "no zone-account.json: accounts.dns has no externalId, which the zone role's trust requires; set one to have the build write it",
    );
  });
});

describe('the zone statements are the home writer policy’s', () => {
  it('the same statements as serverless.yml’s writer policy, with the build’s values filled in', async () => {
    const config = withZoneAccount(DNS);
    const values = deployValues(config, 'x', STAGE);
    const statements = await homeZoneStatements(values);
    const text = JSON.stringify(statements);
    expect(text).not.toContain('${self:');
    expect(statements.map((s) => s.Sid)).toEqual([
      'WriteManagedRecords',
      'NoDeeperNames',
      'ReadZone',
      'WaitForChanges',
      'CreateHealthChecks',
      'OwnHealthChecks',
      'ReadHealthCheckStatus',
    ]);
    expect(text).toContain(JSON.stringify(values.managedRecordNames));
    expect(text).toContain(JSON.stringify(values.deeperRecordNames));
  });

  it('refuses a framework variable other than the build’s, naming it', () => {
    const values = deployValues(withZoneAccount(DNS), 'x', STAGE);
    expect(() =>
      resolveBuildValues({ a: ['${param:homeRegion}'] }, values, 'serverless.yml'),
    ).toThrow(
      new ConfigError('serverless.yml', [
        "${param:homeRegion}: the zone account's statements can only use the build's values (${self:custom.build....})",
      ]),
    );
    expect(
      resolveBuildValues('arn:${AWS::Partition}:x/${self:custom.build.hostedZoneId}', values, 's'),
    ).toBe(`arn:\${AWS::Partition}:x/${ZONE_ID}`);
  });

  it('refuses a statement that mixes zone and fleet actions', () => {
    const mixed = {
      Sid: 'Both',
      Effect: 'Allow',
      Action: ['route53:GetChange', 'ec2:DescribeInstances'],
      Resource: '*',
    };
    expect(() => zoneStatementsOf([mixed], 'serverless.yml')).toThrow(
      "statement Both of ReconcileRole's rebalance policy mixes the zone account's actions (route53:GetChange) with others: split it",
    );
  });

  it('reads the short-form intrinsics as their long forms', () => {
    expect(
      parseCloudFormationYaml(
        'a: !Sub x\nb: !If [c, !GetAtt R.Arn, !Ref AWS::NoValue]\nc: !Condition C\n',
      ),
    ).toEqual({
      a: { 'Fn::Sub': 'x' },
      b: { 'Fn::If': ['c', { 'Fn::GetAtt': ['R', 'Arn'] }, { Ref: 'AWS::NoValue' }] },
      c: { Condition: 'C' },
    });
  });
});
