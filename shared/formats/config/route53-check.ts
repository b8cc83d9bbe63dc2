import * as v from 'valibot';
import type { HealthCheckProtocol, Route53CheckSpec } from '../../domain/health-checks/types.js';
import { HEALTH_CHECKER_REGIONS } from '../../domain/health-checks/limits.js';
import { flag, integerBetween, isPlainObject, strictMapping } from '../validation.js';

/*
 * A service's `health.route53`: the Route 53 health check the rebalancer
 * creates for each serving address (and, in grouped mode, a calculated check
 * per group). The schema checks each field; the rules between fields (path and
 * searchString by protocol, private addresses) are in route53Problems.
 */

const PROTOCOLS = [
  'HTTP',
  'HTTPS',
  'TCP',
  'HTTP_STR_MATCH',
  'HTTPS_STR_MATCH',
] as const satisfies readonly HealthCheckProtocol[];

const REGIONS_MESSAGE = `expected a list of at least 3 distinct health-checker regions of ${HEALTH_CHECKER_REGIONS.join(', ')}`;
const PATH_MESSAGE = 'expected a path starting with / (at most 255 characters)';
const SEARCH_MESSAGE = 'expected a non-empty string of at most 255 characters';

const checkerRegions = v.pipe(
  v.array(v.picklist(HEALTH_CHECKER_REGIONS, REGIONS_MESSAGE), REGIONS_MESSAGE),
  v.check((regions) => regions.length >= 3, REGIONS_MESSAGE),
  v.check((regions) => new Set(regions).size === regions.length, REGIONS_MESSAGE),
);

export const route53CheckSchema = strictMapping({
  protocol: v.picklist(PROTOCOLS, `expected ${PROTOCOLS.join(' | ')}`),
  port: integerBetween(1, 65535),
  path: v.nullish(
    v.pipe(
      v.string(PATH_MESSAGE),
      v.check((p) => p.startsWith('/') && p.length <= 255, PATH_MESSAGE),
    ),
  ),
  searchString: v.nullish(
    v.pipe(
      v.string(SEARCH_MESSAGE),
      v.check((s) => s.length >= 1 && s.length <= 255, SEARCH_MESSAGE),
    ),
  ),
  requestInterval: v.nullish(v.picklist([10, 30], 'expected 10 | 30')),
  failureThreshold: v.nullish(integerBetween(1, 10)),
  regions: v.nullish(checkerRegions),
  inverted: v.nullish(flag),
  // A calculated check has at most 256 children; a group has at most 100 members.
  groupHealthyMembers: v.nullish(integerBetween(1, 100)),
});

export type Route53CheckEntry = v.InferOutput<typeof route53CheckSchema>;

const DEFAULT_INTERVAL = 30;
const DEFAULT_FAILURE_THRESHOLD = 3;

/** The check's spec with every default filled in. */
export function route53SpecOf(entry: Route53CheckEntry): Route53CheckSpec {
  const http = entry.protocol !== 'TCP';
  return {
    protocol: entry.protocol,
    port: entry.port,
    path: http ? (entry.path ?? '/') : undefined,
    searchString: entry.searchString ?? undefined,
    requestInterval: entry.requestInterval ?? DEFAULT_INTERVAL,
    failureThreshold: entry.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD,
    regions: entry.regions ?? undefined,
    inverted: entry.inverted ?? false,
    groupHealthyMembers: entry.groupHealthyMembers ?? 1,
  };
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The rules between health.route53's fields and the rest of its service, one problem per line. */
export function route53Problems(input: unknown): string[] {
  const services = isPlainObject(input) && Array.isArray(input.services) ? input.services : [];
  return services.flatMap((service: unknown, index) => {
    if (!isPlainObject(service) || !isPlainObject(service.health)) return [];
    const check = service.health.route53;
    if (!isPlainObject(check)) return [];
    const at = `services[${index}].health.route53`;
    const problems: string[] = [];
    if (service.address === 'private') {
      problems.push(
        `${at}: Route 53 health checkers cannot reach private addresses (address: private); remove health.route53 or use public addresses`,
      );
    }
    if (isPlainObject(input) && Array.isArray(input.zones) && input.zones.length > 1)
      problems.push(
        `${at}: not available in a configuration of several zones (one deployment's checks are listed by owner, so each zone's reconcile would take the other zones' checks for orphans); use one zone per ownerId`,
      );
    const own = isPlainObject(input) && Array.isArray(input.zones) ? input.zones : [];
    if (own.some((zone: unknown) => isPlainObject(zone) && present(zone.account)))
      problems.push(
        `${at}: not available with zones[].account (health checks go through zoneAccount's role, and must live in the zone's account); name that account in zoneAccount instead`,
      );
    const protocol = check.protocol;
    if (protocol === 'TCP' && present(check.path))
      problems.push(`${at}.path: only allowed with protocol HTTP, HTTPS or a *_STR_MATCH`);
    const matching = protocol === 'HTTP_STR_MATCH' || protocol === 'HTTPS_STR_MATCH';
    if (matching && !present(check.searchString))
      problems.push(`${at}.searchString: required with protocol ${protocol}`);
    const known =
      typeof protocol === 'string' && (PROTOCOLS as readonly string[]).includes(protocol);
    if (known && !matching && present(check.searchString))
      problems.push(
        `${at}.searchString: only allowed with protocol HTTP_STR_MATCH or HTTPS_STR_MATCH`,
      );
    if (present(check.groupHealthyMembers) && !hasGroupedRegion(service.regions))
      problems.push(`${at}.groupHealthyMembers: only allowed when a region has mode grouped`);
    return problems;
  });
}

function hasGroupedRegion(regions: unknown): boolean {
  return (
    isPlainObject(regions) &&
    Object.values(regions).some((r) => isPlainObject(r) && r.mode === 'grouped')
  );
}
