import { displayName, isAtOrBelow } from '../../domain/dns/names.js';
import { isPlainObject } from '../validation.js';
import { configuredNames, named, type ConfiguredName } from './name-trees.js';
import {
  isDualStack,
  primaryType,
  rawZones,
  resolveUses,
  zoneLabel,
  zonesNamed,
  type RawZone,
  type ResolvedUse,
} from './zone-uses.js';

/*
 * The rules of a configuration that names its hosted zones (`zones:`) and of
 * dual stack (`types:`). Like checks.ts they read the raw input and skip what
 * the schema already rejects. That two services do not claim the same names
 * in one zone is checks.ts's, which claims names per zone.
 */

function absent(value: unknown): boolean {
  return value === undefined || value === null;
}

function topLevelProblems(input: Record<string, unknown>, zones: RawZone[] | undefined): string[] {
  const problems: string[] = [];
  if (zones === undefined) {
    if (absent(input.hostedZoneId) && absent(input.zones)) problems.push('hostedZoneId: required');
    return problems;
  }
  if (!absent(input.hostedZoneId))
    problems.push('zones: give hostedZoneId (one zone) or zones (several), not both');
  if (!absent(input.zoneName))
    problems.push('zoneName: only with hostedZoneId; name each zone in zones[].name');
  const seen = new Map<string, number>();
  for (const zone of zones) {
    if (zone.id === undefined) continue;
    const first = seen.get(zone.id);
    if (first === undefined) seen.set(zone.id, zone.index);
    else
      problems.push(
        `zones[${zone.index}].id: duplicate hosted zone ${zone.id} (also zones[${first}])`,
      );
  }
  return problems;
}

function referenceProblems(
  service: Record<string, unknown>,
  at: string,
  zones: RawZone[] | undefined,
): string[] {
  if (zones === undefined)
    return absent(service.zones) ? [] : [`${at}.zones: only with a top-level zones list`];
  if (!Array.isArray(service.zones))
    return zones.length > 1 && absent(service.zones)
      ? [`${at}.zones: name the zones its records go to (the configuration has ${zones.length})`]
      : [];
  const used = new Map<number, string>();
  return service.zones.flatMap((use: unknown, i): string[] => {
    if (!isPlainObject(use) || typeof use.zone !== 'string' || use.zone === '') return [];
    const where = `${at}.zones[${i}].zone`;
    const found = zonesNamed(zones, use.zone);
    const zone = found[0];
    if (zone === undefined) {
      const configured = zones.map(zoneLabel).join(', ');
      return [`${where}: unknown zone ${use.zone} (configured: ${configured})`];
    }
    // Two zones of one id are reported once, at zones[].
    if (found.length > 1 && found.every((z) => z.id === zone.id)) return [];
    if (found.length > 1) {
      const which = found.map((z) => `zones[${z.index}]`).join(', ');
      return [`${where}: ${use.zone} names ${found.length} zones (${which}); give the zone's id`];
    }
    const first = used.get(zone.index);
    if (first !== undefined)
      return [`${where}: zone ${zoneLabel(zone)} is already used by ${first}`];
    used.set(zone.index, `${at}.zones[${i}]`);
    return [];
  });
}

function addressProblems(
  service: Record<string, unknown>,
  at: string,
  uses: readonly ResolvedUse[],
  zones: RawZone[] | undefined,
): string[] {
  const dual = isDualStack(service);
  const type = primaryType(service);
  return uses.flatMap((use): string[] => {
    const zone = use.zone < 0 ? undefined : zones?.[use.zone];
    const where = `${use.path}.address`;
    if (dual && use.address === 'ipv6')
      return [
        `${where}: types [A, AAAA] reads IPv4 from address (public | private) and IPv6 from each instance's IPv6 address`,
      ];
    // The service's own address against its type is checks.ts's rule; here, a zone's.
    if (use.path !== at) {
      if (type === 'A' && use.address === 'ipv6') return [`${where}: ipv6 needs type AAAA`];
      if (type === 'AAAA' && use.address !== 'ipv6')
        return [`${where}: type AAAA needs address ipv6`];
    }
    if (zone?.private === true && use.address === 'public' && !use.publicAllowed)
      return [
        `${where}: public addresses in the private zone ${zoneLabel(zone)} (zones[${zone.index}]); set publicInPrivateZone: true if that is meant`,
      ];
    return [];
  });
}

function placementProblem(name: ConfiguredName, zone: RawZone, use: ResolvedUse): string[] {
  if (zone.name === undefined) return [];
  const label = `the hosted zone ${displayName(zone.name)} (zones[${zone.index}])`;
  if (!isAtOrBelow(name.name, zone.name))
    return [`${use.path}: ${named(name)} (${name.path}) is outside ${label}`];
  if (name.regional && name.name === zone.name)
    return [
      `${use.path}: ${named(name)} (${name.path}) is the apex of ${label}; a regional name must lie below it`,
    ];
  return [];
}

function typeProblems(service: Record<string, unknown>, at: string): string[] {
  if (!absent(service.type) && !absent(service.types))
    return [`${at}.types: give type or types, not both`];
  return [];
}

/** Problems of `zones`, of each service's `zones` and `types`, and of names outside the zones they go to. */
export function zoneProblems(input: unknown): string[] {
  if (!isPlainObject(input)) return [];
  const zones = rawZones(input);
  const problems = topLevelProblems(input, zones);
  const names = configuredNames(input);
  const services = Array.isArray(input.services) ? input.services : [];
  const used = new Set<number>();
  services.forEach((service: unknown, index) => {
    if (!isPlainObject(service)) return;
    const at = `services[${index}]`;
    const uses = resolveUses(service, at, zones);
    for (const use of uses) used.add(use.zone);
    const own = names.filter((n) => n.path.startsWith(`${at}.`));
    problems.push(
      ...typeProblems(service, at),
      ...referenceProblems(service, at, zones),
      ...addressProblems(service, at, uses, zones),
      ...uses.flatMap((use) => {
        const zone = use.zone < 0 ? undefined : zones?.[use.zone];
        return zone === undefined ? [] : own.flatMap((n) => placementProblem(n, zone, use));
      }),
    );
  });
  // The writers' IAM policy names only the zones services write into: a zone no service
  // uses could not even be read, and every reconcile of it (the schedule sweeps each
  // zone) would fail with AccessDenied.
  // Said once the services' own zone lists are right, which decide what is used.
  if (services.length > 0 && problems.length === 0)
    for (const zone of zones ?? [])
      if (!used.has(zone.index))
        problems.push(
          `zones[${zone.index}]: no service writes into ${zoneLabel(zone)}; list it in a service's zones, or remove it`,
        );
  return problems;
}

/** The zone keys a service claims names in, for checks.ts: '' for the one zone of hostedZoneId. */
export function claimedZones(
  input: unknown,
  service: Record<string, unknown>,
  at: string,
): string[] {
  const zones = isPlainObject(input) ? rawZones(input) : undefined;
  return resolveUses(service, at, zones).map((use) => {
    const zone = use.zone < 0 ? undefined : zones?.[use.zone];
    return zone === undefined ? '' : (zone.id ?? `zones[${zone.index}]`);
  });
}
