import { describe, expect, it } from 'vitest';
import { assessMembers } from '../../../shared/domain/fleet/members.js';
import {
  rampAt,
  rampFraction,
  READY_SINCE_TAG,
  readySince,
  slowStart,
} from '../../../shared/domain/fleet/slow-start.js';
import { instance, observation, serviceSpec, SERVICE_TAGS } from '../../support/builders.js';

const LAUNCH = Date.parse('2026-01-01T00:00:00.000Z');
const at = (seconds: number): number => LAUNCH + seconds * 1000;
const iso = (ms: number): string => new Date(ms).toISOString();
const SPEC = { windowSeconds: 240, steps: 4 };

describe('rampFraction', () => {
  it('rises evenly from above 0 to below 1: k / (n + 1)', () => {
    expect([1, 2, 3, 4].map((k) => rampFraction(k, 4))).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(rampFraction(1, 1)).toBe(0.5);
  });
});

describe('rampAt', () => {
  it('steps every window / steps from the start, then ends at the window', () => {
    const since = at(100);
    expect(rampAt(since, since, SPEC)).toEqual({
      step: 1,
      steps: 4,
      fraction: 0.2,
      since,
      nextAt: since + 60_000,
    });
    expect(rampAt(since, since + 59_999, SPEC)?.step).toBe(1);
    expect(rampAt(since, since + 60_000, SPEC)).toMatchObject({ step: 2, nextAt: since + 120_000 });
    expect(rampAt(since, since + 239_999, SPEC)).toMatchObject({
      step: 4,
      nextAt: since + 240_000,
    });
    expect(rampAt(since, since + 240_000, SPEC)).toBeUndefined();
    expect(rampAt(-Infinity, since, SPEC)).toBeUndefined();
  });

  it('takes a start in the future as now: step 1', () => {
    expect(rampAt(at(10), at(0), SPEC)?.step).toBe(1);
  });

  it('rounds a step that is not a whole number of milliseconds up', () => {
    expect(rampAt(0, 0, { windowSeconds: 100, steps: 3 })?.nextAt).toBe(33_334);
  });
});

describe('readySince', () => {
  const launched = instance({ launchTime: iso(LAUNCH) });
  const tagged = (value: string) =>
    instance({ launchTime: iso(LAUNCH), tags: { ...SERVICE_TAGS, [READY_SINCE_TAG]: value } });

  it('reads the ready-since tag the writer recorded', () => {
    expect(readySince(tagged(iso(at(300))), 0, true, at(400))).toEqual({
      at: at(300),
      record: false,
    });
  });

  it('never before LaunchTime + grace, never after now: a tag cannot skip or stall a ramp', () => {
    expect(readySince(tagged(iso(at(10))), 120, false, at(400)).at).toBe(at(120));
    expect(readySince(tagged(iso(at(9000))), 0, false, at(400)).at).toBe(at(400));
  });

  it('admits a new instance now, and asks for the moment to be recorded', () => {
    expect(readySince(launched, 0, false, at(400))).toEqual({ at: at(400), record: true });
    expect(readySince(tagged('yesterday'), 0, false, at(400))).toEqual({
      at: at(400),
      record: true,
    });
  });

  it('counts an instance the records answer with, without a tag, from LaunchTime + grace', () => {
    expect(readySince(launched, 30, true, at(400))).toEqual({ at: at(30), record: false });
    const unknown = instance({ launchTime: undefined });
    expect(readySince(unknown, 30, true, at(400)).at).toBe(-Infinity);
  });
});

describe('slowStart over a region’s members', () => {
  const old = instance({ n: 1, launchTime: iso(LAUNCH) });
  const fresh = instance({ n: 2, launchTime: iso(at(3000)) });
  const read = observation('us-east-2', [old, fresh]);
  const members = assessMembers(serviceSpec(), read).members;
  const answered = new Set([old.publicIp ?? '']);

  it('ramps a new instance beside a mature one, says so, and asks for its tag', () => {
    const [mature, ramping] = slowStart(members, SPEC, 0, answered, at(3600));
    expect(mature?.ramp).toBeUndefined();
    expect(mature?.recordReadySince).toBeUndefined();
    expect(ramping?.ramp).toMatchObject({ step: 1, steps: 4, fraction: 0.2 });
    expect(ramping?.recordReadySince).toBe(at(3600));
    expect(ramping?.health).toEqual({ status: 'healthy', reasons: ['slow start 1/4'] });
  });

  it('ramps and records nothing when no serving instance is mature (a first deploy)', () => {
    const ramped = slowStart(members, SPEC, 0, new Set(), at(3600));
    expect(ramped).toEqual(members);
  });

  it('leaves instances that do not serve alone', () => {
    const drained = instance({
      n: 3,
      launchTime: iso(at(3000)),
      tags: { ...SERVICE_TAGS, 'rebalancer:drain': 'true' },
    });
    const all = assessMembers(serviceSpec(), observation('us-east-2', [old, drained])).members;
    const [, out] = slowStart(all, SPEC, 0, answered, at(3600));
    expect(out).toBe(all[1]);
  });
});
