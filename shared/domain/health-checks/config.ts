import type { AddressKind } from '../spec.js';
import type {
  HealthCheckConfig,
  HealthCheckSubject,
  OwnedHealthCheck,
  Route53CheckSpec,
} from './types.js';

/* What each check checks, and how checks are matched to the subjects they are for. */

export type EndpointConfig = Extract<HealthCheckConfig, { kind: 'endpoint' }>;
export type CalculatedConfig = Extract<HealthCheckConfig, { kind: 'calculated' }>;

/** The endpoint check of one address under the service's spec; a pure function of both. */
export function endpointConfig(spec: Route53CheckSpec, address: string): EndpointConfig {
  const http = spec.protocol !== 'TCP';
  const matching = spec.protocol === 'HTTP_STR_MATCH' || spec.protocol === 'HTTPS_STR_MATCH';
  return {
    kind: 'endpoint',
    type: spec.protocol,
    ipAddress: address,
    port: spec.port,
    resourcePath: http ? (spec.path ?? '/') : undefined,
    searchString: matching ? spec.searchString : undefined,
    requestInterval: spec.requestInterval,
    failureThreshold: spec.failureThreshold,
    regions: spec.regions === undefined ? undefined : [...spec.regions].sort(),
    inverted: spec.inverted,
  };
}

/** A group's calculated check: healthy while min(N, children) of its members' checks are. */
export function calculatedConfig(
  spec: Route53CheckSpec,
  childIds: readonly string[],
): CalculatedConfig {
  return {
    kind: 'calculated',
    childIds: [...childIds].sort(),
    healthThreshold: Math.min(spec.groupHealthyMembers, childIds.length),
    inverted: false,
  };
}

function sortedList(list: readonly string[] | undefined): string {
  return list === undefined ? '' : [...list].sort().join(',');
}

/**
 * True when an owned check's config does what the desired one asks (list order
 * aside). Regions are compared only when the desired config names them: for
 * Route 53's default set, what a check reports back may list every checker
 * region, and that must not make it look changed on every reconcile.
 */
export function matchesConfig(owned: HealthCheckConfig, desired: HealthCheckConfig): boolean {
  if (owned.kind === 'calculated' || desired.kind === 'calculated') {
    return (
      owned.kind === 'calculated' &&
      desired.kind === 'calculated' &&
      sortedList(owned.childIds) === sortedList(desired.childIds) &&
      owned.healthThreshold === desired.healthThreshold &&
      owned.inverted === desired.inverted
    );
  }
  return (
    owned.type === desired.type &&
    owned.ipAddress === desired.ipAddress &&
    owned.port === desired.port &&
    (owned.resourcePath ?? '') === (desired.resourcePath ?? '') &&
    (owned.searchString ?? '') === (desired.searchString ?? '') &&
    owned.requestInterval === desired.requestInterval &&
    owned.failureThreshold === desired.failureThreshold &&
    (desired.regions === undefined || sortedList(owned.regions) === sortedList(desired.regions)) &&
    owned.inverted === desired.inverted
  );
}

/** One key per subject: service, region and instance or group. */
export function subjectKey(subject: HealthCheckSubject): string {
  const what =
    subject.instanceId !== undefined ? `i:${subject.instanceId}` : `g:${subject.group ?? ''}`;
  return `${subject.service}\u0000${subject.region}\u0000${what}`;
}

/** The key of one service in one region, for the checks of that unit. */
export function unitOf(subject: HealthCheckSubject): string {
  return `${subject.service}\u0000${subject.region}`;
}

/** Owned checks by subject key, each list sorted by id, so every choice among them is stable. */
export function indexOwned(
  owned: readonly OwnedHealthCheck[],
): ReadonlyMap<string, readonly OwnedHealthCheck[]> {
  const index = new Map<string, OwnedHealthCheck[]>();
  for (const check of [...owned].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const key = subjectKey(check.subject);
    index.set(key, [...(index.get(key) ?? []), check]);
  }
  return index;
}

/** The address a check of this service looks at: the records' own address kind. */
export function checkedAddress(
  instance: {
    publicIp?: string | undefined;
    privateIp?: string | undefined;
    ipv6?: string | undefined;
  },
  kind: AddressKind,
): string | undefined {
  if (kind === 'public') return instance.publicIp;
  if (kind === 'private') return instance.privateIp;
  return instance.ipv6;
}
