import type { Alarm, Instance, InstanceState } from '../domain/fleet/fleet.js';

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
}

const ACCOUNT = '123456789012';

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
        [`arn:aws:ec2:${instance.region}:${ACCOUNT}:instance/${instance.id}`],
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
  };
}
