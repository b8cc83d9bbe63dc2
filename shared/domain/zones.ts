import type { RebalancerSpec, ServiceSpec, ZoneSpec } from './spec.js';

/*
 * A configuration of several hosted zones is planned one zone at a time: each
 * zone gets the spec of a one-zone configuration holding the services whose
 * records go there, each with the address kind that zone gets. The same
 * service in two zones is the same record tree rendered twice.
 */

/** The zones of a spec: those it names, or its one hosted zone. */
export function zonesOf(spec: RebalancerSpec): readonly ZoneSpec[] {
  if (spec.zones !== undefined) return spec.zones;
  return [
    {
      id: spec.hostedZoneId,
      ...(spec.zoneName !== undefined && { name: spec.zoneName }),
      private: false,
    },
  ];
}

function inZone(service: ServiceSpec, zone: string): ServiceSpec | undefined {
  const use = service.zones?.find((z) => z.zone === zone);
  if (use === undefined) return undefined;
  const projected: { -readonly [K in keyof ServiceSpec]: ServiceSpec[K] } = {
    ...service,
    address: use.address,
  };
  delete projected.zones;
  return projected;
}

/** The one-zone spec of `zoneId`: its services only, each with that zone's address kind; undefined for a zone not configured. */
export function zoneSpec(spec: RebalancerSpec, zoneId: string): RebalancerSpec | undefined {
  if (spec.zones === undefined) return zoneId === spec.hostedZoneId ? spec : undefined;
  const zone = spec.zones.find((z) => z.id === zoneId);
  if (zone === undefined) return undefined;
  const projected: { -readonly [K in keyof RebalancerSpec]: RebalancerSpec[K] } = {
    ...spec,
    hostedZoneId: zone.id,
    services: spec.services.flatMap((s) => {
      const one = inZone(s, zone.id);
      return one === undefined ? [] : [one];
    }),
  };
  delete projected.zones;
  delete projected.zoneName;
  if (zone.name !== undefined) projected.zoneName = zone.name;
  if (zone.account !== undefined) projected.zoneAccount = zone.account;
  return projected;
}

/** One one-zone spec per zone, in configuration order; a one-zone spec is returned as it is. */
export function zoneSpecs(spec: RebalancerSpec): RebalancerSpec[] {
  if (spec.zones === undefined) return [spec];
  return spec.zones.map((z) => zoneSpec(spec, z.id) as RebalancerSpec);
}

/** True for a spec the planner can take: one hosted zone, services without zone lists. */
export function isOneZone(spec: RebalancerSpec): boolean {
  return spec.zones === undefined && spec.services.every((s) => s.zones === undefined);
}
