import type { ResourceRecordSet } from '../dns/records.js';
import type { Instance } from '../fleet/fleet.js';
import type { Member } from '../fleet/members.js';
import type { RenderedRegion } from '../layout/render.js';
import type { ServiceSpec } from '../spec.js';
import { attachChecks, keepCurrentChecks } from './attach.js';
import { checkedAddress, endpointConfig, indexOwned } from './config.js';
import { matchEndpoint, regionChecks, type OwnedIndex } from './region-checks.js';
import type { OwnedHealthCheck } from './types.js';

/** Our health checks as read: every check with our owner tag, and the status of those that report one. */
export interface HealthCheckWorld {
  readonly owned: readonly OwnedHealthCheck[];
  /** Healthy or not by check id; a check without data yet is absent (and counts as healthy). */
  readonly statuses: ReadonlyMap<string, boolean>;
}

/** What planning one region needs of the checks: which instances fail theirs, and the ids on its records. */
export interface RegionChecks {
  /** Instance id -> the id of its check that reports it unhealthy. */
  readonly failing: (instances: readonly Instance[]) => ReadonlyMap<string, string>;
  readonly attach: (rendered: RenderedRegion, members: readonly Member[]) => RenderedRegion;
}

export interface CheckContext {
  readonly ownerId: string;
  /** Undefined when the checks could not be read. */
  readonly world: HealthCheckWorld | undefined;
  readonly owned: OwnedIndex;
}

/** The context every region's checks are judged in, the owned checks indexed once. */
export function checkContext(ownerId: string, world: HealthCheckWorld | undefined): CheckContext {
  return { ownerId, world, owned: indexOwned(world?.owned ?? []) };
}

/**
 * The region's checks: none for a service without health.route53 (its records
 * carry no id); the ids its records have now when the checks could not be read;
 * else the ids of the checks we own that match.
 */
export function regionChecksOf(
  context: CheckContext,
  service: ServiceSpec,
  region: string,
  current: readonly ResourceRecordSet[],
): RegionChecks | undefined {
  const spec = service.health.route53;
  if (spec === undefined) return undefined;
  const { world } = context;
  if (world === undefined) {
    return { failing: () => new Map(), attach: (rendered) => keepCurrentChecks(rendered, current) };
  }
  const input = {
    ownerId: context.ownerId,
    service: service.name,
    region,
    spec,
    owned: context.owned,
  };
  return {
    failing: (instances) => {
      const failing = new Map<string, string>();
      for (const instance of instances) {
        const address = checkedAddress(instance, service.address);
        if (address === undefined) continue;
        const subject = { service: service.name, region, instanceId: instance.id };
        const check = matchEndpoint(
          context.owned,
          subject,
          endpointConfig(spec, address),
        ).effective;
        if (check !== undefined && world.statuses.get(check.id) === false)
          failing.set(instance.id, check.id);
      }
      return failing;
    },
    attach: (rendered, members) =>
      attachChecks(rendered, members, regionChecks(input, members, rendered.groups)),
  };
}
