import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../shared/formats/events/parse.js';
import { InputError } from '../../../shared/domain/errors.js';
import { sampleEvent } from '../../support/events.js';

function problemsOf(value: unknown): readonly string[] {
  try {
    parseEvent(value, 'event');
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected the event to be rejected');
}

describe('parseEvent', () => {
  it('reads the documented EC2 state-change sample', () => {
    expect(parseEvent(sampleEvent('ec2-instance-state-change'))).toEqual({
      kind: 'instance-state',
      id: '7bf73129-1428-4cd3-a780-95db273d1602',
      region: 'us-east-1',
      instanceId: 'i-1234567890abcdef0',
      state: 'pending',
    });
  });

  it('reads the documented CloudWatch alarm sample', () => {
    expect(parseEvent(sampleEvent('cloudwatch-alarm-state-change'))).toEqual({
      kind: 'alarm',
      id: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
      region: 'us-east-1',
      alarmName: 'ServerCpuTooHigh',
      state: 'ALARM',
      previous: 'OK',
    });
  });

  it('reads an Auto Scaling launch', () => {
    expect(parseEvent(sampleEvent('autoscaling-launch'))).toMatchObject({
      kind: 'auto-scaling',
      instanceId: 'i-b188560f',
      group: 'sampleLuanchSucASG',
    });
  });

  it('keeps reading an Auto Scaling terminate, beside the lifecycle actions of the same source', () => {
    const terminate = {
      ...sampleEvent('autoscaling-launch'),
      'detail-type': 'EC2 Instance Terminate Successful',
    };
    expect(parseEvent(terminate)).toMatchObject({
      kind: 'auto-scaling',
      detailType: 'EC2 Instance Terminate Successful',
    });
  });

  it('reads a scheduled event', () => {
    expect(parseEvent(sampleEvent('scheduled'))).toEqual({
      kind: 'schedule',
      id: '89d1a02d-5ec7-412e-82f5-13505f849b41',
      region: 'us-east-1',
    });
  });

  it('accepts a metric-math alarm, whose metrics carry expressions instead of metricStat', () => {
    const event = sampleEvent('cloudwatch-alarm-state-change');
    const detail = event.detail as Record<string, unknown>;
    const math = {
      ...event,
      detail: {
        ...detail,
        configuration: { metrics: [{ id: 'e1', expression: 'm1 / m2', returnData: true }] },
      },
    };
    expect(parseEvent(math)).toMatchObject({ kind: 'alarm', alarmName: 'ServerCpuTooHigh' });
  });

  it.each([
    [
      'a missing instance id',
      {
        'detail-type': 'EC2 Instance State-change Notification',
        source: 'aws.ec2',
        detail: { state: 'running' },
      },
      'detail.instance-id: required',
    ],
    [
      'an unknown state',
      {
        'detail-type': 'EC2 Instance State-change Notification',
        source: 'aws.ec2',
        detail: { 'instance-id': 'i-1', state: 'melting' },
      },
      'detail.state: expected one of pending | running | shutting-down | terminated | stopping | stopped',
    ],
    [
      'a bad region',
      { region: 'mars-1', 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} },
      'region: expected an AWS region like us-east-2',
    ],
    [
      'an alarm without a state',
      {
        'detail-type': 'CloudWatch Alarm State Change',
        source: 'aws.cloudwatch',
        detail: { alarmName: 'x' },
      },
      'detail.state: required',
    ],
  ])('names the bad field of an event with %s', (_, change, problem) => {
    const base = sampleEvent('ec2-instance-state-change');
    expect(problemsOf({ ...base, ...change })).toContain(problem);
  });

  it('says which events it accepts when given another kind', () => {
    const other = {
      ...sampleEvent('scheduled'),
      source: 'aws.s3',
      'detail-type': 'Object Created',
    };
    expect(problemsOf(other)).toEqual([
      'unsupported event aws.s3 / Object Created: expected an EC2 instance state change, a Spot interruption warning or rebalance recommendation, an Auto Scaling launch, terminate or lifecycle action, a CloudWatch alarm state change or a scheduled event',
    ]);
  });

  it('rejects something that is not an event at all, naming every missing field', () => {
    expect(problemsOf('hello')).toEqual(['expected an object']);
    expect(problemsOf({})).toEqual(
      expect.arrayContaining([
        'id: required',
        'detail-type: required',
        'source: required',
        'region: required',
        'detail: required',
      ]),
    );
  });
});
