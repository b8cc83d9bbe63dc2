/*
 * How AWS spells regions and zones, for the files that name them: a zone's
 * name is its region's name with a suffix, a letter (us-east-2a) or, for Local
 * and Wavelength Zones, a dash and more (us-east-1-bos-1a).
 */

const ZONE_SUFFIX = /^(?:[a-z]|-[a-z0-9-]*[a-z0-9])$/;

/** True when `zone` names an availability zone (or Local or Wavelength Zone) of `region`. */
export function zoneInRegion(zone: string, region: string): boolean {
  return zone.startsWith(region) && ZONE_SUFFIX.test(zone.slice(region.length));
}
