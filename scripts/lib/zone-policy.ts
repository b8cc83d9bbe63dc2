import { ConfigError } from '../../shared/domain/errors.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import { zoneSpecs } from '../../shared/domain/zones.js';
import { fixedPolicyCharacters, ROLE_INLINE_POLICY_LIMIT, writerNames } from './writer-policy.js';

/*
 * Route 53 write permissions per hosted zone: each zone's
 * ChangeResourceRecordSets on that zone alone, with that zone's managed
 * names (and the Deny of deeper names), so that a service of one zone can
 * never be written into another. The statements are those of serverless.yml's
 * `rebalance` policy, one set per zone.
 */

export interface ZoneWriter {
  readonly hostedZoneId: string;
  readonly managedRecordNames: readonly string[];
  readonly deeperRecordNames: readonly string[];
}

/** An IAM statement as CloudFormation takes it (`Fn::Sub` for the partition). */
export interface ZoneStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: { readonly 'Fn::Sub': string } | '*';
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/**
 * Each zone's name patterns; throws a ConfigError when the zones' lists
 * together do not fit IAM's quota on a role's inline policies.
 */
export function zoneWriters(spec: RebalancerSpec, stage: string, source: string): ZoneWriter[] {
  const zones = zoneSpecs(spec).filter((one) => one.services.length > 0);
  const names = zones.map((one) => writerNames(one, stage, source));
  const fixed = (one: RebalancerSpec) => fixedPolicyCharacters(stage, one.hostedZoneId);
  const total = names.reduce(
    (n, written, i) => n + written.characters - fixed(zones[i] as RebalancerSpec),
    Math.max(0, ...zones.map(fixed)),
  );
  if (zones.length > 1 && total > ROLE_INLINE_POLICY_LIMIT) {
    throw new ConfigError(source, [
      `the IAM policy of the writer roles needs about ${total.toLocaleString('en-US')} characters for ${zones.length} hosted zones, more than the ${ROLE_INLINE_POLICY_LIMIT.toLocaleString('en-US')} IAM allows a role's inline policies: split the zones over more than one stage, each with its own ownerId`,
    ]);
  }
  return zones.map((one, i) => ({
    hostedZoneId: one.hostedZoneId,
    managedRecordNames: names[i]?.allowed ?? [],
    deeperRecordNames: names[i]?.deeper ?? [],
  }));
}

const zoneArn = (id: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:route53:::hostedzone/${id}`,
});

/**
 * Per zone: write its managed names (types and actions the planner uses),
 * never deeper, and read it. One zone's statements keep the Sids they always
 * had; with several, each Sid ends in its zone's id.
 */
export function zoneWriteStatements(writers: readonly ZoneWriter[]): ZoneStatement[] {
  const one = writers.length === 1;
  return writers.flatMap((z): ZoneStatement[] => [
    {
      Sid: `WriteManagedRecords${one ? '' : z.hostedZoneId}`,
      Effect: 'Allow',
      Action: 'route53:ChangeResourceRecordSets',
      Resource: zoneArn(z.hostedZoneId),
      Condition: {
        'ForAllValues:StringLike': {
          'route53:ChangeResourceRecordSetsNormalizedRecordNames': z.managedRecordNames,
        },
        'ForAllValues:StringEquals': {
          'route53:ChangeResourceRecordSetsRecordTypes': ['A', 'AAAA', 'TXT'],
          'route53:ChangeResourceRecordSetsActions': ['CREATE', 'DELETE'],
        },
      },
    },
    {
      Sid: `NoDeeperNames${one ? '' : z.hostedZoneId}`,
      Effect: 'Deny',
      Action: 'route53:ChangeResourceRecordSets',
      Resource: zoneArn(z.hostedZoneId),
      Condition: {
        'ForAnyValue:StringLike': {
          'route53:ChangeResourceRecordSetsNormalizedRecordNames': z.deeperRecordNames,
        },
      },
    },
    {
      Sid: `ReadZone${one ? '' : z.hostedZoneId}`,
      Effect: 'Allow',
      Action: ['route53:GetHostedZone', 'route53:ListResourceRecordSets'],
      Resource: zoneArn(z.hostedZoneId),
    },
  ]);
}

/**
 * The statements of the writer roles' `rebalance` policy (serverless.yml):
 * each zone's, then waiting for changes (GetChange has no zone) and the fleet
 * reads, which support no resource-level permissions (EC2 Describe*) or list
 * by name prefix (DescribeAlarms), so IAM requires Resource "*". Read-only.
 */
export function writerStatements(writers: readonly ZoneWriter[]): ZoneStatement[] {
  return [
    ...zoneWriteStatements(writers),
    {
      Sid: 'WaitForChanges',
      Effect: 'Allow',
      Action: 'route53:GetChange',
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:route53:::change/*' },
    },
    // Route 53 health checks, owned per endpoint. CreateHealthCheck and ListHealthChecks have
    // no resource type (Service Authorization Reference), so IAM requires "*"; Route 53 has no
    // condition keys for health checks or their tags. Deleting, tagging and reading them is
    // limited to health-check ARNs; the adapter itself touches only checks tagged with this ownerId.
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
    // Their status: the HealthCheckStatus metric in us-east-1; GetMetricData has no resource-level permissions.
    {
      Sid: 'ReadHealthCheckStatus',
      Effect: 'Allow',
      Action: 'cloudwatch:GetMetricData',
      Resource: '*',
    },
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
  ];
}
