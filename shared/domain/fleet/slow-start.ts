import type { Instance } from './fleet.js';
import { isServing, type Member } from './members.js';

/*
 * Slow start: a newly ready instance's weight ramps from a fraction of its
 * full weight to all of it over a window, in steps. The ramp counts from the
 * moment the instance was first admitted, which the writer records once as an
 * EC2 tag on it (READY_SINCE_TAG): it survives cold starts and is read back
 * with the instance, so the rule stays a function of what was read and `now`.
 */

/** A service's slow start (weighted regions only: a multi-value group cannot ramp one address). */
export interface SlowStartSpec {
  readonly windowSeconds: number;
  /** At least 1; windowSeconds / steps is at least the TTL (the configuration checks it). */
  readonly steps: number;
}

/** The tag the writer puts on an instance when it first admits it: ISO 8601, the ramp's start. */
export const READY_SINCE_TAG = 'rebalancer:ready-since';

/** Where an instance is in its ramp. */
export interface Ramp {
  /** 1..steps. */
  readonly step: number;
  readonly steps: number;
  /** Its weight is its capacity's times this: step / (steps + 1). */
  readonly fraction: number;
  /** Epoch ms the ramp began. */
  readonly since: number;
  /** Epoch ms of the next step (the full weight after the last). */
  readonly nextAt: number;
}

/** Step k of n (1..n) as a fraction of full weight: k / (n + 1), so above 0 and below 1, rising evenly. */
export function rampFraction(step: number, steps: number): number {
  return step / (steps + 1);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * When an instance's ramp began, never before LaunchTime + grace nor after
 * `now`: its ready-since tag when valid; else, when the records already
 * answer with it (it predates slow start, or its tag was not written), the
 * earliest moment it could have been ready; else now, to be recorded.
 */
export function readySince(
  instance: Instance,
  graceSeconds: number,
  answered: boolean,
  now: number,
): { readonly at: number; readonly record: boolean } {
  const launched = instance.launchTime === undefined ? NaN : Date.parse(instance.launchTime);
  const floor = Number.isFinite(launched) ? launched + graceSeconds * 1000 : -Infinity;
  const tag = instance.tags[READY_SINCE_TAG];
  const tagged = tag !== undefined && ISO.test(tag) ? Date.parse(tag) : NaN;
  if (Number.isFinite(tagged)) return { at: Math.min(now, Math.max(floor, tagged)), record: false };
  if (answered) return { at: Math.min(now, floor), record: false };
  return { at: now, record: true };
}

/** The ramp of an instance ready since `since`, at `now`; undefined once the window is over. */
export function rampAt(since: number, now: number, spec: SlowStartSpec): Ramp | undefined {
  const window = spec.windowSeconds * 1000;
  const elapsed = Math.max(0, now - since);
  if (!(elapsed < window)) return undefined;
  const stepMs = window / spec.steps;
  const step = Math.min(spec.steps, Math.floor(elapsed / stepMs) + 1);
  return {
    step,
    steps: spec.steps,
    fraction: rampFraction(step, spec.steps),
    since,
    nextAt: since + Math.ceil(step * stepMs),
  };
}

/**
 * Slow start over one weighted region's members. Serving members still in
 * their window get a ramp, and a reason "slow start k/n"; those whose ramp
 * starts now carry `recordReadySince` for the writer to tag. No member ramps
 * when no serving member is past its window (all are new, as on a first
 * deploy): the region would hold back traffic from everything it has. Nothing
 * is recorded then; once answered, such an instance counts from LaunchTime + grace.
 */
export function slowStart(
  members: readonly Member[],
  spec: SlowStartSpec,
  graceSeconds: number,
  answered: Pick<ReadonlySet<string>, 'has'>,
  now: number,
): Member[] {
  const assessed = members.map((member) => {
    if (!isServing(member)) return { member, since: undefined, ramp: undefined };
    const answeredNow = member.address !== undefined && answered.has(member.address);
    const since = readySince(member.instance, graceSeconds, answeredNow, now);
    return { member, since, ramp: rampAt(since.at, now, spec) };
  });
  const mature = assessed.some((a) => a.since !== undefined && a.ramp === undefined);
  return assessed.map(({ member, since, ramp }) => {
    if (since === undefined) return member;
    const ramped = mature && ramp !== undefined;
    return {
      ...member,
      ...(ramped && {
        ...(since.record && { recordReadySince: since.at }),
        ramp,
        health: {
          ...member.health,
          reasons: [...member.health.reasons, `slow start ${ramp.step}/${ramp.steps}`],
        },
      }),
    };
  });
}
