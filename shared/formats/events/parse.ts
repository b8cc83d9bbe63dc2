import type * as v from 'valibot';
import { parseOrThrow } from '../validation.js';
import { InputError } from '../../domain/errors.js';
import {
  alarmDetail,
  AUTO_SCALING_TYPES,
  autoScalingDetail,
  envelopeSchema,
  instanceStateDetail,
} from './schema.js';
import {
  INTERRUPTION_TYPES,
  isLifecycleActionType,
  parseInterruption,
  parseLifecycleAction,
  type InterruptionEvent,
  type LifecycleActionEvent,
} from './lifecycle.js';

export type {
  InterruptionEvent,
  LifecycleActionEvent,
  LifecyclePlace,
  SpotAction,
} from './lifecycle.js';

/** An event we act on, reduced to what it tells: where to look, never what to write. */
export type RebalancerEvent =
  | {
      readonly kind: 'instance-state';
      readonly id: string;
      readonly region: string;
      readonly instanceId: string;
      readonly state: string;
    }
  | {
      readonly kind: 'auto-scaling';
      readonly id: string;
      readonly region: string;
      readonly instanceId: string;
      readonly group: string;
      readonly detailType: string;
    }
  | LifecycleActionEvent
  | InterruptionEvent
  | {
      readonly kind: 'alarm';
      readonly id: string;
      readonly region: string;
      readonly alarmName: string;
      readonly state: string;
      readonly previous: string | undefined;
    }
  | { readonly kind: 'schedule'; readonly id: string; readonly region: string };

function check<T extends v.GenericSchema>(
  schema: T,
  value: unknown,
  source: string,
  prefix: string,
): v.InferOutput<T> {
  return parseOrThrow(schema, value, source, { prefix });
}

/**
 * Validates an EventBridge event and keeps what it says. Throws one InputError
 * naming every bad field, or saying which kinds of event we accept.
 */
export function parseEvent(value: unknown, source = 'event'): RebalancerEvent {
  const event = check(envelopeSchema, value, source, '');
  const type = event['detail-type'];
  if (event.source === 'aws.ec2' && type === 'EC2 Instance State-change Notification') {
    const detail = check(instanceStateDetail, event.detail, source, 'detail');
    return {
      kind: 'instance-state',
      id: event.id,
      region: event.region,
      instanceId: detail['instance-id'],
      state: detail.state,
    };
  }
  if (event.source === 'aws.ec2' && INTERRUPTION_TYPES.includes(type)) {
    return parseInterruption(event, source);
  }
  if (event.source === 'aws.autoscaling' && isLifecycleActionType(type)) {
    return parseLifecycleAction(event, type, source);
  }
  if (event.source === 'aws.autoscaling' && AUTO_SCALING_TYPES.some((known) => known === type)) {
    const detail = check(autoScalingDetail, event.detail, source, 'detail');
    return {
      kind: 'auto-scaling',
      id: event.id,
      region: event.region,
      instanceId: detail.EC2InstanceId,
      group: detail.AutoScalingGroupName,
      detailType: type,
    };
  }
  if (event.source === 'aws.cloudwatch' && type === 'CloudWatch Alarm State Change') {
    const detail = check(alarmDetail, event.detail, source, 'detail');
    return {
      kind: 'alarm',
      id: event.id,
      region: event.region,
      alarmName: detail.alarmName,
      state: detail.state.value,
      previous: detail.previousState?.value,
    };
  }
  if (event.source === 'aws.events' && type === 'Scheduled Event') {
    return { kind: 'schedule', id: event.id, region: event.region };
  }
  throw new InputError(source, [
    `unsupported event ${event.source} / ${type}: expected an EC2 instance state change, a Spot interruption warning or rebalance recommendation, an Auto Scaling launch, terminate or lifecycle action, a CloudWatch alarm state change or a scheduled event`,
  ]);
}
