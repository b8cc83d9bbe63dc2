import type { RebalancerSpec } from '../../shared/domain/spec.js';
import { hookStatements, writtenTagKeys, type HookStatement } from './hook-policy.js';
import { writerNames, type WriterNames } from './writer-policy.js';
import { accountValues, type AccountValues } from './account-values.js';
import { zoneSpecs } from '../../shared/domain/zones.js';
import {
  zoneWriters,
  writerStatements,
  type ZoneStatement,
  type ZoneWriter,
} from './zone-policy.js';

/**
 * What serverless.yml (and forwarder/serverless.yml) need from the validated
 * configuration, written by the build to dist/deploy-values.json under the
 * stage it was built for.
 */
export interface DeployValues {
  /** The file that was validated and bundled. */
  readonly config: string;
  readonly hostedZoneId: string;
  /** Every name the rebalancer writes, as `route53:ChangeResourceRecordSetsNormalizedRecordNames` patterns. */
  readonly managedRecordNames: readonly string[];
  /** Names deeper than the rebalancer writes, which the writer roles are denied. */
  readonly deeperRecordNames: readonly string[];
  /** The EventBridge pattern for `detail.alarmName`: one prefix match per configured prefix. */
  readonly alarmNamePatterns: readonly { readonly prefix: string }[];
  /**
   * `disabled` when no service names an alarm prefix: then there is no alarm
   * rule. A string, as CloudFormation conditions compare strings.
   */
  readonly alarmRule: 'enabled' | 'disabled';
  /** The regions of every service: the regions whose events must reach the home region. */
  readonly regions: readonly string[];
  /** The tag keys the writer may write: each service's health.drainTag, and rebalancer:ready-since with slow start. */
  readonly drainTags: readonly string[];
  /** Roles to assume in other accounts, member accounts to admit on the home bus. */
  readonly accounts: AccountValues;
  /** The reconcile role's statements for completing lifecycle hooks: the configured groups only. */
  readonly hookStatements: readonly HookStatement[];
  /** Each hosted zone's own managed names (one entry, the values above, for a one-zone configuration). */
  readonly zones: readonly ZoneWriter[];
  /** The writer roles' `rebalance` policy statements: one set per zone, each on that zone with its names; then GetChange and the fleet reads. */
  readonly writerStatements: readonly ZoneStatement[];
}

/** When no service has a drain tag, none is written; the statement still needs one key to name. */
const DEFAULT_DRAIN_TAG = 'rebalancer:drain';

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/**
 * The values of a stage's deployment; throws a ConfigError when the writer
 * roles' policy cannot fit IAM's quota (see writer-policy.ts).
 */
export function deployValues(spec: RebalancerSpec, config: string, stage: string): DeployValues {
  const zones = zoneWriters(spec, stage, config);
  const first = zoneSpecs(spec)[0] ?? spec;
  return deployValuesWith(spec, config, writerNames(first, stage, config), zones);
}

/** The deploy values for names already worked out. */
export function deployValuesWith(
  spec: RebalancerSpec,
  config: string,
  names: WriterNames,
  zones: readonly ZoneWriter[] = [
    {
      hostedZoneId: spec.hostedZoneId,
      managedRecordNames: names.allowed,
      deeperRecordNames: names.deeper,
    },
  ],
): DeployValues {
  const prefixes = unique(
    spec.services.flatMap((s) =>
      s.health.alarmNamePrefix === undefined ? [] : [s.health.alarmNamePrefix],
    ),
  );
  return {
    config,
    hostedZoneId: spec.hostedZoneId,
    managedRecordNames: names.allowed,
    deeperRecordNames: names.deeper,
    alarmNamePatterns: prefixes.map((prefix) => ({ prefix })),
    alarmRule: prefixes.length > 0 ? 'enabled' : 'disabled',
    regions: unique(spec.services.flatMap((s) => s.regions.map((r) => r.region))),
    drainTags: drainTagsOf(spec),
    accounts: accountValues(spec, config),
    hookStatements: hookStatements(spec, config),
    zones,
    writerStatements: writerStatements(zones),
  };
}

function drainTagsOf(spec: RebalancerSpec): string[] {
  const tags = writtenTagKeys(spec);
  return tags.length > 0 ? tags : [DEFAULT_DRAIN_TAG];
}
