import type { ScopeSelector } from '../domain/scope.js';
import type { RebalancerSpec } from '../domain/spec.js';
import type { RebalancerEvent } from '../formats/events/parse.js';

export type EventTargets =
  | { readonly kind: 'scope'; readonly scope: readonly ScopeSelector[] }
  | { readonly kind: 'everything' }
  | { readonly kind: 'ignored'; readonly why: string };

/**
 * What an event asks us to look at. Level-triggered: an event never says what
 * to write, only where the truth must be re-read. An instance event names its
 * region (its tags, hence its service, are not in the event), and so do a
 * lifecycle action (a warm-pool one too: it is marked `warmPool`, and
 * re-reading the region is always safe) and an interruption notice; an alarm
 * names the services whose alarm prefix it carries.
 */
export function targetsOf(event: RebalancerEvent, spec: RebalancerSpec): EventTargets {
  if (event.kind === 'schedule') return { kind: 'everything' };
  const services = spec.services.filter((s) => s.regions.some((r) => r.region === event.region));
  if (services.length === 0)
    return { kind: 'ignored', why: `no configured service runs in ${event.region}` };
  // instance-state, auto-scaling, lifecycle-action, interruption: the whole region.
  if (event.kind !== 'alarm') return { kind: 'scope', scope: [{ region: event.region }] };
  if (event.state !== 'ALARM' && event.previous !== 'ALARM') {
    return {
      kind: 'ignored',
      why: `alarm ${event.alarmName} moved ${event.previous ?? '?'} -> ${event.state}: health only changes to or from ALARM`,
    };
  }
  const watching = services.filter(
    (s) =>
      s.health.alarmNamePrefix !== undefined &&
      event.alarmName.startsWith(s.health.alarmNamePrefix),
  );
  if (watching.length === 0)
    return { kind: 'ignored', why: `no service watches alarm ${event.alarmName}` };
  return { kind: 'scope', scope: watching.map((s) => ({ service: s.name, region: event.region })) };
}
