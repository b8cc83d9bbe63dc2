import { describe, expect, it } from 'vitest';
import { deployValues } from '../../scripts/lib/deploy-values.js';
import {
  HOOK_ACTIONS,
  hookPolicyCharacters,
  hookStatements,
  writtenTagKeys,
} from '../../scripts/lib/hook-policy.js';
import { writerNames } from '../../scripts/lib/writer-policy.js';
import { ConfigError } from '../../shared/domain/errors.js';
import { READY_SINCE_TAG } from '../../shared/domain/fleet/slow-start.js';
import { serviceSpec, spec } from '../support/builders.js';

/*
 * Issue 9: the writer may complete (and keep alive) lifecycle hooks on the
 * configured groups only: those listed by ARN, the others by the member tags
 * the group carries. And it may tag instances with the drain tags, and the
 * ramp's start when a service has slow start.
 */

const ARN =
  'arn:${AWS::Partition}:autoscaling:*:${AWS::AccountId}:autoScalingGroup:*:autoScalingGroupName/';

describe('hookStatements', () => {
  it('grants each listed group by its ARN, in one statement, each group once', () => {
    const s = spec([
      serviceSpec({ name: 'a', memberAutoScalingGroups: ['api-prod-a', 'api-prod-b'] }),
      serviceSpec({ name: 'b', memberAutoScalingGroups: ['api-prod-b', 'web'] }),
    ]);
    expect(hookStatements(s, 'c.yml')).toEqual([
      {
        Sid: 'CompleteLifecycleHooksOfGroups',
        Effect: 'Allow',
        Action: [...HOOK_ACTIONS],
        Resource: ['api-prod-a', 'api-prod-b', 'web'].map((g) => ({ 'Fn::Sub': `${ARN}${g}` })),
      },
    ]);
  });

  it('grants a service without groups the groups that carry its member tags', () => {
    const s = spec([
      serviceSpec({ name: 'a', memberTags: { 'rebalancer:service': 'api' } }),
      serviceSpec({ name: 'b', memberTags: { 'rebalancer:service': 'web' } }),
      serviceSpec({ name: 'c', memberTags: { team: 'x', app: 'y' } }),
      serviceSpec({ name: 'd', memberAutoScalingGroups: ['d-asg'] }),
    ]);
    expect(hookStatements(s, 'c.yml')).toEqual([
      {
        Sid: 'CompleteLifecycleHooksOfGroups',
        Effect: 'Allow',
        Action: [...HOOK_ACTIONS],
        Resource: [{ 'Fn::Sub': `${ARN}d-asg` }],
      },
      {
        Sid: 'CompleteLifecycleHooksByTag1',
        Effect: 'Allow',
        Action: [...HOOK_ACTIONS],
        Resource: { 'Fn::Sub': `${ARN}*` },
        // One key: its values are ORed, so this is exactly api's and web's groups.
        Condition: {
          StringEquals: { 'autoscaling:ResourceTag/rebalancer:service': ['api', 'web'] },
        },
      },
      {
        Sid: 'CompleteLifecycleHooksByTag2',
        Effect: 'Allow',
        Action: [...HOOK_ACTIONS],
        Resource: { 'Fn::Sub': `${ARN}*` },
        // Two keys: both must match.
        Condition: {
          StringEquals: {
            'autoscaling:ResourceTag/app': ['y'],
            'autoscaling:ResourceTag/team': ['x'],
          },
        },
      },
    ]);
  });

  it('never grants every group of the account without a condition', () => {
    const s = spec([
      serviceSpec({ name: 'a' }),
      serviceSpec({ name: 'b', memberAutoScalingGroups: ['g'] }),
    ]);
    for (const statement of hookStatements(s, 'c.yml')) {
      const resources: readonly { readonly 'Fn::Sub': string }[] = Array.isArray(statement.Resource)
        ? (statement.Resource as readonly { readonly 'Fn::Sub': string }[])
        : [statement.Resource as { readonly 'Fn::Sub': string }];
      for (const r of resources)
        if (r['Fn::Sub'].endsWith('/*')) expect(statement.Condition).toBeDefined();
    }
  });

  it('refuses a group name IAM would read as a wildcard, or CloudFormation as a variable', () => {
    for (const name of ['api-*', 'api-?', 'api-${x}']) {
      const s = spec([serviceSpec({ memberAutoScalingGroups: [name] })]);
      expect(() => hookStatements(s, 'c.yml')).toThrow(ConfigError);
      try {
        hookStatements(s, 'c.yml');
      } catch (error) {
        expect((error as ConfigError).problems).toEqual([
          `members.autoScalingGroups: ${name} contains * ? or $, which an IAM resource ARN cannot name exactly: rename the group, or leave autoScalingGroups out and tag the group with the member tags`,
        ]);
      }
    }
  });

  it('is counted into the writer role’s size, resolved for the longest account values', () => {
    const s = spec([serviceSpec({ memberAutoScalingGroups: ['g'] })]);
    const statements = hookStatements(s, 'c.yml');
    const resolved = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          ...statements[0],
          Resource: [
            'arn:aws-us-gov:autoscaling:*:111111111111:autoScalingGroup:*:autoScalingGroupName/g',
          ],
        },
      ],
    });
    expect(hookPolicyCharacters(statements)).toBe(resolved.length);
    const without = writerNames(spec([serviceSpec()]), 'prod', 'c.yml').characters;
    const many = spec([
      serviceSpec({ memberAutoScalingGroups: Array.from({ length: 50 }, (_, i) => `group-${i}`) }),
    ]);
    expect(writerNames(many, 'prod', 'c.yml').characters).toBeGreaterThan(without + 50 * 80);
  });
});

describe('the tag keys the writer may write', () => {
  it('adds the ramp’s start when a service has slow start', () => {
    const plain = spec([serviceSpec()]);
    const slow = spec([serviceSpec({ slowStart: { windowSeconds: 600, steps: 5 } })]);
    expect(writtenTagKeys(plain)).toEqual(['rebalancer:drain']);
    expect(writtenTagKeys(slow)).toEqual(['rebalancer:drain', READY_SINCE_TAG]);
    expect(deployValues(slow, 'c.yml', 'dev').drainTags).toEqual([
      'rebalancer:drain',
      READY_SINCE_TAG,
    ]);
    const noDrain = spec([
      serviceSpec({
        slowStart: { windowSeconds: 600, steps: 5 },
        health: { ...serviceSpec().health, drainTag: undefined },
      }),
    ]);
    expect(deployValues(noDrain, 'c.yml', 'dev').drainTags).toEqual([READY_SINCE_TAG]);
  });
});
