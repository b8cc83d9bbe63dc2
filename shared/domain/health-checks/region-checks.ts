import type { Member } from '../fleet/members.js';
import type { GroupRow } from '../layout/render.js';
import type { Route53CheckSpec } from './types.js';
import type { DesiredHealthCheck, HealthCheckSubject, OwnedHealthCheck } from './types.js';
import { calculatedConfig, endpointConfig, matchesConfig, subjectKey } from './config.js';
import type { EndpointConfig } from './config.js';
import { callerReference } from './reference.js';

/*
 * The checks one region of one service needs, matched against those we own:
 * an endpoint check per running member's address (weight-0 records keep
 * theirs, so an instance whose check fails can be seen to recover), and in
 * grouped mode a calculated check per group over its members' endpoint checks.
 */

export type OwnedIndex = ReadonlyMap<string, readonly OwnedHealthCheck[]>;

export interface RegionCheckInput {
  readonly ownerId: string;
  readonly service: string;
  readonly region: string;
  readonly spec: Route53CheckSpec;
  readonly owned: OwnedIndex;
}

export interface RegionCheckLookup {
  /** Every check the region needs, in creation order (endpoints before the groups over them). */
  readonly desired: readonly DesiredHealthCheck[];
  /** Desired checks no owned check matches yet: to create. */
  readonly missing: readonly DesiredHealthCheck[];
  /** Group checks that cannot be created until their members' checks exist. */
  readonly waiting: number;
  /** Owned checks that match a desired one exactly. */
  readonly kept: readonly string[];
  /** Instance id -> the existing check its record names. */
  readonly endpointIdOf: ReadonlyMap<string, string>;
  /** Group label -> the existing check its weighted alias names. */
  readonly groupIdOf: ReadonlyMap<string, string>;
}

export interface EndpointMatch {
  /** The owned check with exactly the desired config. */
  readonly exact: OwnedHealthCheck | undefined;
  /** What the record names now: the exact one, else an older check of the same address (a settings change not yet replaced). */
  readonly effective: OwnedHealthCheck | undefined;
  /** An older check of the subject, which a new one replaces. */
  readonly replaced: OwnedHealthCheck | undefined;
}

/** The owned check matching an instance's endpoint config, and the one its record should name meanwhile. */
export function matchEndpoint(
  owned: OwnedIndex,
  subject: HealthCheckSubject,
  config: EndpointConfig,
): EndpointMatch {
  const mine = owned.get(subjectKey(subject)) ?? [];
  const exact = mine.find((c) => matchesConfig(c.config, config));
  const replaced = mine.find((c) => c !== exact);
  const sameAddress = mine.find(
    (c) => c.config.kind === 'endpoint' && c.config.ipAddress === config.ipAddress,
  );
  return { exact, effective: exact ?? sameAddress, replaced };
}

/**
 * Every running member with an address gets a check, serving or not: a booting
 * one's check has data by the time it serves, and one in Standby keeps its
 * check, whose CallerReference Route 53 would refuse to reuse once deleted.
 */
function hasEndpoint(member: Member): boolean {
  return member.health.status !== 'not-running' && member.health.status !== 'no-address';
}

function endpointChecks(input: RegionCheckInput, members: readonly Member[]) {
  const desired: DesiredHealthCheck[] = [];
  const missing: DesiredHealthCheck[] = [];
  const kept: string[] = [];
  const exactIdOf = new Map<string, string>();
  const endpointIdOf = new Map<string, string>();
  for (const member of members) {
    if (!hasEndpoint(member) || member.address === undefined) continue;
    const subject = {
      service: input.service,
      region: input.region,
      instanceId: member.instance.id,
    };
    const config = endpointConfig(input.spec, member.address);
    const match = matchEndpoint(input.owned, subject, config);
    const generation = [member.instance.launchTime ?? '', match.replaced?.id ?? ''];
    const check = {
      subject,
      config,
      callerReference: callerReference(input.ownerId, subject, config, generation),
    };
    desired.push(check);
    if (match.exact === undefined) missing.push(check);
    else {
      kept.push(match.exact.id);
      exactIdOf.set(member.instance.id, match.exact.id);
    }
    if (match.effective !== undefined) endpointIdOf.set(member.instance.id, match.effective.id);
  }
  return { desired, missing, kept, exactIdOf, endpointIdOf };
}

/** The checks a region needs and which of ours match them; a pure function of its inputs. */
export function regionChecks(
  input: RegionCheckInput,
  members: readonly Member[],
  groups: readonly GroupRow[],
): RegionCheckLookup {
  const endpoints = endpointChecks(input, members);
  const desired = [...endpoints.desired];
  const missing = [...endpoints.missing];
  const kept = [...endpoints.kept];
  const groupIdOf = new Map<string, string>();
  let waiting = 0;
  for (const group of groups) {
    const subject = { service: input.service, region: input.region, group: group.label };
    const mine = input.owned.get(subjectKey(subject)) ?? [];
    const children = group.members.map((id) => endpoints.exactIdOf.get(id));
    const childIds = children.filter((id): id is string => id !== undefined);
    if (childIds.length < children.length || childIds.length === 0) {
      waiting++;
      const old = mine[0];
      if (old !== undefined) groupIdOf.set(group.label, old.id);
      continue;
    }
    const config = calculatedConfig(input.spec, childIds);
    const exact = mine.find((c) => matchesConfig(c.config, config));
    const replaced = mine.find((c) => c !== exact);
    const generation = [replaced?.id ?? ''];
    const check = {
      subject,
      config,
      callerReference: callerReference(input.ownerId, subject, config, generation),
    };
    desired.push(check);
    if (exact === undefined) missing.push(check);
    else kept.push(exact.id);
    const effective = exact ?? replaced;
    if (effective !== undefined) groupIdOf.set(group.label, effective.id);
  }
  return { desired, missing, waiting, kept, endpointIdOf: endpoints.endpointIdOf, groupIdOf };
}
