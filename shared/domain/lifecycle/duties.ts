import type { LifecycleActionRef } from '../fleet/lifecycle-action.js';

/*
 * What the writer owes the world beyond the records: Auto Scaling hooks to
 * complete once it is safe, and interruption notices to honour. Duties travel
 * on work items (through the one writer) and come back as follow-ups until
 * they are done; deciding what to do with one is pure.
 */

/** An Auto Scaling hook holding an instance until we complete it. */
export interface HookDuty {
  readonly kind: 'hook';
  readonly region: string;
  readonly transition: 'launching' | 'terminating';
  readonly action: LifecycleActionRef;
  /** Into or within the warm pool, never from or into the group: no serving address is added or drained. */
  readonly warmPool: boolean;
  /** When the hook started (epoch ms): its timeouts count from here. */
  readonly startedAt: number;
  /** Terminate: the earliest completion, once the drain is seen INSYNC (then + TTL + margin). */
  readonly notBefore?: number | undefined;
  /** The Route 53 change that drained it (terminate) or added it (launch), to check INSYNC before completing. */
  readonly changeId?: string | undefined;
  /** When a heartbeat was last recorded (epoch ms); startedAt when none was. */
  readonly heartbeatAt?: number | undefined;
  /**
   * The hosted zones still to confirm the hook after the one whose item
   * carries it (several zones only): each says "safe here" in turn, the last
   * completes it.
   */
  readonly zonesLeft?: readonly string[] | undefined;
}

/** EC2 will take the instance away: drain it now. */
export interface NoticeDuty {
  readonly kind: 'notice';
  readonly region: string;
  readonly instanceId: string;
  readonly notice: 'spot-interruption' | 'rebalance-recommendation';
  /** Without a drain tag to hold it, the notice is re-asserted until then (epoch ms). */
  readonly until?: number | undefined;
}

/**
 * A slow start's next step is due at `at` (epoch ms): its unit is reconciled
 * then. SQS delays a message 900 s at most, so a later step comes back early
 * and is queued again for the rest.
 */
export interface RampDuty {
  readonly kind: 'ramp';
  readonly service: string;
  readonly region: string;
  readonly at: number;
}

export type Duty = HookDuty | NoticeDuty | RampDuty;

/** What the writer knows about a hook's instance after its reconcile. */
export interface HookFacts {
  /** Whether the instance belongs to a configured service in the hook's region. */
  readonly member: boolean;
  /** Its region could not be planned this time (read failure, refusal): nothing is known. */
  readonly unknown: boolean;
  /** No record answers with its address once this reconcile's batches are applied. */
  readonly drained: boolean;
  /** Its readiness rules pass (launch hooks), whatever its lifecycle state. */
  readonly ready: boolean;
  /** Its region was planned and, once this reconcile's batches are applied, a record answers with its address. */
  readonly named: boolean;
  /** The TTL of the records that named it, in seconds. */
  readonly ttl: number;
  /** The id of the last change batch this reconcile wrote, if it wrote one. */
  readonly changeId: string | undefined;
  /** Whether the duty's change (if any) is INSYNC. */
  readonly inSync: boolean;
}

export interface HookSettings {
  /** Seconds beyond the TTL before a drained instance's hook is completed. */
  readonly drainMarginSeconds: number;
  /** Seconds a launch hook may wait for readiness before it is completed with `launchDefaultResult`. */
  readonly launchTimeoutSeconds: number;
  readonly launchDefaultResult: 'CONTINUE' | 'ABANDON';
  /** The hooks' heartbeat timeout (Auto Scaling's default is 3600 s). */
  readonly heartbeatTimeoutSeconds: number;
}

/** Ten seconds past the TTL; launches wait five minutes, then go on; Auto Scaling's default heartbeat. */
export const DEFAULT_HOOK_SETTINGS: HookSettings = {
  drainMarginSeconds: 10,
  launchTimeoutSeconds: 300,
  launchDefaultResult: 'CONTINUE',
  heartbeatTimeoutSeconds: 3600,
};

export type HookDecision =
  | { readonly kind: 'complete'; readonly result: 'CONTINUE' | 'ABANDON'; readonly why: string }
  | {
      readonly kind: 'wait';
      /** The duty as it goes on, to come back at `at` (epoch ms). */
      readonly duty: HookDuty;
      readonly at: number;
      readonly heartbeat: boolean;
      readonly why: string;
    };

/** How often to look again at a hook that waits for something we cannot time (readiness, INSYNC). */
export const RECHECK_MS = 15_000;

/** Waits until `at`, recording a heartbeat first when the hook would time out before then. */
function wait(
  duty: HookDuty,
  at: number,
  now: number,
  settings: HookSettings,
  why: string,
): HookDecision {
  const last = duty.heartbeatAt ?? duty.startedAt;
  // Beat when less than half the timeout is left at the next look: a late follow-up still lands in time.
  const heartbeat = at - last > (settings.heartbeatTimeoutSeconds * 1000) / 2;
  return {
    kind: 'wait',
    duty: heartbeat ? { ...duty, heartbeatAt: now } : duty,
    at,
    heartbeat,
    why,
  };
}

