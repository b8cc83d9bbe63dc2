import * as v from 'valibot';
import { observationFrom, toRecordSet } from './aws-shapes.js';
import { readJson } from './json-text.js';
import { REGION_NAME } from './config/schema.js';
import { ACCOUNT_NAME } from './config/account-schema.js';
import { instanceProblems, recordSetProblems } from './state-checks.js';
import {
  flag,
  integerBetween,
  isPlainObject,
  looseMapping,
  parseOrThrow,
  readInputFile,
} from './validation.js';
import { INSTANCE_STATES, type RegionObservation } from '../domain/fleet/fleet.js';
import { isIPv4Address, isIPv6Address } from '../domain/dns/zone/index.js';
import type { ResourceRecordSet } from '../domain/dns/records.js';
import { InputError } from '../domain/errors.js';

/*
 * The offline state file: what the AWS CLI prints (--output json), unchanged,
 * so that a user can plan without AWS access. Only the fields we read are
 * checked; AWS output carries many more, and they pass through.
 */

export interface OfflineState {
  /** The records of the one zone (top-level `recordSets`); empty when the file only lists `zones`. */
  readonly records: readonly ResourceRecordSet[];
  /** Hosted zone id -> its records (`zones.<id>.recordSets`), for a configuration of several zones. */
  readonly zones?: ReadonlyMap<string, readonly ResourceRecordSet[]>;
  readonly regions: ReadonlyMap<string, RegionObservation>;
}

const text = v.string('expected a string');
const listOf = <TItem extends v.GenericSchema>(item: TItem) => v.array(item, 'expected a list');
const oneOf = <const T extends readonly [string, ...string[]]>(options: T) =>
  v.picklist(options, `expected one of ${options.join(' | ')}`);

const ipv4 = v.pipe(text, v.check(isIPv4Address, 'expected an IPv4 address'));
const ipv6 = v.pipe(text, v.check(isIPv6Address, 'expected an IPv6 address'));

const dimensions = v.optional(listOf(looseMapping({ Name: text, Value: text })));
const checkSummary = v.optional(
  looseMapping({
    Status: oneOf(['ok', 'impaired', 'initializing', 'insufficient-data', 'not-applicable']),
  }),
);

const instance = looseMapping({
  InstanceId: text,
  InstanceType: text,
  Placement: looseMapping({ AvailabilityZone: text }),
  State: looseMapping({
    Name: oneOf(INSTANCE_STATES),
  }),
  LaunchTime: v.optional(text),
  Tags: v.optional(listOf(looseMapping({ Key: text, Value: text }))),
  PublicIpAddress: v.optional(ipv4),
  PrivateIpAddress: v.optional(ipv4),
  Ipv6Address: v.optional(ipv6),
  NetworkInterfaces: v.optional(
    listOf(
      looseMapping({
        Ipv6Addresses: v.optional(listOf(looseMapping({ Ipv6Address: ipv6 }))),
      }),
    ),
  ),
});

const region = looseMapping({
  instances: looseMapping({ Reservations: listOf(looseMapping({ Instances: listOf(instance) })) }),
  instanceTypes: v.optional(
    looseMapping({
      InstanceTypes: listOf(
        looseMapping({
          InstanceType: text,
          VCpuInfo: looseMapping({ DefaultVCpus: integerBetween(1, 2 ** 31 - 1) }),
          MemoryInfo: looseMapping({ SizeInMiB: integerBetween(1, 2 ** 53 - 1) }),
        }),
      ),
    }),
  ),
  instanceStatuses: v.optional(
    looseMapping({
      InstanceStatuses: listOf(
        looseMapping({
          InstanceId: text,
          InstanceStatus: checkSummary,
          SystemStatus: checkSummary,
        }),
      ),
    }),
  ),
  // `aws autoscaling describe-auto-scaling-instances`: lifecycle states of the grouped members.
  autoScalingInstances: v.optional(
    looseMapping({
      AutoScalingInstances: listOf(
        looseMapping({ InstanceId: text, AutoScalingGroupName: text, LifecycleState: text }),
      ),
    }),
  ),
  alarms: v.optional(
    looseMapping({
      MetricAlarms: listOf(
        looseMapping({
          AlarmName: text,
          StateValue: oneOf(['OK', 'ALARM', 'INSUFFICIENT_DATA']),
          Dimensions: dimensions,
          Metrics: v.optional(
            listOf(
              looseMapping({
                MetricStat: v.optional(
                  looseMapping({ Metric: looseMapping({ Dimensions: dimensions }) }),
                ),
              }),
            ),
          ),
        }),
      ),
    }),
  ),
});

