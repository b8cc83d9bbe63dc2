import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../shared/formats/events/parse.js';
import { targetsOf } from '../../shared/app/targets.js';
import { regionSpec, serviceSpec, spec } from '../support/builders.js';
import { alarmChange, sampleEvent, stateChange } from '../support/events.js';

const config = spec([
  serviceSpec({ name: 'api', regions: [regionSpec('us-east-2'), regionSpec('eu-west-1')] }),
  serviceSpec({
    name: 'web',
    recordName: 'web.example.com.',
    health: {
      statusChecks: true,
      alarmNamePrefix: 'web-',
      drainTag: undefined,
      readiness: { graceSeconds: 0, statusOk: true, tag: undefined },
    },
    regions: [regionSpec('us-east-2', {}, 'web.example.com.')],
  }),
]);

describe('targetsOf', () => {
  it('sends an instance state change to every service of its region', () => {
    expect(targetsOf(parseEvent(stateChange('us-east-2', 'i-1', 'stopped')), config)).toEqual({
      kind: 'scope',
      scope: [{ region: 'us-east-2' }],
    });
  });

  it('ignores an event from a region no service runs in, and says so', () => {
    expect(targetsOf(parseEvent(stateChange('ap-south-1', 'i-1', 'stopped')), config)).toEqual({
      kind: 'ignored',
      why: 'no configured service runs in ap-south-1',
    });
  });

  it('sends an alarm only to the services whose prefix it carries', () => {
    expect(
      targetsOf(parseEvent(alarmChange('us-east-2', 'web-latency-i-1', 'ALARM', 'OK')), config),
    ).toEqual({
      kind: 'scope',
      scope: [{ service: 'web', region: 'us-east-2' }],
    });
  });

  it('ignores an alarm nobody watches', () => {
    expect(
      targetsOf(parseEvent(alarmChange('us-east-2', 'db-disk', 'ALARM', 'OK')), config),
    ).toMatchObject({ kind: 'ignored' });
  });

  it('ignores alarm moves that never touch ALARM, since health does not change', () => {
    expect(
      targetsOf(parseEvent(alarmChange('us-east-2', 'api-cpu', 'INSUFFICIENT_DATA', 'OK')), config),
    ).toEqual({
      kind: 'ignored',
      why: 'alarm api-cpu moved OK -> INSUFFICIENT_DATA: health only changes to or from ALARM',
    });
  });

  it('acts on an alarm leaving ALARM', () => {
    expect(
      targetsOf(parseEvent(alarmChange('us-east-2', 'api-cpu', 'OK', 'ALARM')), config),
    ).toMatchObject({ kind: 'scope' });
  });

  it.each([
    'autoscaling-launch-lifecycle-action',
    'autoscaling-terminate-lifecycle-action',
    'autoscaling-launch-lifecycle-action-warm-pool',
    'ec2-spot-instance-interruption-warning',
    'ec2-instance-rebalance-recommendation',
  ] as const)('sends %s to every service of its region', (name) => {
    expect(targetsOf(parseEvent(sampleEvent(name)), config)).toEqual({
      kind: 'scope',
      scope: [{ region: 'us-east-2' }],
    });
  });

  it.each([
    'autoscaling-terminate-lifecycle-action',
    'ec2-spot-instance-interruption-warning',
  ] as const)('ignores %s from a region no service runs in', (name) => {
    const elsewhere = { ...sampleEvent(name), region: 'ap-south-1' };
    expect(targetsOf(parseEvent(elsewhere), config)).toEqual({
      kind: 'ignored',
      why: 'no configured service runs in ap-south-1',
    });
  });

  it('turns the schedule into a full reconcile', () => {
    expect(targetsOf(parseEvent(sampleEvent('scheduled')), config)).toEqual({ kind: 'everything' });
  });
});
