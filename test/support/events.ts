/** The documented sample events, and variations of them for one region or alarm. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'fixtures', 'events');

export function sampleEvent(
  name:
    | 'ec2-instance-state-change'
    | 'cloudwatch-alarm-state-change'
    | 'autoscaling-launch'
    | 'autoscaling-launch-lifecycle-action'
    | 'autoscaling-launch-lifecycle-action-warm-pool'
    | 'autoscaling-terminate-lifecycle-action'
    | 'ec2-spot-instance-interruption-warning'
    | 'ec2-instance-rebalance-recommendation'
    | 'scheduled',
): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

/** An EC2 state change for one instance in one region. */
export function stateChange(
  region: string,
  instanceId: string,
  state: string,
  id = `ev-${instanceId}-${state}`,
) {
  const event = sampleEvent('ec2-instance-state-change');
  return { ...event, id, region, detail: { 'instance-id': instanceId, state } };
}

/** A CloudWatch alarm state change. */
export function alarmChange(region: string, alarmName: string, state: string, previous: string) {
  const event = sampleEvent('cloudwatch-alarm-state-change');
  const detail = event.detail as Record<string, unknown>;
  return {
    ...event,
    id: `ev-${alarmName}-${state}`,
    region,
    detail: {
      ...detail,
      alarmName,
      state: { ...(detail.state as object), value: state },
      previousState: { ...(detail.previousState as object), value: previous },
    },
  };
}
