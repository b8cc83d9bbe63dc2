import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOOK_SETTINGS,
  handedOn,
  nextZone,
  type HookDecision,
  type HookDuty,
} from '../../../shared/domain/lifecycle/duties.js';

const duty: HookDuty = {
  kind: 'hook',
  region: 'us-east-2',
  transition: 'terminating',
  action: {
    autoScalingGroupName: 'g',
    lifecycleHookName: 'h',
    lifecycleActionToken: 't',
    instanceId: 'i-1',
  },
  warmPool: false,
  startedAt: 0,
  zonesLeft: ['Z0B', 'Z0C'],
};
const complete: HookDecision = { kind: 'complete', result: 'CONTINUE', why: 'safe' };
const wait: HookDecision = { kind: 'wait', duty, at: 5, heartbeat: false, why: 'not yet' };
const settings = DEFAULT_HOOK_SETTINGS;

describe('nextZone', () => {
  it('hands a hook safe in its zone on to the next zone still to confirm it', () => {
    expect(nextZone(duty, complete, 1, settings)).toBe('Z0B');
  });

  it('hands on nothing that waits, nothing with no zone left, and no warm-pool move', () => {
    expect(nextZone(duty, wait, 1, settings)).toBeUndefined();
    expect(nextZone({ ...duty, zonesLeft: undefined }, complete, 1, settings)).toBeUndefined();
    expect(nextZone({ ...duty, warmPool: true }, complete, 1, settings)).toBeUndefined();
  });

  it('completes a launch at its timeout wherever it is, and hands it on before', () => {
    const launch: HookDuty = { ...duty, transition: 'launching' };
    const timeout = settings.launchTimeoutSeconds * 1000;
    expect(nextZone(launch, complete, timeout - 1, settings)).toBe('Z0B');
    expect(nextZone(launch, complete, timeout, settings)).toBeUndefined();
  });
});

describe('handedOn', () => {
  it('leaves the next zone its own drain and INSYNC to see, and the zones after it', () => {
    const seen = { ...duty, notBefore: 70_000, changeId: 'C1', heartbeatAt: 9 };
    const rest = {
      kind: 'hook',
      region: duty.region,
      transition: duty.transition,
      action: duty.action,
      warmPool: false,
      startedAt: 0,
      heartbeatAt: 9,
    };
    expect(handedOn(seen)).toEqual({ ...rest, zonesLeft: ['Z0C'] });
    expect(handedOn(handedOn(seen))).toEqual(rest);
  });
});
