import type { Alarm, Instance, InstanceState } from '../domain/fleet/fleet.js';
import type { LifecycleActionRef } from '../domain/fleet/lifecycle-action.js';

/**
 * The EventBridge events a simulation yields, in AWS's own shape, numbered in
 * the order made (`sim-000001`, ...) and timed from the simulation's t+0s.
 */
export interface SimEvents {
  /** One event of any kind: the envelope every other event, the groups' too, is built in. */
  readonly event: (
    region: string,
    detailType: string,
    source: string,
    detail: Record<string, unknown>,
    at: number,
    resources: string[],
  ) => unknown;
  /** EC2 Instance State-change Notification: the instance entered `state`. */
  instanceState(instance: Instance, state: InstanceState, at: number): unknown;
  /** CloudWatch Alarm State Change from `previous` to the alarm's state, as `region` sees it. */
  alarmState(alarm: Alarm, previous: Alarm['state'], region: string, at: number): unknown;
  /** EC2 Instance-launch or -terminate Lifecycle Action: a hook holds the instance. */
  lifecycleAction(
    instance: Instance,
    transition: 'launching' | 'terminating',
    action: LifecycleActionRef,
    at: number,
  ): unknown;
  /** EC2 Instance Launch Successful: the instance joined its group. */
  launchSuccessful(instance: Instance, group: string, at: number): unknown;
  /** EC2 Spot Instance Interruption Warning: EC2 takes the instance in two minutes. */
  spotInterruptionWarning(instance: Instance, at: number): unknown;
}

const ACCOUNT = '123456789012';

function groupArn(region: string, group: string): string {
  return `arn:aws:autoscaling:${region}:${ACCOUNT}:autoScalingGroup:00000000-0000-4000-8000-000000000000:autoScalingGroupName/${group}`;
}

const instanceArn = (instance: Instance) =>
  `arn:aws:ec2:${instance.region}:${ACCOUNT}:instance/${instance.id}`;

/** `epoch`: epoch milliseconds of t+0s; `at` in every event is seconds since then. */
export function simEvents(epoch: number): SimEvents {
  let count = 0;
  const iso = (at: number) => new Date(epoch + at * 1000).toISOString();
  const event: SimEvents['event'] = (region, detailType, source, detail, at, resources) => {
    count++;
    return {
      version: '0',
      id: `sim-${String(count).padStart(6, '0')}`,
      'detail-type': detailType,
      source,
      account: ACCOUNT,
      time: iso(at).replace('.000Z', 'Z'),
      region,
      resources,
      detail,
    };
  };
  return {
    event,
    instanceState: (instance, state, at) =>
      event(
        instance.region,
        'EC2 Instance State-change Notification',
        'aws.ec2',
        { 'instance-id': instance.id, state },
        at,
        [instanceArn(instance)],
      ),
    alarmState: (alarm, previous, region, at) =>
      event(
        region,
        'CloudWatch Alarm State Change',
        'aws.cloudwatch',
        {
          alarmName: alarm.name,
          state: { value: alarm.state, reason: 'simulated', timestamp: iso(at) },
          previousState: { value: previous },
          configuration: {
            metrics: alarm.instanceIds.map((id, i) => ({
              id: `m${i}`,
              metricStat: {
                metric: {
                  namespace: 'AWS/EC2',
                  name: 'StatusCheckFailed',
                  dimensions: { InstanceId: id },
                },
                period: 60,
                stat: 'Maximum',
              },
              returnData: true,
            })),
          },
        },
        at,
        [`arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${alarm.name}`],
      ),
    lifecycleAction: (instance, transition, action, at) => {
      const launching = transition === 'launching';
      return event(
        instance.region,
        launching
          ? 'EC2 Instance-launch Lifecycle Action'
          : 'EC2 Instance-terminate Lifecycle Action',
        'aws.autoscaling',
        {
          LifecycleActionToken: action.lifecycleActionToken,
          AutoScalingGroupName: action.autoScalingGroupName,
          LifecycleHookName: action.lifecycleHookName,
          EC2InstanceId: instance.id,
          LifecycleTransition: launching
            ? 'autoscaling:EC2_INSTANCE_LAUNCHING'
            : 'autoscaling:EC2_INSTANCE_TERMINATING',
          Origin: launching ? 'EC2' : 'AutoScalingGroup',
          Destination: launching ? 'AutoScalingGroup' : 'EC2',
        },
        at,
        [groupArn(instance.region, action.autoScalingGroupName)],
      );
    },
    launchSuccessful: (instance, group, at) =>
      event(
        instance.region,
        'EC2 Instance Launch Successful',
        'aws.autoscaling',
        {
          StatusCode: 'InProgress',
          AutoScalingGroupName: group,
          EC2InstanceId: instance.id,
          Details: { 'Availability Zone': instance.zone },
        },
        at,
        [groupArn(instance.region, group), instanceArn(instance)],
      ),
    // AWS's sample names the zone where the region goes in the other ARNs.
    spotInterruptionWarning: (instance, at) =>
      event(
        instance.region,
        'EC2 Spot Instance Interruption Warning',
        'aws.ec2',
        { 'instance-id': instance.id, 'instance-action': 'terminate' },
        at,
        [`arn:aws:ec2:${instance.zone}:instance/${instance.id}`],
      ),
  };
}
