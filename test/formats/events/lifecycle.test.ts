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

/** A sample with some detail fields replaced (undefined removes one). */
function withDetail(
  name: Parameters<typeof sampleEvent>[0],
  change: Record<string, unknown>,
): Record<string, unknown> {
  const event = sampleEvent(name);
  const detail = Object.entries({ ...(event.detail as Record<string, unknown>), ...change });
  return {
    ...event,
    detail: Object.fromEntries(detail.filter(([, value]) => value !== undefined)),
  };
}

describe('parseEvent: Auto Scaling lifecycle actions', () => {
  it('reads the documented launch sample', () => {
    expect(parseEvent(sampleEvent('autoscaling-launch-lifecycle-action'))).toStrictEqual({
      kind: 'lifecycle-action',
      id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
      region: 'us-east-2',
      transition: 'launching',
      action: {
        autoScalingGroupName: 'api-prod',
        lifecycleHookName: 'wait-ready',
        lifecycleActionToken: '71514b9d-6a40-4b26-8523-05e7ee35fa40',
        instanceId: 'i-0a4e7c1d9b2f30009',
      },
      origin: 'EC2',
      destination: 'AutoScalingGroup',
      warmPool: false,
      time: '2026-11-22T22:02:11.000Z',
    });
  });

  it('reads the documented terminate sample', () => {
    expect(parseEvent(sampleEvent('autoscaling-terminate-lifecycle-action'))).toStrictEqual({
      kind: 'lifecycle-action',
      id: '468fb059-ec4a-4ed8-bad0-bf3bdc4a3d0a',
      region: 'us-east-2',
      transition: 'terminating',
      action: {
        autoScalingGroupName: 'api-prod',
        lifecycleHookName: 'drain-dns',
        lifecycleActionToken: '87654321-4321-4321-4321-210987654321',
        instanceId: 'i-0a4e7c1d9b2f30002',
      },
      origin: 'AutoScalingGroup',
      destination: 'EC2',
      warmPool: false,
      time: '2026-11-22T22:08:52.000Z',
    });
  });

  it('marks a launch into the warm pool', () => {
    expect(parseEvent(sampleEvent('autoscaling-launch-lifecycle-action-warm-pool'))).toStrictEqual({
      kind: 'lifecycle-action',
      id: '18b2ec17-3e9b-4c15-8024-ff2e8ce8786a',
      region: 'us-east-2',
      transition: 'launching',
      action: {
        autoScalingGroupName: 'api-prod',
        lifecycleHookName: 'wait-ready',
        lifecycleActionToken: '0f0b2e4c-92a5-4c41-9a0c-6d36f0e8a2b7',
        instanceId: 'i-0a4e7c1d9b2f3000a',
      },
      origin: 'EC2',
      destination: 'WarmPool',
      warmPool: true,
      time: '2026-11-22T22:15:40.000Z',
    });
  });

  it('takes a warm instance entering service from the pool for a launch into service: it waits for the records', () => {
    const fromPool = withDetail('autoscaling-launch-lifecycle-action', { Origin: 'WarmPool' });
    expect(parseEvent(fromPool)).toMatchObject({
      origin: 'WarmPool',
      destination: 'AutoScalingGroup',
      warmPool: false,
    });
  });

  it('takes a serving instance going back to the pool (reuse on scale in) for one leaving service: it is drained', () => {
    const toPool = withDetail('autoscaling-terminate-lifecycle-action', {
      Destination: 'WarmPool',
    });
    expect(parseEvent(toPool)).toMatchObject({
      origin: 'AutoScalingGroup',
      destination: 'WarmPool',
      warmPool: false,
    });
  });

  it('marks moves that never touch the group: into the pool, and a warmed instance terminated', () => {
    const terminatedWarm = withDetail('autoscaling-terminate-lifecycle-action', {
      Origin: 'WarmPool',
      Destination: 'EC2',
    });
    expect(parseEvent(terminatedWarm)).toMatchObject({ warmPool: true });
  });

  it('accepts an action without Origin, Destination or NotificationMetadata', () => {
    const bare = withDetail('autoscaling-terminate-lifecycle-action', {
      Origin: undefined,
      Destination: undefined,
      NotificationMetadata: undefined,
    });
    expect(parseEvent(bare)).toMatchObject({
      transition: 'terminating',
      origin: undefined,
      destination: undefined,
      warmPool: false,
    });
  });

  it.each([
    [
      'a missing token',
      { LifecycleActionToken: undefined },
      'detail.LifecycleActionToken: required',
    ],
    [
      'a token of the wrong length',
      { LifecycleActionToken: 'tok-1' },
      'detail.LifecycleActionToken: expected a lifecycle action token of 36 characters',
    ],
    [
      'an unknown transition',
      { LifecycleTransition: 'autoscaling:TEST_NOTIFICATION' },
      'detail.LifecycleTransition: expected one of autoscaling:EC2_INSTANCE_LAUNCHING | autoscaling:EC2_INSTANCE_TERMINATING',
    ],
    [
      'the other transition than its detail-type',
      { LifecycleTransition: 'autoscaling:EC2_INSTANCE_TERMINATING' },
      'detail.LifecycleTransition: expected autoscaling:EC2_INSTANCE_LAUNCHING in an EC2 Instance-launch Lifecycle Action, got autoscaling:EC2_INSTANCE_TERMINATING',
    ],
    [
      'a bad instance id',
      { EC2InstanceId: 'arn:aws:ec2:us-east-2:123456789012:instance/i-0a4e7c1d9b2f30009' },
      'detail.EC2InstanceId: expected an EC2 instance id like i-0123456789abcdef0',
    ],
    ['a missing hook name', { LifecycleHookName: undefined }, 'detail.LifecycleHookName: required'],
    [
      'an overlong group name',
      { AutoScalingGroupName: 'g'.repeat(256) },
      'detail.AutoScalingGroupName: expected at most 255 characters',
    ],
    [
      'an unknown destination',
      { Destination: 'Hibernation' },
      'detail.Destination: expected one of EC2 | AutoScalingGroup | WarmPool',
    ],
  ])('names the one bad field of a lifecycle action with %s', (_, change, problem) => {
    const event = withDetail('autoscaling-launch-lifecycle-action', change);
    expect(problemsOf(event)).toStrictEqual([problem]);
  });

  it('reports a bad time together with a bad detail field', () => {
    const event = {
      ...withDetail('autoscaling-terminate-lifecycle-action', { EC2InstanceId: 'i-1' }),
      time: 'yesterday',
    };
    expect(problemsOf(event)).toStrictEqual([
      'time: expected a UTC time like 2026-11-22T22:02:11Z',
      'detail.EC2InstanceId: expected an EC2 instance id like i-0123456789abcdef0',
    ]);
  });

  it('needs the time, since the hook timeout runs from it', () => {
    const untimed = Object.fromEntries(
      Object.entries(sampleEvent('autoscaling-terminate-lifecycle-action')).filter(
        ([key]) => key !== 'time',
      ),
    );
    expect(problemsOf(untimed)).toStrictEqual(['time: required']);
  });

  it.each(['2026-02-30T12:00:00Z', '2026-11-22T25:00:00Z', '2026-11-22T22:02:11+01:00'])(
    'rejects %s, which has no such UTC time',
    (time) => {
      const event = { ...sampleEvent('autoscaling-launch-lifecycle-action'), time };
      expect(problemsOf(event)).toStrictEqual([
        'time: expected a UTC time like 2026-11-22T22:02:11Z',
      ]);
    },
  );

  it('keeps fractions of a second to the millisecond', () => {
    const event = {
      ...sampleEvent('autoscaling-launch-lifecycle-action'),
      time: '2026-11-22T22:02:11.123456Z',
    };
    expect(parseEvent(event)).toMatchObject({ time: '2026-11-22T22:02:11.123Z' });
  });
});

