import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOOK_SETTINGS,
  decideHook,
  RECHECK_MS,
  type HookDuty,
  type HookFacts,
} from '../../../shared/domain/lifecycle/duties.js';

const START = Date.parse('2026-11-22T22:08:52Z');
const TTL = 60;
const MARGIN = DEFAULT_HOOK_SETTINGS.drainMarginSeconds;

const terminate: HookDuty = {
  kind: 'hook',
  region: 'us-east-2',
  transition: 'terminating',
  action: {
    autoScalingGroupName: 'api-prod',
    lifecycleHookName: 'drain-dns',
    lifecycleActionToken: '87654321-4321-4321-4321-210987654321',
    instanceId: 'i-0a4e7c1d9b2f30002',
  },
  warmPool: false,
  startedAt: START,
};
const launch: HookDuty = { ...terminate, transition: 'launching' };

const facts = (overrides: Partial<HookFacts> = {}): HookFacts => ({
  member: true,
  unknown: false,
  drained: true,
  ready: false,
  named: false,
  ttl: TTL,
  changeId: undefined,
  inSync: true,
  ...overrides,
});

describe('decideHook: a terminate hook', () => {
  it('waits out the TTL plus the margin from the write that drained it, with the change to check', () => {
    const now = START + 1000;
    const decision = decideHook(terminate, facts({ changeId: 'C1' }), now, DEFAULT_HOOK_SETTINGS);
    expect(decision).toEqual({
      kind: 'wait',
      duty: { ...terminate, notBefore: now + (TTL + MARGIN) * 1000, changeId: 'C1' },
      at: now + (TTL + MARGIN) * 1000,
      heartbeat: false,
      why: 'waiting out the TTL',
    });
  });

  it('also waits a full TTL when it finds the instance already drained: it cannot tell since when', () => {
    const now = START + 5000;
    const decision = decideHook(terminate, facts(), now, DEFAULT_HOOK_SETTINGS);
    expect(decision.kind === 'wait' && decision.at).toBe(now + (TTL + MARGIN) * 1000);
  });

  it('never completes while an answer may still point at the instance', () => {
    for (const offset of [0, 1, 30_000, (TTL + MARGIN) * 1000 - 1]) {
      const duty = { ...terminate, notBefore: START + (TTL + MARGIN) * 1000, changeId: 'C1' };
      const decision = decideHook(duty, facts(), START + offset, DEFAULT_HOOK_SETTINGS);
      expect(decision.kind).toBe('wait');
    }
  });

  it('completes with CONTINUE once drained, INSYNC, and the TTL and margin have passed', () => {
    const duty = { ...terminate, notBefore: START + 70_000, changeId: 'C1' };
    expect(decideHook(duty, facts(), START + 70_000, DEFAULT_HOOK_SETTINGS)).toEqual({
      kind: 'complete',
      result: 'CONTINUE',
      why: 'drained, INSYNC, TTL and margin passed',
    });
  });

  it('counts the TTL from when the drain is seen INSYNC, not from the write: resolvers cache what they got before it', () => {
    const written = START + 1000;
    const pending = decideHook(
      terminate,
      facts({ changeId: 'C1', inSync: false }),
      written,
      DEFAULT_HOOK_SETTINGS,
    );
    expect(pending).toMatchObject({
      kind: 'wait',
      at: written + RECHECK_MS,
      why: 'drain not INSYNC yet',
      duty: { changeId: 'C1', notBefore: undefined },
    });
    if (pending.kind !== 'wait') throw new Error('expected a wait');
    const synced = written + 30_000;
    const decision = decideHook(pending.duty, facts(), synced, DEFAULT_HOOK_SETTINGS);
    expect(decision).toMatchObject({
      kind: 'wait',
      at: synced + (TTL + MARGIN) * 1000,
      duty: { notBefore: synced + (TTL + MARGIN) * 1000, changeId: 'C1' },
    });
    // Write + TTL + margin is not enough: answers resolved until INSYNC are cached for a TTL after it.
    const early = { ...pending.duty, notBefore: synced + (TTL + MARGIN) * 1000 };
    expect(
      decideHook(early, facts(), written + (TTL + MARGIN) * 1000, DEFAULT_HOOK_SETTINGS).kind,
    ).toBe('wait');
  });

  it('looks again shortly while the drain is not INSYNC', () => {
    const duty = { ...terminate, notBefore: START + 70_000, changeId: 'C1' };
    const now = START + 80_000;
    const decision = decideHook(duty, facts({ inSync: false }), now, DEFAULT_HOOK_SETTINGS);
    expect(decision).toMatchObject({
      kind: 'wait',
      at: now + RECHECK_MS,
      why: 'drain not INSYNC yet',
    });
  });

  it('a new write of the drain pushes completion back: the TTL counts from the last write', () => {
    const duty = { ...terminate, notBefore: START + 70_000, changeId: 'C1' };
    const now = START + 65_000;
    const decision = decideHook(duty, facts({ changeId: 'C2' }), now, DEFAULT_HOOK_SETTINGS);
    expect(decision).toMatchObject({
      kind: 'wait',
      duty: { notBefore: now + 70_000, changeId: 'C2' },
    });
  });

  it.each([
    ['its region could not be planned', { unknown: true }],
    ['a record still answers with it (fail open, a refused plan)', { drained: false }],
  ])('waits, never completes, while %s', (_, overrides) => {
    const duty = { ...terminate, notBefore: START, changeId: 'C1' };
    const decision = decideHook(duty, facts(overrides), START + 3_600_000, DEFAULT_HOOK_SETTINGS);
    expect(decision).toMatchObject({ kind: 'wait', why: 'not drained yet' });
  });

  it('records a heartbeat before a wait the hook would not survive, and not again right after', () => {
    const settings = { ...DEFAULT_HOOK_SETTINGS, heartbeatTimeoutSeconds: 30 };
    const now = START + 1000;
    const first = decideHook(terminate, facts({ changeId: 'C1' }), now, settings);
    expect(first).toMatchObject({ kind: 'wait', heartbeat: true, duty: { heartbeatAt: now } });
    const quiet = decideHook(
      { ...terminate, heartbeatAt: now, notBefore: now + 5000, changeId: 'C1' },
      facts(),
      now + 1000,
      { ...settings, heartbeatTimeoutSeconds: 60 },
    );
    expect(quiet).toMatchObject({ kind: 'wait', heartbeat: false });
  });
});

