import type { Command } from 'commander';
import { loadConfig } from '../../shared/formats/config/load.js';
import { regionsInScope, managedRoots } from '../../shared/domain/plan/roots.js';
import type { AccountSpec } from '../../shared/domain/accounts.js';
import { zoneSpecs } from '../../shared/domain/zones.js';
import type { Io } from '../io.js';

export interface SnapshotOptions {
  readonly config: string;
}

/**
 * `snapshot`: the live state as an offline state file, in the AWS CLI's own
 * shapes, so that `plan --state` (and `simulate`) can work from it later.
 */
export async function runSnapshot(options: SnapshotOptions, io: Io): Promise<number> {
  const spec = await loadConfig(options.config);
  const { accountAccess, liveAws } = await import('../live.js');
  const access = accountAccess(spec);
  // Member-account regions are read with their roles: the caller's credentials must be allowed to assume them.
  const aws = liveAws(spec.hostedZoneId, access);
  const regions = [...regionsInScope(spec)];
  // Each zone's records from its own managed names; each region once, whichever zones it serves.
  const zones = zoneSpecs(spec);
  const [zoneRecords, reads] = await Promise.all([
    Promise.all(
      zones.map((one) => aws.route53For(one.hostedZoneId).readRecords(managedRoots(one))),
    ),
    Promise.all(
      regions.map(async ([region, services]) => {
        const parts = await aws.readRegionRaw(region, services);
        return [
          region,
          {
            instances: { Reservations: parts.reservations },
            ...(parts.instanceTypes && { instanceTypes: { InstanceTypes: parts.instanceTypes } }),
            ...(parts.statuses && { instanceStatuses: { InstanceStatuses: parts.statuses } }),
            ...(parts.alarms && { alarms: { MetricAlarms: parts.alarms } }),
            ...(parts.autoScalingInstances && {
              autoScalingInstances: { AutoScalingInstances: parts.autoScalingInstances },
            }),
          },
        ] as const;
      }),
    ),
  ]);
  const recordSets =
    spec.zones === undefined
      ? { recordSets: { ResourceRecordSets: zoneRecords[0] ?? [] } }
      : {
          zones: Object.fromEntries(
            zones.map((one, i) => [
              one.hostedZoneId,
              { recordSets: { ResourceRecordSets: zoneRecords[i] ?? [] } },
            ]),
          ),
        };
  io.out(JSON.stringify({ ...recordSets, ...byAccount(reads, access.regions) }, null, 2));
  return 0;
}

/** The function's own regions under `regions`, each other account's under `accounts.<name>.regions`. */
function byAccount<T>(
  reads: readonly (readonly [string, T])[],
  accounts: ReadonlyMap<string, AccountSpec | undefined>,
): { regions: Record<string, T>; accounts?: Record<string, { regions: Record<string, T> }> } {
  const own: Record<string, T> = {};
  const members: Record<string, { regions: Record<string, T> }> = {};
  for (const [region, read] of reads) {
    const name = accounts.get(region)?.name;
    if (name === undefined) own[region] = read;
    else (members[name] ??= { regions: {} }).regions[region] = read;
  }
  return Object.keys(members).length === 0 ? { regions: own } : { regions: own, accounts: members };
}

export function registerSnapshot(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('snapshot')
    .description(
      'print the live state (records, instances, types, statuses, alarms, Auto Scaling lifecycle states) as an offline state file',
    )
    .requiredOption('-c, --config <file>', 'configuration file (YAML or JSON)')
    .addHelpText(
      'after',
      '\nExample:\n  npx rebalancer snapshot -c config.yaml > state.json && npx rebalancer plan -c config.yaml -s state.json',
    )
    .action(async (options: SnapshotOptions) => {
      done(await runSnapshot(options, io));
    });
}
