import { describe, expect, it } from 'vitest';
import type { InstanceStatus } from '../../../shared/domain/fleet/fleet.js';
import { healthOf } from '../../../shared/domain/fleet/health.js';
import { assessMembers } from '../../../shared/domain/fleet/members.js';
import {
  lifecycleVerdict,
  readinessProblems,
  type ReadinessSpec,
} from '../../../shared/domain/fleet/readiness.js';
import { instance, observation, serviceSpec } from '../../support/builders.js';

const OK: InstanceStatus = { instance: 'ok', system: 'ok' };
const BOOTING: InstanceStatus = { instance: 'initializing', system: 'initializing' };
const LAUNCH = '2026-01-01T00:00:00.000Z';
const at = (seconds: number): number => Date.parse(LAUNCH) + seconds * 1000;
const NONE: ReadinessSpec = { graceSeconds: 0, statusOk: false, tag: undefined };

describe('lifecycleVerdict', () => {
  it.each([
    ['InService', 'in-service'],
    ['Pending', 'not-ready'],
    ['Pending:Wait', 'not-ready'],
    ['Pending:Proceed', 'not-ready'],
    ['Warmed:Pending', 'not-ready'],
    ['Warmed:Running', 'not-ready'],
    ['Warmed:Stopped', 'not-ready'],
    ['Warmed:Hibernated', 'not-ready'],
    ['Warmed:Terminating:Wait', 'not-ready'],
    ['Terminating', 'leaving'],
    ['Terminating:Wait', 'leaving'],
    ['Terminating:Proceed', 'leaving'],
    ['Detaching', 'leaving'],
    ['EnteringStandby', 'leaving'],
    ['Standby', 'leaving'],
    ['SomethingNew', 'not-ready'],
  ])('%s -> %s', (state, kind) => {
    expect(lifecycleVerdict({ group: 'api-asg', state }).kind).toBe(kind);
  });

  it('names the state and the group in its reason', () => {
    expect(lifecycleVerdict({ group: 'api-asg', state: 'Terminating:Wait' })).toEqual({
      kind: 'leaving',
      reason: 'Auto Scaling lifecycle Terminating:Wait (group api-asg)',
    });
  });
});

describe('readinessProblems', () => {
  const booted = instance({ launchTime: LAUNCH });

  it('holds an instance inside its grace period, and admits it once the period is over', () => {
    const spec = { ...NONE, graceSeconds: 90 };
    expect(readinessProblems(booted, OK, spec, at(30))).toEqual(['launched 30s ago (grace 90s)']);
    expect(readinessProblems(booted, OK, spec, at(90))).toEqual([]);
  });

  it('holds an instance whose launch time is unknown when a grace period is set', () => {
    const unknown = instance({ launchTime: undefined });
    expect(readinessProblems(unknown, OK, { ...NONE, graceSeconds: 10 }, at(3600))).toEqual([
      'launch time unknown: grace period not over',
    ]);
  });

  it('waits for the instance status check to be ok', () => {
    const spec = { ...NONE, statusOk: true };
    expect(readinessProblems(booted, BOOTING, spec, undefined)).toEqual([
      'instance status initializing (waiting for ok)',
    ]);
    expect(readinessProblems(booted, undefined, spec, undefined)).toEqual([
      'instance status not reported (waiting for ok)',
    ]);
    expect(readinessProblems(booted, OK, spec, undefined)).toEqual([]);
  });

  it('waits for the readiness tag the instance sets on itself', () => {
    const spec = { ...NONE, tag: { key: 'rebalancer:ready', value: 'true' } };
    expect(readinessProblems(booted, OK, spec, undefined)).toEqual([
      'tag rebalancer:ready=true not set yet',
    ]);
    const tagged = instance({ tags: { ...booted.tags, 'rebalancer:ready': 'true' } });
    expect(readinessProblems(tagged, OK, spec, undefined)).toEqual([]);
  });
});

