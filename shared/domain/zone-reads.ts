import { isAtOrBelow } from './dns/names.js';
import { managedRoots } from './plan/roots.js';
import { inScope, isFullScope, type PlanScope } from './scope.js';
import type { RebalancerSpec } from './spec.js';

/** What to list of the zone for a plan: whole subtrees, and names whose own records alone are read. */
export interface ZoneReads {
  readonly roots: readonly string[];
  readonly names: readonly string[];
}

/**
 * The part of the zone a plan of this scope reads. The whole configuration
 * reads every managed subtree. A scoped plan reads the subtree of each
 * regional name in scope and, of a latency name whose regions are not all in
 * scope, only the records at that name (every region's latency record: what
 * fail-open and the alias chain need), never the other regions' subtrees. A
 * scoped plan never deletes orphans, so what it leaves unread it cannot harm.
 */
export function zoneReads(spec: RebalancerSpec, scope?: PlanScope): ZoneReads {
  if (isFullScope(scope)) return { roots: managedRoots(spec), names: [] };
  const subtrees = new Set<string>();
  const names = new Set<string>();
  for (const service of spec.services) {
    const regions = service.regions.filter((r) => inScope(scope, service.name, r.region));
    if (regions.length === 0) continue;
    if (regions.length === service.regions.length) subtrees.add(service.recordName);
    else names.add(service.recordName);
    for (const region of regions) subtrees.add(region.name);
  }
  const all = [...subtrees];
  const roots = all.filter((n) => !all.some((o) => o !== n && isAtOrBelow(n, o))).sort();
  return {
    roots,
    names: [...names].filter((n) => !roots.some((root) => isAtOrBelow(n, root))).sort(),
  };
}
