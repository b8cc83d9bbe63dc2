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
  detail: looseMapping({}),
});

export const instanceStateDetail = looseMapping({
  'instance-id': nonEmpty,
  state: v.picklist(INSTANCE_STATES, `expected one of ${INSTANCE_STATES.join(' | ')}`),
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
