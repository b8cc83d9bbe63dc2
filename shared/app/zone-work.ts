import { inScope, type ScopeSelector, type WorkItem } from '../domain/scope.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { zoneSpec, zoneSpecs } from '../domain/zones.js';

/*
 * Work is keyed by hosted zone: each item names its zone, which is its FIFO
 * message group, so that one zone is written by one reconcile at a time and
 * two zones in parallel. An item of a one-zone configuration names none.
 */

function touches(selector: ScopeSelector, spec: RebalancerSpec): boolean {
  return spec.services.some((s) => s.regions.some((r) => inScope([selector], s.name, r.region)));
}

/**
 * One item per zone the item's scope touches, each with the selectors that
 * touch it and its zone; the item as it is for a one-zone configuration. Its
 * duties ride with the first zone's item only, so a hook is completed once.
 */
export function workByZone(item: WorkItem, spec: RebalancerSpec): WorkItem[] {
  if (spec.zones === undefined) return [item];
  const { duties, ...rest } = item;
  const items = zoneSpecs(spec).flatMap((one): WorkItem[] => {
    const scope = item.scope.filter((selector) => touches(selector, one));
    if (one.services.length === 0 || (item.scope.length > 0 && scope.length === 0)) return [];
    return [{ ...rest, scope, zone: one.hostedZoneId }];
  });
  const [first, ...others] = items;
  if (first === undefined || duties === undefined) return items;
  return [{ ...first, duties }, ...others];
}

/** The hosted zone an item is for: its own, or the spec's one zone. */
export function zoneOfItem(item: WorkItem, spec: RebalancerSpec): string {
  return item.zone ?? spec.hostedZoneId;
}

/** The one-zone spec an item is reconciled with; undefined when its zone is not configured. */
export function specForItem(item: WorkItem, spec: RebalancerSpec): RebalancerSpec | undefined {
  return zoneSpec(spec, zoneOfItem(item, spec));
}
