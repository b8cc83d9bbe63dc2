import type { Duty } from '../domain/lifecycle/duties.js';
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
 * touch it and its zone; the item as it is for a one-zone configuration.
 * Duties go with the zones they concern (see dutiesByZone).
 */
export function workByZone(item: WorkItem, spec: RebalancerSpec): WorkItem[] {
  if (spec.zones === undefined) return [item];
  const { duties, ...rest } = item;
  const items = zoneSpecs(spec).flatMap((one): WorkItem[] => {
    const scope = item.scope.filter((selector) => touches(selector, one));
    if (one.services.length === 0 || (item.scope.length > 0 && scope.length === 0)) return [];
    return [{ ...rest, scope, zone: one.hostedZoneId }];
  });
  if (items.length === 0 || duties === undefined) return items;
  const byZone = dutiesByZone(duties, items, spec);
  return items.map((one) => {
    const own = byZone.get(one.zone ?? '') ?? [];
    return own.length > 0 ? { ...one, duties: own } : one;
  });
}

function covers(zone: string, region: string, spec: RebalancerSpec): boolean {
  const one = zoneSpec(spec, zone);
  return one?.services.some((s) => s.regions.some((r) => r.region === region)) ?? false;
}

/**
 * A notice drains its instance in every zone that has its region; a hook goes
 * to the first such zone, naming the others still to confirm it, so that it
 * is completed once and only when every zone that may answer with the
 * instance is safe. A duty no zone item covers rides with the first item.
 */
function dutiesByZone(
  duties: readonly Duty[],
  items: readonly WorkItem[],
  spec: RebalancerSpec,
): Map<string, Duty[]> {
  const byZone = new Map<string, Duty[]>();
  const add = (zone: string, duty: Duty) => byZone.set(zone, [...(byZone.get(zone) ?? []), duty]);
  const zones = items.map((one) => one.zone ?? '');
  for (const duty of duties) {
    const covering = duty.kind === 'ramp' ? [] : zones.filter((z) => covers(z, duty.region, spec));
    const [first = zones[0] ?? '', ...others] = covering;
    if (duty.kind === 'notice')
      for (const zone of covering.length > 0 ? covering : [first]) add(zone, duty);
    else if (duty.kind === 'hook' && others.length > 0) add(first, { ...duty, zonesLeft: others });
    else add(first, duty);
  }
  return byZone;
}

/** The hosted zone an item is for: its own, or the spec's one zone. */
export function zoneOfItem(item: WorkItem, spec: RebalancerSpec): string {
  return item.zone ?? spec.hostedZoneId;
}

/** The one-zone spec an item is reconciled with; undefined when its zone is not configured. */
export function specForItem(item: WorkItem, spec: RebalancerSpec): RebalancerSpec | undefined {
  return zoneSpec(spec, zoneOfItem(item, spec));
}
