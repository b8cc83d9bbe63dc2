import type { ResourceRecordSet } from '../dns/records.js';

/**
 * How records say who wrote them. Records with a routing policy carry the
 * owner in their SetIdentifier (`<ownerId>/<key>`); the simple multi-value
 * group records cannot, so a TXT marker at the same name vouches for them and
 * is written and removed in the same batch. Two deployments with different
 * owner ids therefore never claim each other's records.
 */

export const ownershipMarkerType = 'TXT';

export const HERITAGE = 'route53-rebalancer';

/**
 * The SetIdentifier of a record this owner writes for `key` (a region, instance
 * id or group). Joined, not concatenated: V8 makes `a + b` (a template too) of
 * 13 characters or more a rope pointing at both parts, flattened into a second
 * string the first time it is hashed and reached through the rope ever after.
 * A plan hashes and sorts these by the ten thousand, and reaching each through
 * its rope cost 170 ns an identifier in the diff's sort at 40k instances
 * (memory the processor no longer had cached), 25 ns joined.
 */
export function ownedSetIdentifier(ownerId: string, key: string): string {
  return [ownerId, key].join('/');
}

/** The key of a SetIdentifier this owner wrote, or undefined when someone else wrote it. */
export function ownedKey(setIdentifier: string | undefined, ownerId: string): string | undefined {
  const prefix = `${ownerId}/`;
  return setIdentifier?.startsWith(prefix) === true
    ? setIdentifier.slice(prefix.length)
    : undefined;
}

function markerValue(ownerId: string): string {
  return `"heritage=${HERITAGE},owner=${ownerId}"`;
}

/** The TXT record that marks the simple records at `name` as this owner's (fields in API order). */
export function ownershipMarker(name: string, ownerId: string, ttl: number): ResourceRecordSet {
  // Written in API order already (RECORD_SET_FIELDS): one per group, so no recordSet() pass.
  return {
    Name: name,
    Type: ownershipMarkerType,
    TTL: ttl,
    ResourceRecords: [{ Value: markerValue(ownerId) }],
  };
}

/** True for this owner's marker record. */
export function isOwnershipMarker(record: ResourceRecordSet, ownerId: string): boolean {
  return (
    record.Type === ownershipMarkerType &&
    record.SetIdentifier === undefined &&
    record.ResourceRecords?.length === 1 &&
    record.ResourceRecords[0]?.Value === markerValue(ownerId)
  );
}
