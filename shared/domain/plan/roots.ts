import { parseBinName } from '../layout/layout.js';
import { escapeName, isAtOrBelow } from '../dns/names.js';
import { inScope, type PlanScope } from '../scope.js';
import type { RebalancerSpec } from '../spec.js';

/**
 * The names to read from the zone for a scope: each service's latency name and
 * each regional name, minus those already below another root (a subtree is
 * read in one sweep, so reading it twice would only cost API calls).
 */
export function managedRoots(spec: RebalancerSpec, scope?: PlanScope): string[] {
  const names = new Set<string>();
  for (const service of spec.services) {
    const regions = service.regions.filter((r) => inScope(scope, service.name, r.region));
    if (regions.length === 0) continue;
    names.add(service.recordName);
    for (const region of regions) names.add(region.name);
  }
  const all = [...names];
  return all
    .filter((name) => !all.some((other) => other !== name && isAtOrBelow(name, other)))
    .sort();
}

/** The regions a scope touches, each with the services that run there. */
export function regionsInScope(
  spec: RebalancerSpec,
  scope?: PlanScope,
): Map<string, RebalancerSpec['services'][number][]> {
  const regions = new Map<string, RebalancerSpec['services'][number][]>();
  for (const service of spec.services) {
    for (const region of service.regions) {
      if (!inScope(scope, service.name, region.region)) continue;
      regions.set(region.region, [...(regions.get(region.region) ?? []), service]);
    }
  }
  return regions;
}

/**
 * True for a name this configuration writes: a latency name, a regional name,
 * or a group or shard directly below a regional name. The IAM policy of the
 * deployed functions allows writes to exactly these names, so a plan must
 * never touch another.
 */
export function isManagedName(spec: RebalancerSpec, name: string): boolean {
  return spec.services.some(
    (service) =>
      service.recordName === name ||
      service.regions.some(
        (region) => region.name === name || parseBinName(name, region.name) !== undefined,
      ),
  );
}

/**
 * A normalised name as the IAM condition key
 * `route53:ChangeResourceRecordSetsNormalizedRecordNames` sees it (Route 53
 * Developer Guide, "Normalizing the Route 53 condition key values"): lower
 * case, no trailing dot, every character other than a-z, 0-9, `-`, `_` and `.`
 * as a three-digit octal escape (`*` is `\052`).
 */
export function conditionName(name: string): string {
  return escapeName(name).replace(/\.$/, '');
}

/**
 * The managed names as IAM `StringLike` patterns: each latency name, each
 * regional name, and `endpoint-*.` / `shard-*.` below each regional name.
 */
export function managedNamePatterns(spec: RebalancerSpec): string[] {
  const names = spec.services.flatMap((service) => [
    conditionName(service.recordName),
    ...service.regions.flatMap((region) => {
      const regional = conditionName(region.name);
      return [regional, `endpoint-*.${regional}`, `shard-*.${regional}`];
    }),
  ]);
  return [...new Set(names)];
}
