import { ConfigError } from '../../shared/domain/errors.js';
import { READY_SINCE_TAG } from '../../shared/domain/fleet/slow-start.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';

/*
 * Which Auto Scaling groups the writer may complete lifecycle hooks on (and
 * keep alive): the configured ones. A service that lists
 * members.autoScalingGroups is granted those groups by ARN; one that does not
 * is granted the groups that carry its member tags themselves (Auto Scaling
 * tags a group's instances from the group's tags propagated at launch), by
 * the autoscaling:ResourceTag condition. The statements go into the reconcile
 * role as they are, through dist/deploy-values.json.
 */

export const HOOK_ACTIONS = [
  'autoscaling:CompleteLifecycleAction',
  'autoscaling:RecordLifecycleActionHeartbeat',
] as const;

const GROUP_ARN =
  'arn:${AWS::Partition}:autoscaling:*:${AWS::AccountId}:autoScalingGroup:*:autoScalingGroupName/';

export interface HookStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: { readonly 'Fn::Sub': string } | readonly { readonly 'Fn::Sub': string }[];
  readonly Condition?: { readonly StringEquals: Readonly<Record<string, readonly string[]>> };
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/**
 * Characters IAM would read as wildcards (`*`, `?`), or that CloudFormation's
 * Fn::Sub and the framework's variables would read (`$`): such a group could
 * not be granted alone.
 */
const UNSAFE = /[*?$]/;

/** The groups listed by some service, in config order; throws a ConfigError for a name IAM cannot name exactly. */
function listedGroups(spec: RebalancerSpec, source: string): string[] {
  const groups = unique(spec.services.flatMap((s) => s.memberAutoScalingGroups ?? []));
  const unsafe = groups.filter((g) => UNSAFE.test(g));
  if (unsafe.length > 0)
    throw new ConfigError(
      source,
      unsafe.map(
        (g) =>
          `members.autoScalingGroups: ${g} contains * ? or $, which an IAM resource ARN cannot name exactly: rename the group, or leave autoScalingGroups out and tag the group with the member tags`,
      ),
    );
  return groups;
}

/**
 * One condition per set of tag keys, each key with every value a service
 * asks for (IAM ANDs the keys and ORs the values of one key): exact when the
 * services share one key, as `rebalancer:service` is meant to be shared.
 */
function tagConditions(spec: RebalancerSpec): Record<string, string[]>[] {
  const byKeys = new Map<string, Record<string, string[]>>();
  for (const service of spec.services) {
    if (service.memberAutoScalingGroups !== undefined) continue;
    const keys = Object.keys(service.memberTags).sort();
    const id = JSON.stringify(keys);
    const condition = byKeys.get(id) ?? {};
    for (const key of keys) {
      const name = `autoscaling:ResourceTag/${key}`;
      condition[name] = unique([...(condition[name] ?? []), service.memberTags[key] ?? '']);
    }
    byKeys.set(id, condition);
  }
  return [...byKeys.values()];
}

/** The Allow statements for completing hooks: the listed groups by ARN, the others by their member tags. */
export function hookStatements(spec: RebalancerSpec, source: string): HookStatement[] {
  const groups = listedGroups(spec, source);
  const statements: HookStatement[] = [];
  if (groups.length > 0)
    statements.push({
      Sid: 'CompleteLifecycleHooksOfGroups',
      Effect: 'Allow',
      Action: HOOK_ACTIONS,
      Resource: groups.map((g) => ({ 'Fn::Sub': `${GROUP_ARN}${g}` })),
    });
  tagConditions(spec).forEach((condition, i) =>
    statements.push({
      Sid: `CompleteLifecycleHooksByTag${i + 1}`,
      Effect: 'Allow',
      Action: HOOK_ACTIONS,
      Resource: { 'Fn::Sub': `${GROUP_ARN}*` },
      Condition: { StringEquals: condition },
    }),
  );
  return statements;
}

function resolve(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolve);
  if (value === null || typeof value !== 'object') return value;
  const sub = (value as Record<string, unknown>)['Fn::Sub'];
  if (typeof sub === 'string')
    return sub
      .replaceAll('${AWS::Partition}', 'aws-us-gov')
      .replaceAll('${AWS::AccountId}', '1'.repeat(12));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
}

/** What IAM counts of the hook policy, whitespace-free, for the longest partition and a 12-digit account. */
export function hookPolicyCharacters(statements: readonly HookStatement[]): number {
  return JSON.stringify(resolve({ Version: '2012-10-17', Statement: statements })).length;
}

/** The tag keys the writer writes on instances: each drain tag, and the ramp's start with slow start. */
export function writtenTagKeys(spec: RebalancerSpec): string[] {
  return unique([
    ...spec.services.flatMap((s) => s.health.drainTag ?? []),
    ...(spec.services.some((s) => s.slowStart !== undefined) ? [READY_SINCE_TAG] : []),
  ]);
}