describe('decideHook: at once, without draining anything', () => {
  it('completes a warm-pool move: it adds or drains no serving address', () => {
    expect(
      decideHook(
        { ...terminate, warmPool: true },
        facts({ drained: false }),
        START,
        DEFAULT_HOOK_SETTINGS,
      ),
    ).toMatchObject({ kind: 'complete', result: 'CONTINUE' });
  });

  it('completes for an instance of no configured service', () => {
    expect(
      decideHook(terminate, facts({ member: false }), START, DEFAULT_HOOK_SETTINGS),
    ).toMatchObject({
      kind: 'complete',
      result: 'CONTINUE',
      why: 'not an instance of any service here',
    });
  });
});

describe('decideHook: a launch hook', () => {
  it('completes with CONTINUE once the instance is ready and the records name it, INSYNC', () => {
    const ready = facts({ ready: true, named: true, changeId: 'C7' });
    expect(decideHook(launch, ready, START + 5000, DEFAULT_HOOK_SETTINGS)).toEqual({
      kind: 'complete',
      result: 'CONTINUE',
      why: 'ready, in the records, INSYNC',
    });
  });

  it('does not complete merely because the instance is ready: the records must name it first', () => {
    const decision = decideHook(
      launch,
      facts({ ready: true }),
      START + 5000,
      DEFAULT_HOOK_SETTINGS,
    );
    expect(decision).toMatchObject({
      kind: 'wait',
      at: START + 5000 + RECHECK_MS,
      why: 'ready, not in the records yet',
    });
  });

  it('does not complete while the change that named it is not INSYNC, and keeps that change', () => {
    const named = facts({ ready: true, named: true, changeId: 'C7', inSync: false });
    const decision = decideHook(launch, named, START + 5000, DEFAULT_HOOK_SETTINGS);
    expect(decision).toMatchObject({
      kind: 'wait',
      duty: { changeId: 'C7' },
      why: 'records not INSYNC yet',
    });
    // The next look writes nothing new: the duty's change is the one to be INSYNC.
    const later = facts({ ready: true, named: true });
    const duty = decision.kind === 'wait' ? decision.duty : launch;
    expect(decideHook(duty, later, START + 20_000, DEFAULT_HOOK_SETTINGS).kind).toBe('complete');
  });

  it('does not complete while its region is unknown, whatever the plan says', () => {
    const unknown = facts({ ready: true, named: true, unknown: true });
    expect(decideHook(launch, unknown, START + 5000, DEFAULT_HOOK_SETTINGS).kind).toBe('wait');
  });

  it('at its timeout: CONTINUE when in the records but not INSYNC; the default when not in them', () => {
    const settings = { ...DEFAULT_HOOK_SETTINGS, launchDefaultResult: 'ABANDON' as const };
    const at = START + settings.launchTimeoutSeconds * 1000;
    const named = facts({ ready: true, named: true, changeId: 'C7', inSync: false });
    expect(decideHook(launch, named, at, settings)).toMatchObject({ result: 'CONTINUE' });
    expect(decideHook(launch, facts({ ready: true }), at, settings)).toEqual({
      kind: 'complete',
      result: 'ABANDON',
      why: `not in the records after ${settings.launchTimeoutSeconds}s`,
    });
  });

  it('looks again while it is not, never past its timeout', () => {
    const decision = decideHook(launch, facts(), START + 5000, DEFAULT_HOOK_SETTINGS);
    expect(decision).toMatchObject({ kind: 'wait', at: START + 5000 + RECHECK_MS });
    const late = START + DEFAULT_HOOK_SETTINGS.launchTimeoutSeconds * 1000 - 1000;
    expect(decideHook(launch, facts(), late, DEFAULT_HOOK_SETTINGS)).toMatchObject({
      kind: 'wait',
      at: START + DEFAULT_HOOK_SETTINGS.launchTimeoutSeconds * 1000,
    });
  });

  it('completes with the configured default result at its timeout', () => {
    const settings = { ...DEFAULT_HOOK_SETTINGS, launchDefaultResult: 'ABANDON' as const };
    const at = START + settings.launchTimeoutSeconds * 1000;
    expect(decideHook(launch, facts(), at, settings)).toEqual({
      kind: 'complete',
      result: 'ABANDON',
      why: `not ready after ${settings.launchTimeoutSeconds}s`,
    });
  });
});
