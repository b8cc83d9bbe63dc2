import {
  observationFrom,
  toInstance,
  type Ec2ReservationShape,
  type RegionReads,
} from '../formats/aws-shapes.js';
import type { AlarmPort, AutoScalingPort, Ec2Port } from './ports.js';
import { hasTags, type Instance, type RegionObservation } from '../domain/fleet/fleet.js';
import { needsStatuses } from '../domain/fleet/health.js';
import type { ServiceSpec } from '../domain/spec.js';

/** The tag EC2 puts on every instance an Auto Scaling group launches. */
const GROUP_TAG = 'aws:autoscaling:groupName';

function unique<T>(values: readonly (T | undefined)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== undefined))];
}

/** A region's reads but DescribeInstances, as AWS returned them. */
type Followups = Omit<RegionReads, 'reservations'>;

/**
 * What the region's members need read beyond DescribeInstances, asking only
 * for what the configuration uses: instance types when capacity is not
 * `equal`, status checks when enabled (for running members only), alarms per
 * distinct prefix, Auto Scaling lifecycle states for the members a group launched.
 */
async function readFollowups(
  services: readonly ServiceSpec[],
  members: readonly Instance[],
  ec2: Ec2Port,
  alarms: AlarmPort,
  autoScaling: AutoScalingPort | undefined,
): Promise<Followups> {
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

const isMemberOf =
  (services: readonly ServiceSpec[]) =>
  (i: Instance | undefined): i is Instance =>
    i !== undefined && services.some((s) => hasTags(i, s.memberTags));

/**
 * Reads one region for the services that run there and returns the raw AWS
 * output, which is also what `snapshot` prints (see readFollowups for what is asked).
 */
export async function readRegionRaw(
  services: readonly ServiceSpec[],
  ec2: Ec2Port,
  alarms: AlarmPort,
  region: string,
  autoScaling?: AutoScalingPort,
): Promise<RegionReads> {
  const reservations: readonly Ec2ReservationShape[] = await ec2.describeMembers(
    services.map((s) => s.memberTags),
  );
  const members = reservations
    .flatMap((r) => r.Instances ?? [])
    .map((raw) => toInstance(raw, region))
    .filter(isMemberOf(services));
  return {
    reservations,
    ...(await readFollowups(services, members, ec2, alarms, autoScaling)),
  };
}

/**
 * The tags the configuration reads: the member selectors, capacity overrides,
 * drains, readiness, the Auto Scaling group, and Name (for people). A fleet's
 * other tags (launch templates, stacks, cost centres) would only be held.
 */
function tagsRead(services: readonly ServiceSpec[]): Set<string> {
  return new Set([
    GROUP_TAG,
    'Name',
    ...services.flatMap((s) => [
      ...Object.keys(s.memberTags),
      ...[s.capacity.overrideTag, s.health.drainTag, s.health.readiness.tag?.key].filter(
        (key): key is string => key !== undefined,
      ),
    ]),
  ]);
}

function withTags(instance: Instance, keys: ReadonlySet<string>): Instance {
  const tags: Record<string, string> = {};
  for (const key in instance.tags) if (keys.has(key)) tags[key] = instance.tags[key] ?? '';
  return { ...instance, tags };
}

/**
 * The same read as the domain's observation, each DescribeInstances page
 * mapped as it arrives and let go: the SDK's instance objects (about 1.7 KB
 * each) are never held for the whole region, only their domain instances,
 * those of the services' members alone, with the tags the configuration reads.
 */
export async function readRegionObservation(
  services: readonly ServiceSpec[],
  ec2: Ec2Port,
  alarms: AlarmPort,
  region: string,
  autoScaling?: AutoScalingPort,
): Promise<RegionObservation> {
  const members: Instance[] = [];
  const isMember = isMemberOf(services);
  const keys = tagsRead(services);
  await ec2.eachMember(
    services.map((s) => s.memberTags),
    (raw) => {
      const instance = toInstance(raw, region);
      if (isMember(instance)) members.push(withTags(instance, keys));
    },
  );
  const followups = await readFollowups(services, members, ec2, alarms, autoScaling);
  return { ...observationFrom(region, { reservations: [], ...followups }), instances: members };
}
