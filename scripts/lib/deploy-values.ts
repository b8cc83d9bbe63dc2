import { managedNamePatterns } from '../../shared/domain/plan/roots.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';

/**
 * What serverless.yml (and forwarder/serverless.yml) need from the validated
 * configuration, written by the build to dist/deploy-values.json under the
 * stage it was built for.
 */
export interface DeployValues {
  /** The file that was validated and bundled. */
  readonly config: string;
  readonly hostedZoneId: string;
  /** Every name the rebalancer writes, as `route53:ChangeResourceRecordSetsNormalizedRecordNames` compares them. */
  readonly managedRecordNames: readonly string[];
  /** The EventBridge pattern for `detail.alarmName`: one prefix match per configured prefix. */
  readonly alarmNamePatterns: readonly { readonly prefix: string }[];
  /**
   * `disabled` when no service names an alarm prefix: then there is no alarm
   * rule. A string, as CloudFormation conditions compare strings.
   */
  readonly alarmRule: 'enabled' | 'disabled';
  /** The regions of every service: the regions whose events must reach the home region. */
  readonly regions: readonly string[];
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

export function deployValues(spec: RebalancerSpec, config: string): DeployValues {
  const prefixes = unique(
    spec.services.flatMap((s) =>
      s.health.alarmNamePrefix === undefined ? [] : [s.health.alarmNamePrefix],
    ),
  );
  return {
    config,
    hostedZoneId: spec.hostedZoneId,
    managedRecordNames: managedNamePatterns(spec),
    alarmNamePatterns: prefixes.map((prefix) => ({ prefix })),
    alarmRule: prefixes.length > 0 ? 'enabled' : 'disabled',
    regions: unique(spec.services.flatMap((s) => s.regions.map((r) => r.region))),
  };
}