/**
 * A terminate hook completes only once no answer can still point at the
 * instance: its drain is written, INSYNC, and the TTL plus a margin has passed
 * since. A launch hook completes with CONTINUE once the instance is ready and
 * the records name it, INSYNC; at its timeout it completes anyway, with
 * CONTINUE when it is in the records by then, else the configured result. Warm-pool moves and instances we do not
 * route complete at once: they add or drain no serving address.
 */
export function decideHook(
  duty: HookDuty,
  facts: HookFacts,
  now: number,
  settings: HookSettings,
): HookDecision {
  if (duty.warmPool)
    return { kind: 'complete', result: 'CONTINUE', why: 'warm pool move: no serving address' };
  if (!facts.member)
    return { kind: 'complete', result: 'CONTINUE', why: 'not an instance of any service here' };
  if (duty.transition === 'launching') return decideLaunch(duty, facts, now, settings);
  if (facts.unknown || !facts.drained)
    return wait(duty, now + RECHECK_MS, now, settings, 'not drained yet');
  const changeId = facts.changeId ?? duty.changeId;
  const rewritten = facts.changeId !== undefined;
  // Resolvers see the drain only once it is INSYNC and may cache the answer before it for a
  // TTL: the wait counts from when the drain is seen INSYNC, and a new write starts it again.
  if (changeId !== undefined && !facts.inSync) {
    const pending: HookDuty = {
      ...duty,
      changeId,
      notBefore: rewritten ? undefined : duty.notBefore,
    };
    return wait(pending, now + RECHECK_MS, now, settings, 'drain not INSYNC yet');
  }
  const notBefore =
    rewritten || duty.notBefore === undefined
      ? Math.max(duty.notBefore ?? 0, now + (facts.ttl + settings.drainMarginSeconds) * 1000)
      : duty.notBefore;
  const next: HookDuty = { ...duty, notBefore, changeId };
  if (now < notBefore) return wait(next, notBefore, now, settings, 'waiting out the TTL');
  return { kind: 'complete', result: 'CONTINUE', why: 'drained, INSYNC, TTL and margin passed' };
}

function decideLaunch(
  duty: HookDuty,
  facts: HookFacts,
  now: number,
  settings: HookSettings,
): HookDecision {
  // Ready alone is not enough: until the records name it, Auto Scaling would count an instance no user reaches.
  const routed = facts.ready && facts.named && !facts.unknown;
  const changeId = routed ? (facts.changeId ?? duty.changeId) : duty.changeId;
  if (routed && (changeId === undefined || facts.inSync))
    return { kind: 'complete', result: 'CONTINUE', why: 'ready, in the records, INSYNC' };
  const deadline = duty.startedAt + settings.launchTimeoutSeconds * 1000;
  if (now >= deadline)
    return routed
      ? { kind: 'complete', result: 'CONTINUE', why: 'in the records; not INSYNC by the timeout' }
      : {
          kind: 'complete',
          result: settings.launchDefaultResult,
          why: `not ${facts.ready ? 'in the records' : 'ready'} after ${settings.launchTimeoutSeconds}s`,
        };
  const why = routed
    ? 'records not INSYNC yet'
    : facts.ready
      ? 'ready, not in the records yet'
      : 'not ready yet';
  const next = changeId === duty.changeId ? duty : { ...duty, changeId };
  return wait(next, Math.min(deadline, now + RECHECK_MS), now, settings, why);
}

/**
 * The zone a hook goes on to instead of completing: the next one still to
 * confirm it, when this zone found it safe. A warm-pool move and a launch at
 * its timeout complete wherever they are: no zone can make them safer.
 */
export function nextZone(
  duty: HookDuty,
  decision: HookDecision,
  now: number,
  settings: HookSettings,
): string | undefined {
  if (decision.kind !== 'complete' || duty.warmPool) return undefined;
  const timedOut = now >= duty.startedAt + settings.launchTimeoutSeconds * 1000;
  if (duty.transition === 'launching' && timedOut) return undefined;
  return duty.zonesLeft?.[0];
}

/** The hook as the next zone takes it: its own drain and INSYNC still to see, the zones after it left. */
export function handedOn(duty: HookDuty): HookDuty {
  const { kind, region, transition, action, warmPool, startedAt, heartbeatAt } = duty;
  const after = (duty.zonesLeft ?? []).slice(1);
  return {
    ...{ kind, region, transition, action, warmPool, startedAt },
    ...(heartbeatAt !== undefined && { heartbeatAt }),
    ...(after.length > 0 && { zonesLeft: after }),
  };
}
