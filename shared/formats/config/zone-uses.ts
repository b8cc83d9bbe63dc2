import { displayName, normalizeName } from '../../domain/dns/names.js';
import type { AddressKind } from '../../domain/spec.js';
import { bareZoneId, isDnsName } from './schema.js';
import { isPlainObject } from '../validation.js';

/*
 * Which zones a service's records go to, read from the raw input so that the
 * cross-field checks and the loader agree. A reference that does not resolve
 * is left out here and reported by zone-checks.ts.
 */

/** A configured zone as far as the schema would accept it. */
export interface RawZone {
  readonly index: number;
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly private: boolean;
}

/** One resolved entry of a service's `zones` (or the one zone of a one-zone configuration). */
export interface ResolvedUse {
  /** Index in the top-level `zones`; -1 for the one zone of `hostedZoneId`. */
  readonly zone: number;
  /** Where the use is configured (the service when implicit). */
  readonly path: string;
  readonly address: AddressKind;
  readonly explicitAddress: boolean;
  readonly publicAllowed: boolean;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The top-level zones, or undefined for a one-zone configuration. */
export function rawZones(input: unknown): RawZone[] | undefined {
  if (!isPlainObject(input) || !Array.isArray(input.zones)) return undefined;
  return input.zones.map((zone: unknown, index): RawZone => {
    const entry = isPlainObject(zone) ? zone : {};
    const id = text(entry.id);
    const name = text(entry.name) === undefined ? undefined : normalizeName(entry.name as string);
    return {
      index,
      id: id === undefined ? undefined : bareZoneId(id),
      name: name !== undefined && isDnsName(name) ? name : undefined,
      private: entry.private === true,
    };
  });
}

/** How a zone is shown in a message: its id, and its name when known. */
export function zoneLabel(zone: RawZone): string {
  const id = zone.id ?? `zones[${zone.index}]`;
  return zone.name === undefined ? id : `${id} (${displayName(zone.name)})`;
}

/** The zones a reference (an id, or a name) picks out: one, none, or several sharing a name. */
export function zonesNamed(zones: readonly RawZone[], reference: string): RawZone[] {
  const byId = zones.filter((z) => z.id !== undefined && z.id === bareZoneId(reference));
  if (byId.length > 0) return byId;
  const name = normalizeName(reference);
  return zones.filter((z) => z.name === name);
}

/** True for `types: [A, AAAA]` (in either order). */
export function isDualStack(service: Record<string, unknown>): boolean {
  return Array.isArray(service.types) && service.types.length === 2;
}

/** The service's one record type when it has one ('A' for dual stack, which reads IPv4 from address). */
export function primaryType(service: Record<string, unknown>): 'A' | 'AAAA' {
  if (service.type === 'AAAA') return 'AAAA';
  const types = service.types;
  return Array.isArray(types) && types.length === 1 && types[0] === 'AAAA' ? 'AAAA' : 'A';
}

function defaultAddress(service: Record<string, unknown>, zone: RawZone | undefined): AddressKind {
  const own = service.address;
  if (own === 'public' || own === 'private' || own === 'ipv6') return own;
  if (primaryType(service) === 'AAAA') return 'ipv6';
  return zone?.private === true ? 'private' : 'public';
}

/** The zones the service's records go to, resolved; unresolvable entries are left out. */
export function resolveUses(
  service: Record<string, unknown>,
  at: string,
  zones: readonly RawZone[] | undefined,
): ResolvedUse[] {
  const explicit = service.address !== undefined && service.address !== null;
  if (zones === undefined || !Array.isArray(service.zones)) {
    const only = zones?.length === 1 ? zones[0] : undefined;
    if (zones !== undefined && only === undefined) return [];
    const address = defaultAddress(service, only);
    return [
      {
        zone: only?.index ?? -1,
        path: at,
        address,
        explicitAddress: explicit,
        publicAllowed: false,
      },
    ];
  }
  return service.zones.flatMap((use: unknown, i): ResolvedUse[] => {
    if (!isPlainObject(use) || typeof use.zone !== 'string') return [];
    const found = zonesNamed(zones, use.zone);
    const zone = found.length === 1 ? found[0] : undefined;
    if (zone === undefined) return [];
    const own = use.address;
    const address =
      own === 'public' || own === 'private' || own === 'ipv6' ? own : defaultAddress(service, zone);
    return [
      {
        zone: zone.index,
        path: `${at}.zones[${i}]`,
        address,
        explicitAddress: explicit || (own !== undefined && own !== null),
        publicAllowed: use.publicInPrivateZone === true,
      },
    ];
  });
}
