import { parseOrThrow } from '../validation.js';
import { InputError } from '../../domain/errors.js';
import type { LifecycleActionRef } from '../../domain/fleet/lifecycle-action.js';
import {
  LIFECYCLE_ACTION_TYPES,
  LIFECYCLE_TRANSITIONS,
  lifecycleActionEvent,
  rebalanceRecommendationEvent,
  spotInterruptionEvent,
  type LIFECYCLE_PLACES,
  type SPOT_ACTIONS,
} from './schema.js';

/*
 * The events that say an instance is about to join or leave: Auto Scaling's
 * lifecycle actions (a hook holds the instance until completed) and EC2's
 * interruption notices. Each starts a deadline, so each keeps its time.
 */

export type LifecyclePlace = (typeof LIFECYCLE_PLACES)[number];
export type SpotAction = (typeof SPOT_ACTIONS)[number];
export type LifecycleActionType = keyof typeof LIFECYCLE_ACTION_TYPES;

/** An Auto Scaling hook holds the instance (Pending:Wait or Terminating:Wait) until completed. */
export interface LifecycleActionEvent {
  readonly kind: 'lifecycle-action';
  readonly id: string;
  readonly region: string;
  readonly transition: 'launching' | 'terminating';
  readonly action: LifecycleActionRef;
  readonly origin: LifecyclePlace | undefined;
  readonly destination: LifecyclePlace | undefined;
  /**
   * Into or within the warm pool, or out of it but not into the group: no
   * serving address is added or drained. Out of the pool into the group is a
   * launch into service, and out of the group into the pool (reuse on scale
   * in) takes a serving instance out: both wait for the records like any other.
   */
  readonly warmPool: boolean;
  /** When the action started (ISO 8601): the hook's heartbeat timeout runs from here. */
  readonly time: string;
}

/** EC2 takes the instance away: a Spot warning (about two minutes ahead) or an earlier rebalance recommendation. */
export interface InterruptionEvent {
  readonly kind: 'interruption';
  readonly id: string;
  readonly region: string;
  readonly instanceId: string;
  readonly notice: 'spot-interruption' | 'rebalance-recommendation';
  /** What EC2 will do; a Spot warning says, a rebalance recommendation does not. */
  readonly action: SpotAction | undefined;
  /** When EC2 sent the notice (ISO 8601). */
  readonly time: string;
}

/** The envelope fields every event has, already checked. */
interface Envelope {
  readonly id: string;
  readonly region: string;
  readonly 'detail-type': string;
}

export const INTERRUPTION_TYPES: readonly string[] = [
  'EC2 Spot Instance Interruption Warning',
  'EC2 Instance Rebalance Recommendation',
];

export function isLifecycleActionType(type: string): type is LifecycleActionType {
  return Object.hasOwn(LIFECYCLE_ACTION_TYPES, type);
}

/** Reads a lifecycle action whose detail-type is `type`; its transition must match it. */
export function parseLifecycleAction(
  event: Envelope,
  type: LifecycleActionType,
  source: string,
): LifecycleActionEvent {
  const { time, detail } = parseOrThrow(lifecycleActionEvent, event, source);
  const expected = LIFECYCLE_ACTION_TYPES[type];
  if (detail.LifecycleTransition !== expected) {
    throw new InputError(source, [
      `detail.LifecycleTransition: expected ${expected} in an ${type}, got ${detail.LifecycleTransition}`,
    ]);
  }
  const { Origin: origin, Destination: destination } = detail;
  return {
    kind: 'lifecycle-action',
    id: event.id,
    region: event.region,
    transition: LIFECYCLE_TRANSITIONS[detail.LifecycleTransition],
    action: {
      autoScalingGroupName: detail.AutoScalingGroupName,
      lifecycleHookName: detail.LifecycleHookName,
      lifecycleActionToken: detail.LifecycleActionToken,
      instanceId: detail.EC2InstanceId,
    },
    origin,
    destination,
    warmPool:
      (origin === 'WarmPool' || destination === 'WarmPool') &&
      origin !== 'AutoScalingGroup' &&
      destination !== 'AutoScalingGroup',
    time,
  };
}

/** Reads a Spot interruption warning or a rebalance recommendation (one of INTERRUPTION_TYPES). */
export function parseInterruption(event: Envelope, source: string): InterruptionEvent {
  const common = { kind: 'interruption', id: event.id, region: event.region } as const;
  if (event['detail-type'] === 'EC2 Spot Instance Interruption Warning') {
    const { time, detail } = parseOrThrow(spotInterruptionEvent, event, source);
    return {
      ...common,
      instanceId: detail['instance-id'],
      notice: 'spot-interruption',
      action: detail['instance-action'],
      time,
    };
  }
  const { time, detail } = parseOrThrow(rebalanceRecommendationEvent, event, source);
  return {
    ...common,
    instanceId: detail['instance-id'],
    notice: 'rebalance-recommendation',
    action: undefined,
    time,
  };
}