const record = looseMapping({
  Name: text,
  Type: text,
  SetIdentifier: v.optional(text),
  Weight: v.optional(integerBetween(0, 255)),
  Region: v.optional(text),
  Failover: v.optional(text),
  MultiValueAnswer: v.optional(flag),
  GeoLocation: v.optional(looseMapping({})),
  GeoProximityLocation: v.optional(looseMapping({})),
  CidrRoutingConfig: v.optional(looseMapping({})),
  TTL: v.optional(integerBetween(0, 2147483647)),
  ResourceRecords: v.optional(listOf(looseMapping({ Value: text }))),
  AliasTarget: v.optional(
    looseMapping({ HostedZoneId: text, DNSName: text, EvaluateTargetHealth: flag }),
  ),
  HealthCheckId: v.optional(text),
  TrafficPolicyInstanceId: v.optional(text),
});

const regionMap = v.pipe(
  v.custom<Record<string, unknown>>(isPlainObject, 'expected an object'),
  v.record(
    v.pipe(text, v.regex(REGION_NAME, 'expected an AWS region name like us-east-2')),
    region,
    'expected an object',
  ),
);

const recordSets = looseMapping({ ResourceRecordSets: listOf(record) });

const stateFileSchema = looseMapping({
  // One of recordSets (the one zone) and zones (several) at least: see parseStateFile.
  recordSets: v.optional(recordSets),
  zones: v.optional(
    v.pipe(
      v.custom<Record<string, unknown>>(isPlainObject, 'expected an object'),
      v.record(
        v.pipe(text, v.regex(/^Z[A-Z0-9]{1,32}$/, 'expected a hosted zone id like Z0EXAMPLE12345')),
        looseMapping({ recordSets }),
        'expected an object',
      ),
    ),
  ),
  // The function's own account (the credentials `snapshot` ran with).
  regions: regionMap,
  // Regions read in other accounts, by the configuration's account name.
  accounts: v.optional(
    v.pipe(
      v.custom<Record<string, unknown>>(isPlainObject, 'expected an object'),
      v.record(
        v.pipe(text, v.regex(ACCOUNT_NAME, 'expected an account name of the configuration')),
        looseMapping({ regions: regionMap }),
        'expected an object',
      ),
    ),
  ),
});

type ListedRegions = v.InferOutput<typeof regionMap>;

/** Every region of the file, wherever listed, and where each member account's is; a region listed twice is a problem. */
function allRegions(file: v.InferOutput<typeof stateFileSchema>): {
  regions: ListedRegions;
  paths: Map<string, string>;
  problems: string[];
} {
  const all: ListedRegions = { ...file.regions };
  const paths = new Map<string, string>();
  const problems: string[] = [];
  for (const [name, account] of Object.entries(file.accounts ?? {})) {
    for (const [region, read] of Object.entries(account.regions)) {
      const path = `accounts.${name}.regions.${region}`;
      const first =
        paths.get(region) ?? (Object.hasOwn(all, region) ? `regions.${region}` : undefined);
      if (first !== undefined) {
        problems.push(`${path}: region ${region} is listed twice (also ${first})`);
        continue;
      }
      all[region] = read;
      paths.set(region, path);
    }
  }
  return { regions: all, paths, problems };
}

/**
 * Parses and checks an offline state file; throws one InputError listing every
 * problem: first the JSON text's, then each field's, then what the fields
 * together cannot be (a record Route 53 would refuse, an instance listed twice).
 */
export function parseStateFile(json: string, source: string): OfflineState {
  const { problems, value } = readJson(json);
  if (problems.length > 0) throw new InputError(source, [...problems]);
  const file = parseOrThrow(stateFileSchema, value, source);
  const { regions, paths, problems: listed } = allRegions(file);
  if (file.recordSets === undefined && file.zones === undefined)
    throw new InputError(source, ['recordSets: required']);
  const records = (file.recordSets?.ResourceRecordSets ?? []).map(toRecordSet);
  const zones = Object.entries(file.zones ?? {}).map(
    ([id, zone]) => [id, zone.recordSets.ResourceRecordSets.map(toRecordSet)] as const,
  );
  const impossible = [
    ...listed,
    ...recordSetProblems(records),
    ...zones.flatMap(([id, list]) =>
      recordSetProblems(list, `zones.${id}.recordSets.ResourceRecordSets`),
    ),
    ...instanceProblems(regions, paths),
  ];
  if (impossible.length > 0) throw new InputError(source, impossible);
  return {
    records,
    ...(file.zones !== undefined && { zones: new Map(zones) }),
    regions: new Map(
      Object.entries(regions).map(([name, read]) => [
        name,
        observationFrom(name, {
          reservations: read.instances.Reservations,
          instanceTypes: read.instanceTypes?.InstanceTypes,
          statuses: read.instanceStatuses?.InstanceStatuses,
          alarms: read.alarms?.MetricAlarms,
          autoScalingInstances: read.autoScalingInstances?.AutoScalingInstances,
        }),
      ]),
    ),
  };
}

/** Reads and parses an offline state file; throws one InputError naming the path. */
export async function loadStateFile(path: string): Promise<OfflineState> {
  const json = await readInputFile(path, (problem) => new InputError(path, [problem]));
  return parseStateFile(json, path);
}
