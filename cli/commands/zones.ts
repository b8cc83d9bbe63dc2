import { displayName } from '../../shared/domain/dns/names.js';
import type { ResourceRecordSet } from '../../shared/domain/dns/records.js';
import { InputError, RebalancerError } from '../../shared/domain/errors.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import { zonesOf, zoneSpec, zoneSpecs } from '../../shared/domain/zones.js';
import type { OfflineState } from '../../shared/formats/state-file.js';

/*
 * The commands work zone by zone: each hosted zone of the configuration is
 * planned (and written) with its own one-zone spec, as the writer does.
 */

/** The one-zone specs to run: every zone's, or only that of `--zone` (its id or name). */
export function zonesToRun(spec: RebalancerSpec, zone: string | undefined): RebalancerSpec[] {
  if (zone === undefined) return zoneSpecs(spec).filter((one) => one.services.length > 0);
  const named = zonesOf(spec).filter(
    (z) => z.id === zone || (z.name !== undefined && displayName(z.name) === displayName(zone)),
  );
  const only = named.length === 1 ? named[0] : undefined;
  if (only === undefined) {
    const known = zonesOf(spec)
      .map((z) => (z.name === undefined ? z.id : `${z.id} (${displayName(z.name)})`))
      .join(', ');
    const why =
      named.length === 0
        ? `unknown zone ${zone}`
        : `${zone} names ${named.length} zones; give its id`;
    throw new RebalancerError(`--zone: ${why} (configured: ${known})`);
  }
  return [zoneSpec(spec, only.id) as RebalancerSpec];
}

/**
 * The records a state file holds for a zone: `zones.<id>`, or the top-level
 * `recordSets` for the configuration's first zone. A zone the file does not
 * list is an error: planning it from nothing would create every record.
 */
export function recordsOfZone(
  state: OfflineState,
  one: RebalancerSpec,
  spec: RebalancerSpec,
  source: string,
): readonly ResourceRecordSet[] {
  const listed = state.zones?.get(one.hostedZoneId);
  if (listed !== undefined) return listed;
  if (
    one.hostedZoneId === spec.hostedZoneId &&
    (state.zones === undefined || state.records.length > 0)
  )
    return state.records;
  throw new InputError(source, [
    `zones.${one.hostedZoneId}: no record sets for hosted zone ${one.hostedZoneId} (list them as zones.${one.hostedZoneId}.recordSets, from aws route53 list-resource-record-sets)`,
  ]);
}

/** The heading of a zone's part of the text output. */
export function zoneHeading(one: RebalancerSpec): string {
  const name = one.zoneName === undefined ? '' : ` (${displayName(one.zoneName)})`;
  return `Hosted zone ${one.hostedZoneId}${name}`;
}