describe('healthOf with a serving gate', () => {
  const health = serviceSpec().health;

  it('drains an instance Auto Scaling is terminating, although EC2 still says running', () => {
    const verdict = healthOf(instance(), '198.51.100.1', health, OK, [], {
      lifecycle: { group: 'api-asg', state: 'Terminating:Wait' },
    });
    expect(verdict).toEqual({
      status: 'draining',
      reasons: ['Auto Scaling lifecycle Terminating:Wait (group api-asg)'],
    });
  });

  it('keeps a running warm-pool instance out: it is not a serving instance', () => {
    const verdict = healthOf(instance(), '198.51.100.1', health, OK, [], {
      lifecycle: { group: 'api-asg', state: 'Warmed:Running' },
    });
    expect(verdict.status).toBe('not-ready');
  });

  it('holds a booting instance out until its status check is ok', () => {
    const gate = { readiness: { ...NONE, statusOk: true } };
    expect(healthOf(instance(), '198.51.100.1', health, BOOTING, [], gate)).toEqual({
      status: 'not-ready',
      reasons: ['not ready: instance status initializing (waiting for ok)'],
    });
  });

  it('never takes traffic from an instance the records answer with today because of a readiness rule', () => {
    const gate = { readiness: { ...NONE, statusOk: true }, answeredNow: true };
    expect(healthOf(instance(), '198.51.100.1', health, BOOTING, [], gate).status).toBe('healthy');
  });

  it('still drains an answered instance that Auto Scaling takes out', () => {
    const gate = {
      readiness: { ...NONE, statusOk: true },
      answeredNow: true,
      lifecycle: { group: 'g', state: 'Standby' },
    };
    expect(healthOf(instance(), '198.51.100.1', health, OK, [], gate).status).toBe('draining');
  });
});

describe('healthOf: an instance our launch hook holds in Pending:Wait', () => {
  const health = serviceSpec().health;
  const wait = { group: 'api-asg', state: 'Pending:Wait' };
  const readiness = { ...NONE, statusOk: true };

  it('serves once ready while the hook holds it, so the hook can wait for the records', () => {
    const gate = { lifecycle: wait, readiness, launching: true };
    expect(healthOf(instance(), '198.51.100.1', health, OK, [], gate).status).toBe('healthy');
    expect(healthOf(instance(), '198.51.100.1', health, BOOTING, [], gate)).toEqual({
      status: 'not-ready',
      reasons: ['not ready: instance status initializing (waiting for ok)'],
    });
  });

  it('keeps serving while the records already answer with it, without the hook in hand', () => {
    const gate = { lifecycle: wait, readiness, answeredNow: true };
    expect(healthOf(instance(), '198.51.100.1', health, OK, [], gate).status).toBe('healthy');
  });

  it('stays out without our hook, and in any other pending or warm state', () => {
    expect(
      healthOf(instance(), '198.51.100.1', health, OK, [], { lifecycle: wait, readiness }).status,
    ).toBe('not-ready');
    for (const state of ['Pending', 'Pending:Proceed', 'Warmed:Pending:Wait']) {
      const gate = { lifecycle: { ...wait, state }, readiness, launching: true };
      expect(healthOf(instance(), '198.51.100.1', health, OK, [], gate).status, state).toBe(
        'not-ready',
      );
    }
  });
});

describe('assessMembers with lifecycle states and readiness', () => {
  it('follows EC2 rules alone for an instance that is in no group', () => {
    const alone = instance({ n: 1 });
    const inGroup = instance({ n: 2 });
    const { members } = assessMembers(
      serviceSpec(),
      observation('us-east-2', [alone, inGroup], {
        statuses: new Map([
          [alone.id, OK],
          [inGroup.id, OK],
        ]),
        lifecycle: new Map([[inGroup.id, { group: 'api-asg', state: 'Pending:Wait' }]]),
      }),
    );
    expect(members.map((m) => m.health.status)).toEqual(['healthy', 'not-ready']);
  });

  it('does not judge the status rule when a state file has no statuses at all', () => {
    const one = instance({ n: 1 });
    const { members } = assessMembers(serviceSpec(), observation('us-east-2', [one]));
    expect(members[0]?.health.status).toBe('healthy');
  });

  it('judges the grace period against the time it is given', () => {
    const young = instance({ n: 1, launchTime: LAUNCH });
    const service = serviceSpec({
      health: { ...serviceSpec().health, readiness: { ...NONE, graceSeconds: 120 } },
    });
    const read = observation('us-east-2', [young]);
    expect(assessMembers(service, read, { now: at(60) }).members[0]?.health.status).toBe(
      'not-ready',
    );
    expect(assessMembers(service, read, { now: at(120) }).members[0]?.health.status).toBe(
      'healthy',
    );
  });
});
