import { isIPv4Address, isIPv6Address, ROUTE53_LIMITS } from '../domain/dns/zone/index.js';
import { displayName } from '../domain/dns/names.js';
import {
  POLICY_FIELDS,
  recordKey,
  routingPolicy,
  type ResourceRecordSet,
} from '../domain/dns/records.js';
import { zoneInRegion } from './regions.js';

/*
 * What a state file cannot hold, though each field on its own is well formed:
 * records Route 53 would never list (it refuses to store them) and instances
 * EC2 would never describe. Caught here, they are the file's fault, with its
 * path; caught later, the zone model's pre-flight blames the planner.
 */

const RECORDS = 'recordSets.ResourceRecordSets';
const MAX_SET_IDENTIFIER = ROUTE53_LIMITS.maxSetIdentifierLength;

function describe(record: ResourceRecordSet): string {
  const id = record.SetIdentifier === undefined ? '' : ` (SetIdentifier ${record.SetIdentifier})`;
  return `${displayName(record.Name)} ${record.Type}${id}`;
}

/** What makes one record impossible: its shape, its routing policy, its addresses. */
function recordProblems(record: ResourceRecordSet, path: string): string[] {
  const problems: string[] = [];
  const alias = record.AliasTarget !== undefined;
  const values = record.ResourceRecords ?? [];
  if (alias && record.TTL !== undefined) problems.push(`${path}: an alias record has no TTL`);
  if (alias && record.ResourceRecords !== undefined) {
    problems.push(`${path}: an alias record has no ResourceRecords`);
  }
  if (!alias && (record.TTL === undefined || values.length === 0)) {
    problems.push(`${path}: expected AliasTarget, or TTL and at least one of ResourceRecords`);
  }
  const policies = POLICY_FIELDS.filter((field) => record[field] !== undefined);
  const policy = routingPolicy(record);
  const id = record.SetIdentifier;
  if (policies.length > 1) {
    problems.push(`${path}: more than one routing policy (${policies.join(', ')})`);
  } else if (policy !== 'simple' && id === undefined) {
    problems.push(`${path}: a ${policy} record needs a SetIdentifier`);
  } else if (policy === 'simple' && id !== undefined) {
    problems.push(
      `${path}.SetIdentifier: only a record with a routing policy (${POLICY_FIELDS.join(', ')}) has one`,
    );
  }
  if (id !== undefined && (id.length === 0 || id.length > MAX_SET_IDENTIFIER)) {
    problems.push(`${path}.SetIdentifier: expected 1 to ${MAX_SET_IDENTIFIER} characters`);
  }
  if (alias && policy === 'multivalue') {
    problems.push(`${path}: a multivalue answer record cannot be an alias`);
  }
  const valid =
    record.Type === 'A' ? isIPv4Address : record.Type === 'AAAA' ? isIPv6Address : undefined;
  if (valid !== undefined) {
    const what = record.Type === 'A' ? 'an IPv4' : 'an IPv6';
    values.forEach(({ Value }, index) => {
      if (!valid(Value)) {
        problems.push(`${path}.ResourceRecords[${index}].Value: expected ${what} address`);
      }
    });
  }
  return problems;
}

/** Every record Route 53 could not hold, and every record listed twice (same name, type and SetIdentifier). */
export function recordSetProblems(
  records: readonly ResourceRecordSet[],
  at: string = RECORDS,
): string[] {
  const problems: string[] = [];
  const first = new Map<string, number>();
  records.forEach((record, index) => {
    const path = `${at}[${index}]`;
    problems.push(...recordProblems(record, path));
    const key = recordKey(record);
    const seen = first.get(key);
    if (seen === undefined) first.set(key, index);
    else problems.push(`${path}: duplicate record ${describe(record)} (also ${at}[${seen}])`);
  });
  return problems;
}

/** The parts of a state file's instance that the checks read. */
export interface ListedInstance {
  readonly InstanceId: string;
  readonly Placement: { readonly AvailabilityZone: string };
}

/** A region of a state file, as far as the checks read it. */
export interface ListedRegion {
  readonly instances: {
    readonly Reservations: readonly { readonly Instances: readonly ListedInstance[] }[];
  };
}

/**
 * Every instance listed twice (in any region or reservation: an id names one
 * instance) and every instance placed in a zone outside the region it is
 * listed under.
 */
export function instanceProblems(
  regions: Readonly<Record<string, ListedRegion>>,
  /** Where each region is listed, when not at `regions.<region>` (a member account's). */
  paths: ReadonlyMap<string, string> = new Map(),
): string[] {
  const problems: string[] = [];
  const first = new Map<string, string>();
  for (const [region, read] of Object.entries(regions)) {
    const at = paths.get(region) ?? `regions.${region}`;
    read.instances.Reservations.forEach((reservation, r) => {
      reservation.Instances.forEach((instance, i) => {
        const path = `${at}.instances.Reservations[${r}].Instances[${i}]`;
        const zone = instance.Placement.AvailabilityZone;
        if (!zoneInRegion(zone, region)) {
          problems.push(`${path}.Placement.AvailabilityZone: ${zone} is not in region ${region}`);
        }
        const seen = first.get(instance.InstanceId);
        if (seen === undefined) first.set(instance.InstanceId, path);
        else
          problems.push(
            `${path}.InstanceId: duplicate instance ${instance.InstanceId} (also ${seen})`,
          );
      });
    });
  }
  return problems;
}
