import { displayName, isAtOrBelow, normalizeName } from './names.js';
import type { RebalancerSpec } from '../spec.js';

/**
 * Why the spec's names do not fit the hosted zone Route 53 says it has, one
 * line each; empty when they fit. Every name must lie at or below the zone's
 * name, a regional name strictly below it (at the apex every read would cover
 * the whole zone), and a configured zoneName must be that name.
 */
export function zonePlacementProblems(spec: RebalancerSpec, zoneName: string): string[] {
  const zone = normalizeName(zoneName);
  const problems: string[] = [];
  if (spec.zoneName !== undefined && spec.zoneName !== zone)
    problems.push(
      `zoneName is ${displayName(spec.zoneName)}, but hosted zone ${spec.hostedZoneId} is ${displayName(zone)}`,
    );
  for (const service of spec.services) {
    if (!isAtOrBelow(service.recordName, zone))
      problems.push(
        `service ${service.name}: ${displayName(service.recordName)} is outside the hosted zone ${displayName(zone)}`,
      );
    for (const region of service.regions) {
      if (!isAtOrBelow(region.name, zone) || region.name === zone)
        problems.push(
          `service ${service.name}, ${region.region}: regional name ${displayName(region.name)} must lie below the hosted zone ${displayName(zone)}`,
        );
    }
  }
  return problems;
}
