import { isAtOrBelow } from './names.js';
import { inScope, type PlanScope } from './scope.js';
import type { RebalancerSpec } from './spec.js';

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
