import * as v from 'valibot';
import { INSTANCE_STATES } from '../../domain/fleet/fleet.js';
import { looseMapping } from '../validation.js';

/*
 * EventBridge events as AWS documents them. Only the fields we read are
 * checked; real events carry more and they pass through.
 */

const text = v.string('expected a string');
const nonEmpty = v.pipe(text, v.minLength(1, 'expected a non-empty string'));

export const envelopeSchema = looseMapping({
  id: nonEmpty,
  'detail-type': nonEmpty,
  source: nonEmpty,
  region: v.pipe(
    text,
    v.regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'expected an AWS region like us-east-2'),
  ),
  time: v.optional(text),
  /** The account the event happened in: forwarded events keep theirs (shared/app/event-accounts.ts). */
  account: v.optional(v.pipe(text, v.regex(/^\d{12}$/, 'expected a 12-digit AWS account id'))),
  detail: looseMapping({}),
});

export const instanceStateDetail = looseMapping({
  'instance-id': nonEmpty,
  state: v.picklist(INSTANCE_STATES, `expected one of ${INSTANCE_STATES.join(' | ')}`),
});

/** Bounded like the Auto Scaling API's own names (1 to 255 characters). */
const asgName = v.pipe(
  text,
  v.minLength(1, 'expected a non-empty string'),
  v.maxLength(255, 'expected at most 255 characters'),
);

/** EC2's ids: i- and 8 or 17 hex digits. */
const instanceId = v.pipe(
  text,
  v.regex(
    /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/,
    'expected an EC2 instance id like i-0123456789abcdef0',
  ),
);

const TIME_MESSAGE = 'expected a UTC time like 2026-11-22T22:02:11Z';

/** The envelope's time, required where it dates a deadline; normalised to toISOString. */
const eventTime = v.pipe(
  text,
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/, TIME_MESSAGE),
  // Date rolls 2026-02-30 over to March: only a time that reads back the same is real.
  v.check((t) => {
    const date = new Date(t);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 19) === t.slice(0, 19);
  }, TIME_MESSAGE),
  v.transform((t) => new Date(t).toISOString()),
);

/** A lifecycle action's detail-type, and the transition it must carry. */
export const LIFECYCLE_ACTION_TYPES = {
  'EC2 Instance-launch Lifecycle Action': 'autoscaling:EC2_INSTANCE_LAUNCHING',
  'EC2 Instance-terminate Lifecycle Action': 'autoscaling:EC2_INSTANCE_TERMINATING',
} as const;

export const LIFECYCLE_TRANSITIONS = {
  'autoscaling:EC2_INSTANCE_LAUNCHING': 'launching',
  'autoscaling:EC2_INSTANCE_TERMINATING': 'terminating',
} as const;

const TRANSITION_NAMES = Object.keys(
  LIFECYCLE_TRANSITIONS,
) as (keyof typeof LIFECYCLE_TRANSITIONS)[];

/** Where a lifecycle action moves an instance from and to. */
export const LIFECYCLE_PLACES = ['EC2', 'AutoScalingGroup', 'WarmPool'] as const;

const place = v.optional(
  v.picklist(LIFECYCLE_PLACES, `expected one of ${LIFECYCLE_PLACES.join(' | ')}`),
);

const lifecycleActionDetail = looseMapping({
  // A UUID; the API takes exactly 36 characters.
  LifecycleActionToken: v.pipe(
    text,
    v.length(36, 'expected a lifecycle action token of 36 characters'),
  ),
  AutoScalingGroupName: asgName,
  LifecycleHookName: asgName,
  EC2InstanceId: instanceId,
  LifecycleTransition: v.picklist(
    TRANSITION_NAMES,
    `expected one of ${TRANSITION_NAMES.join(' | ')}`,
  ),
  Origin: place,
  Destination: place,
});

/** What EC2 does to a Spot instance two minutes after the warning. */
export const SPOT_ACTIONS = ['terminate', 'stop', 'hibernate'] as const;

const spotInterruptionDetail = looseMapping({
  'instance-id': instanceId,
  'instance-action': v.picklist(SPOT_ACTIONS, `expected one of ${SPOT_ACTIONS.join(' | ')}`),
});

const rebalanceRecommendationDetail = looseMapping({
  'instance-id': instanceId,
});

// The events that start a deadline are checked whole, so that a bad time and a
// bad detail field are reported together.
export const lifecycleActionEvent = looseMapping({
  time: eventTime,
  detail: lifecycleActionDetail,
});

export const spotInterruptionEvent = looseMapping({
  time: eventTime,
  detail: spotInterruptionDetail,
});

export const rebalanceRecommendationEvent = looseMapping({
  time: eventTime,
  detail: rebalanceRecommendationDetail,
});

export const autoScalingDetail = looseMapping({
  EC2InstanceId: nonEmpty,
  AutoScalingGroupName: nonEmpty,
});

const ALARM_STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const;
const alarmState = looseMapping({
  value: v.picklist(ALARM_STATES, `expected one of ${ALARM_STATES.join(' | ')}`),
});

const dimensionMap = v.optional(v.record(v.string(), v.unknown()));

export const alarmDetail = looseMapping({
  alarmName: nonEmpty,
  state: alarmState,
  previousState: v.optional(alarmState),
  configuration: v.optional(
    looseMapping({
      metrics: v.optional(
        v.array(
          looseMapping({
            metricStat: v.optional(
              looseMapping({ metric: v.optional(looseMapping({ dimensions: dimensionMap })) }),
            ),
          }),
          'expected a list',
        ),
      ),
    }),
  ),
});

export const AUTO_SCALING_TYPES = [
  'EC2 Instance Launch Successful',
  'EC2 Instance Terminate Successful',
  'EC2 Instance Launch Unsuccessful',
  'EC2 Instance Terminate Unsuccessful',
] as const;
