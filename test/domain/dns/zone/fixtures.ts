/** Builders for the zone model's tests: records and changes in Route 53's shape, briefly. */
import type {
  Change,
  ChangeBatch,
  ResourceRecordSet,
} from '../../../../shared/domain/dns/records.js';
import type { HostedZone, HostedZoneOptions } from '../../../../shared/domain/dns/zone/index.js';
import { createHostedZone } from '../../../../shared/domain/dns/zone/index.js';

export const ZONE_ID = 'Z123';

type Extra = Partial<ResourceRecordSet>;

export function simple(
  name: string,
  values: readonly string[] = ['192.0.2.1'],
  extra: Extra = {},
): ResourceRecordSet {
  return {
    Name: name,
    Type: 'A',
    TTL: 60,
    ResourceRecords: values.map((Value) => ({ Value })),
    ...extra,
  };
}

export function weighted(
  name: string,
  id: string,
  weight: number,
  values: readonly string[] = ['192.0.2.1'],
  extra: Extra = {},
): ResourceRecordSet {
  return simple(name, values, { SetIdentifier: id, Weight: weight, ...extra });
}

export function latency(
  name: string,
  id: string,
  region: string,
  extra: Extra = {},
): ResourceRecordSet {
  return simple(name, ['192.0.2.1'], { SetIdentifier: id, Region: region, ...extra });
}

/** An alias to a record in the same zone unless `HostedZoneId` says otherwise. */
export function alias(name: string, target: string, extra: Extra = {}): ResourceRecordSet {
  return {
    Name: name,
    Type: 'A',
    AliasTarget: { HostedZoneId: ZONE_ID, DNSName: target, EvaluateTargetHealth: false },
    ...extra,
  };
}

export function cname(name: string, target: string, extra: Extra = {}): ResourceRecordSet {
  return { Name: name, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: target }], ...extra };
}

export const create = (record: ResourceRecordSet): Change => ({
  Action: 'CREATE',
  ResourceRecordSet: record,
});
export const remove = (record: ResourceRecordSet): Change => ({
  Action: 'DELETE',
  ResourceRecordSet: record,
});
export const upsert = (record: ResourceRecordSet): Change => ({
  Action: 'UPSERT',
  ResourceRecordSet: record,
});

export function batch(...changes: Change[]): ChangeBatch {
  return { Changes: changes };
}

/** A zone `example.com.` with id ZONE_ID holding `records`. */
export function zoneOf(
  records: readonly ResourceRecordSet[] = [],
  options: Partial<HostedZoneOptions> = {},
): HostedZone {
  return createHostedZone({ zoneId: ZONE_ID, zoneName: 'example.com', ...options }, records);
}
