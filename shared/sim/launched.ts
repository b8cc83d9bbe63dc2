import type { Instance } from '../domain/fleet/fleet.js';
import type { ServiceSpec } from '../domain/spec.js';
import type { Action } from '../formats/scenario.js';

/** A scenario's launch action. */
export type Launch = Extract<Action, { kind: 'launch' }>;

/** The Name tag of the `i`th instance of a launch, the `n`th the simulation launched. */
export function launchedName(action: Launch, service: ServiceSpec, n: number, i: number): string {
  if (action.name === undefined) return `${service.name}-${action.region}-launched-${n}`;
  return action.count === 1 ? action.name : `${action.name}-${i + 1}`;
}

/**
 * The `n`th instance the simulation launched, pending, with the service's
 * member tags: ids and addresses numbered from n, in ranges no state file's
 * example uses (i-5..., 203.0.113+, 10.255., 2001:db8:ffff::).
 */
export function launchedInstance(
  action: Launch,
  service: ServiceSpec,
  which: { readonly n: number; readonly name: string; readonly type: string },
  launchedAt: number,
): Instance {
  const { n } = which;
  return {
    id: `i-5${String(n).padStart(16, '0')}`,
    region: action.region,
    zone: action.zone,
    instanceType: which.type,
    state: 'pending',
    launchTime: new Date(launchedAt).toISOString(),
    tags: { ...service.memberTags, Name: which.name },
    publicIp: `203.0.${113 + Math.floor(n / 250)}.${n % 250}`,
    privateIp: `10.255.${Math.floor(n / 250)}.${n % 250}`,
    ipv6: `2001:db8:ffff::${n.toString(16)}`,
  };
}
