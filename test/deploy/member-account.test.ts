import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../shared/formats/config/yaml.js';

/*
 * deploy/member-account.yaml, the role a member account gives the rebalancer:
 * trusted by the home account with the external id only, granting the calls
 * the region adapters make (read the fleet, complete hooks, tag drains) and
 * nothing else.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string): string => readFileSync(`${ROOT}${path}`, 'utf8');

interface Statement {
  readonly Sid: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}
interface Template {
  readonly Parameters: Record<string, Record<string, unknown>>;
  readonly Resources: Record<
    string,
    {
      Type: string;
      Properties: {
        RoleName: unknown;
        AssumeRolePolicyDocument: unknown;
        Policies: { PolicyName: string; PolicyDocument: { Statement: Statement[] } }[];
      };
    }
  >;
  readonly Outputs: Record<string, { Value: unknown }>;
}

const template = parseYaml(read('deploy/member-account.yaml'), 'member-account.yaml') as Template;
const role = template.Resources.RebalancerReadRole;
const statements = role?.Properties.Policies.flatMap((p) => p.PolicyDocument.Statement) ?? [];
const actions = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('the member-account template', () => {
  it('creates one role, named by a parameter, whose ARN it outputs', () => {
    expect(Object.keys(template.Resources)).toEqual(['RebalancerReadRole']);
    expect(role?.Type).toBe('AWS::IAM::Role');
    expect(role?.Properties.RoleName).toEqual({ Ref: 'RoleName' });
    expect(template.Outputs.RoleArn?.Value).toEqual({
      'Fn::GetAtt': ['RebalancerReadRole', 'Arn'],
    });
  });

  it('is trusted by the home account only, with the external id', () => {
    expect(role?.Properties.AssumeRolePolicyDocument).toEqual({
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
    });
  });

  it('bounds its parameters as IAM and STS do', () => {
    const { HomeAccountId, ExternalId, RoleName, DrainTagKeys } = template.Parameters;
    const matches = (p: Record<string, unknown> | undefined, value: string) =>
      new RegExp(String(p?.AllowedPattern)).test(value);
    expect(matches(HomeAccountId, '999988887777')).toBe(true);
    expect(matches(HomeAccountId, '99998888777')).toBe(false);
    expect(ExternalId).toMatchObject({ MinLength: 2, MaxLength: 1224 });
    expect(matches(ExternalId, 'a:b/c+=,.@-_')).toBe(true);
    expect(matches(ExternalId, 'has space')).toBe(false);
    expect(RoleName?.Default).toBe('route53-rebalancer-read');
    expect(matches(RoleName, 'r'.repeat(65))).toBe(false);
    expect(DrainTagKeys).toMatchObject({ Type: 'CommaDelimitedList', Default: 'rebalancer:drain' });
  });

  it('grants exactly the reads, hook completions and drain tags, every statement', () => {
    expect(statements).toEqual([
      {
        Sid: 'ReadFleetAndAlarms',
        Effect: 'Allow',
        Action: [
          'ec2:DescribeInstances',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeInstanceStatus',
          'cloudwatch:DescribeAlarms',
          'autoscaling:DescribeAutoScalingInstances',
        ],
        Resource: '*',
      },
      {
        Sid: 'CompleteLifecycleHooks',
        Effect: 'Allow',
        Action: [
          'autoscaling:CompleteLifecycleAction',
          'autoscaling:RecordLifecycleActionHeartbeat',
        ],
        Resource: {
          'Fn::Sub':
            'arn:${AWS::Partition}:autoscaling:*:${AWS::AccountId}:autoScalingGroup:*:autoScalingGroupName/*',
        },
      },
      {
        Sid: 'TagDrains',
        Effect: 'Allow',
        Action: 'ec2:CreateTags',
        Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:ec2:*:${AWS::AccountId}:instance/*' },
        Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': { Ref: 'DrainTagKeys' } } },
      },
    ]);
  });

  it('covers every call the region adapters make, and only those', () => {
    const calls = (file: string, service: string): string[] =>
      [
        ...read(`shared/aws/${file}`).matchAll(/\b(?:new ([A-Z]\w+)Command|paginate([A-Z]\w+))\b/g),
      ].map((m) => `${service}:${m[1] ?? m[2] ?? ''}`);
    const used = new Set([
      ...calls('ec2.ts', 'ec2'),
      ...calls('cloudwatch.ts', 'cloudwatch'),
      ...calls('autoscaling.ts', 'autoscaling'),
    ]);
    expect([...used].sort()).toEqual(statements.flatMap(actions).sort());
  });
});