describe('parseEvent: EC2 interruption notices', () => {
  it('reads the documented Spot interruption warning', () => {
    expect(parseEvent(sampleEvent('ec2-spot-instance-interruption-warning'))).toStrictEqual({
      kind: 'interruption',
      id: '12345678-1234-1234-1234-123456789012',
      region: 'us-east-2',
      instanceId: 'i-0a4e7c1d9b2f30001',
      notice: 'spot-interruption',
      action: 'terminate',
      time: '2026-11-22T22:30:00.000Z',
    });
  });

  it('reads the documented rebalance recommendation', () => {
    expect(parseEvent(sampleEvent('ec2-instance-rebalance-recommendation'))).toStrictEqual({
      kind: 'interruption',
      id: '2e7d2bb5-c1b1-4f1d-9c5c-21c7a3f4d0e9',
      region: 'us-east-2',
      instanceId: 'i-0a4e7c1d9b2f30001',
      notice: 'rebalance-recommendation',
      action: undefined,
      time: '2026-11-22T22:20:00.000Z',
    });
  });

  it.each(['stop', 'hibernate'])('keeps a Spot warning that will %s the instance', (action) => {
    const event = withDetail('ec2-spot-instance-interruption-warning', {
      'instance-action': action,
    });
    expect(parseEvent(event)).toMatchObject({ notice: 'spot-interruption', action });
  });

  it.each([
    [
      'ec2-spot-instance-interruption-warning',
      { 'instance-id': 'i-0A4E7C1D9B2F30001' },
      'detail.instance-id: expected an EC2 instance id like i-0123456789abcdef0',
    ],
    [
      'ec2-spot-instance-interruption-warning',
      { 'instance-action': 'reboot' },
      'detail.instance-action: expected one of terminate | stop | hibernate',
    ],
    [
      'ec2-spot-instance-interruption-warning',
      { 'instance-action': undefined },
      'detail.instance-action: required',
    ],
    [
      'ec2-instance-rebalance-recommendation',
      { 'instance-id': undefined },
      'detail.instance-id: required',
    ],
    [
      'ec2-instance-rebalance-recommendation',
      { 'instance-id': 'i-0a4e7c1d9b2f3000' },
      'detail.instance-id: expected an EC2 instance id like i-0123456789abcdef0',
    ],
  ] as const)('names the one bad field of %s', (name, change, problem) => {
    expect(problemsOf(withDetail(name, change))).toStrictEqual([problem]);
  });
});
