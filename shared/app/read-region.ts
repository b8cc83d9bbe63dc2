import { toInstance, type RegionReads } from '../formats/aws-shapes.js';
import type { AlarmPort, AutoScalingPort, Ec2Port } from './ports.js';
import { hasTags, type Instance } from '../domain/fleet/fleet.js';
import { needsStatuses } from '../domain/fleet/health.js';
import type { ServiceSpec } from '../domain/spec.js';

/** The tag EC2 puts on every instance an Auto Scaling group launches. */
const GROUP_TAG = 'aws:autoscaling:groupName';

function unique<T>(values: readonly (T | undefined)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== undefined))];
}

/**
 * Reads one region for the services that run there, asking only for what
 * their configuration uses: instance types when capacity is not `equal`,
 * status checks when enabled (for running members only), alarms per distinct
 * prefix, Auto Scaling lifecycle states for the members a group launched.
 * Returns the raw AWS output, which is also what `snapshot` prints.
 */
export async function readRegionRaw(
  services: readonly ServiceSpec[],
  ec2: Ec2Port,
  alarms: AlarmPort,
  region: string,
  autoScaling?: AutoScalingPort,
): Promise<RegionReads> {
  const reservations = await ec2.describeMembers(services.map((s) => s.memberTags));
  const members = reservations
    .flatMap((r) => r.Instances ?? [])
    .map((raw) => toInstance(raw, region))
    .filter(
      (i): i is Instance => i !== undefined && services.some((s) => hasTags(i, s.memberTags)),
    );
  const needTypes = services.some((s) => s.capacity.source !== 'equal');
  const needStatus = services.some((s) => needsStatuses(s.health));
  // EC2 tags every instance a group launches; one not in a group follows EC2's rules alone.
  const grouped = members.filter((i) => i.tags[GROUP_TAG] !== undefined).map((i) => i.id);
  const prefixes = unique(services.map((s) => s.health.alarmNamePrefix));
  const [instanceTypes, statuses, alarmLists, lifecycle] = await Promise.all([
    needTypes ? ec2.describeInstanceTypes(unique(members.map((i) => i.instanceType))) : undefined,
    needStatus
      ? ec2.describeStatuses(members.filter((i) => i.state === 'running').map((i) => i.id))
      : undefined,
    prefixes.length > 0 ? Promise.all(prefixes.map((p) => alarms.alarmsInAlarm(p))) : undefined,
    autoScaling !== undefined && grouped.length > 0
      ? autoScaling.lifecycleStates(grouped)
      : undefined,
  ]);
  const byName = new Map((alarmLists ?? []).flat().map((a) => [a.AlarmName ?? '', a]));
  return {
    reservations,
    instanceTypes,
    statuses,
    alarms: alarmLists === undefined ? undefined : [...byName.values()],
    ...(lifecycle !== undefined && {
      autoScalingInstances: [...lifecycle].map(([InstanceId, info]) => ({
        InstanceId,
        AutoScalingGroupName: info.group,
        LifecycleState: info.state,
      })),
    }),
  };
}
