import type { Duty } from '../domain/lifecycle/duties.js';
import type { ScopeSelector, WorkItem } from '../domain/scope.js';
import type { RebalancerSpec } from '../domain/spec.js';
import type { RebalancerEvent } from '../formats/events/parse.js';
import { targetsOf } from './targets.js';

/** Selectors without repeats; a region-wide selector absorbs the service selectors of its region. */
export function simplifyScope(scope: readonly ScopeSelector[]): ScopeSelector[] {
  if (scope.some((s) => s.service === undefined && s.region === undefined)) return [];
  const regions = new Set(scope.filter((s) => s.service === undefined).map((s) => s.region));
  const services = new Set(scope.filter((s) => s.region === undefined).map((s) => s.service));
  const seen = new Set<string>();
  return scope
    .filter(
      (s) =>
        s.service === undefined ||
        s.region === undefined ||
        (!regions.has(s.region) && !services.has(s.service)),
    )
    .filter((s) => {
      const key = `${s.service ?? '*'}|${s.region ?? '*'}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) =>
      `${a.service ?? ''}|${a.region ?? ''}`.localeCompare(`${b.service ?? ''}|${b.region ?? ''}`),
    );
}

function countBy(labels: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].map(([label, n]) => `${n} ${label}`).join(', ');
}

const LABELS: Record<RebalancerEvent['kind'], string> = {
  'instance-state': 'instance state change',
  'auto-scaling': 'auto scaling event',
  'lifecycle-action': 'lifecycle action',
  interruption: 'interruption notice',
  alarm: 'alarm change',
  schedule: 'schedule',
};

/** One work item for a batch of events, or undefined when none of them concerns us; says which were ignored. */
export function workFromEvents(
  events: readonly RebalancerEvent[],
  spec: RebalancerSpec,
): { item: WorkItem | undefined; ignored: string[] } {
  const scope: ScopeSelector[] = [];
  const ignored: string[] = [];
  const counted: string[] = [];
  const duties: Duty[] = [];
  let everything = false;
  for (const event of events) {
    const duty = dutyOf(event);
    if (duty !== undefined) duties.push(duty);
    const targets = targetsOf(event, spec);
    if (targets.kind === 'ignored') ignored.push(`${event.id}: ${targets.why}`);
    else {
      counted.push(LABELS[event.kind]);
      if (targets.kind === 'everything') everything = true;
      else scope.push(...targets.scope);
    }
  }
  if (counted.length === 0) return { item: undefined, ignored };
  return {
    item: {
      scope: everything ? [] : simplifyScope(scope),
      reason: countBy(counted),
      events: counted.length,
      ...(duties.length > 0 && { duties: uniqueDuties(duties) }),
    },
    ignored,
  };
}

/** Why this configuration cannot act on a selector, naming what is configured; undefined when it can. */
function selectorProblem(selector: ScopeSelector, spec: RebalancerSpec): string | undefined {
  const services = spec.services.filter(
    (s) => selector.service === undefined || s.name === selector.service,
  );
  if (services.length === 0)
    return `service: unknown service ${selector.service ?? ''} (configured: ${spec.services.map((s) => s.name).join(', ')})`;
  if (
    selector.region !== undefined &&
    !services.some((s) => s.regions.some((r) => r.region === selector.region))
  ) {
    const regions = [...new Set(services.flatMap((s) => s.regions.map((r) => r.region)))];
    const of = selector.service === undefined ? '' : ` for ${selector.service}`;
    return `region: ${selector.region} is not configured${of} (configured: ${regions.join(', ')})`;
  }
  return undefined;
}

/**
 * The part of an item this configuration can act on, and one problem per
 * selector it cannot (an unknown service, a region not configured). An item
 * left with no selector is no work at all: not the empty scope, which means
 * everything.
 */
export function usableWork(
  item: WorkItem,
  spec: RebalancerSpec,
): { item: WorkItem | undefined; problems: string[] } {
  const problems: string[] = [];
  const scope = item.scope.filter((selector, i) => {
    const problem = selectorProblem(selector, spec);
    if (problem !== undefined) problems.push(`scope[${i}].${problem}`);
    return problem === undefined;
  });
  if (item.scope.length > 0 && scope.length === 0) return { item: undefined, problems };
  return { item: { ...item, scope }, problems };
}

/** One item for several: the union of their scopes and events. */
export function mergeWork(items: readonly WorkItem[]): WorkItem {
  const everything = items.some((i) => i.scope.length === 0);
  return {
    scope: everything ? [] : simplifyScope(items.flatMap((i) => i.scope)),
    reason:
      items.length === 1
        ? (items[0]?.reason ?? '')
        : `${items.length} queued items (${items.map((i) => i.reason).join('; ')})`,
    events: items.reduce((n, i) => n + i.events, 0),
    ...(items.some((i) => (i.duties?.length ?? 0) > 0) && {
      duties: uniqueDuties(items.flatMap((i) => i.duties ?? [])),
    }),
    // Merged only within one zone (one message group): the first names it for all.
    ...(items[0]?.zone !== undefined && { zone: items[0].zone }),
  };
}

/** What an event obliges the writer to do beyond reconciling: a hook to complete, a notice to honour. */
function dutyOf(event: RebalancerEvent): Duty | undefined {
  if (event.kind === 'lifecycle-action')
    return {
      kind: 'hook',
      region: event.region,
      transition: event.transition,
      action: event.action,
      warmPool: event.warmPool,
      startedAt: Date.parse(event.time),
    };
  if (event.kind === 'interruption')
    return {
      kind: 'notice',
      region: event.region,
      instanceId: event.instanceId,
      notice: event.notice,
    };
  return undefined;
}

/** One duty per hook token and per noticed instance; for a hook seen twice, the one that knows most. */
export function uniqueDuties(duties: readonly Duty[]): Duty[] {
  const byKey = new Map<string, Duty>();
  for (const duty of duties) {
    const key =
      duty.kind === 'hook'
        ? `hook|${duty.action.lifecycleActionToken}`
        : duty.kind === 'notice'
          ? `notice|${duty.instanceId}`
          : `ramp|${duty.service}|${duty.region}`;
    const seen = byKey.get(key);
    // A later step due is the one still to wait for: a step due now is written by this reconcile.
    const knowsMore =
      seen === undefined ||
      (duty.kind === 'hook' &&
        seen.kind === 'hook' &&
        (duty.notBefore ?? 0) > (seen.notBefore ?? 0)) ||
      (duty.kind === 'ramp' && seen.kind === 'ramp' && duty.at > seen.at);
    if (knowsMore) byKey.set(key, duty);
  }
  return [...byKey.values()];
}
