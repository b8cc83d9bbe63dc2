import type { Member } from '../domain/fleet/members.js';
import {
  decideHook,
  handedOn,
  nextZone,
  RECHECK_MS,
  type Duty,
  type HookDuty,
  type HookFacts,
  type HookSettings,
  type NoticeDuty,
} from '../domain/lifecycle/duties.js';
import type { RegionPlan } from '../domain/plan/plan.js';
import type { RebalancerSpec } from '../domain/spec.js';
import type { AutoScalingPort, InstanceTagger, Logger, RetryQueue } from './ports.js';
import type { ReconcileResult } from './reconcile.js';
import { MAX_DELAY_SECONDS } from './retry.js';

/** What settling duties needs beyond the reconcile's result. */
export interface DutyDeps {
  readonly autoScaling: (region: string) => AutoScalingPort;
  readonly tagger: (region: string) => InstanceTagger;
  /** Delayed follow-ups: back through the intake to the one writer. */
  readonly retry: RetryQueue;
  /** Whether a Route 53 change is INSYNC; true when it cannot be told (an offline zone). */
  readonly isInSync: (changeId: string) => Promise<boolean>;
  readonly log: Logger;
  readonly now: () => Date;
  readonly settings: HookSettings;
  /** The hosted zone reconciled (several zones only): follow-ups come back to its group. */
  readonly zone?: string | undefined;
}

/** How long a notice is re-asserted when no drain tag can hold it: past any Spot warning. */
const NOTICE_HOLD_MS = 15 * 60_000;

interface Found {
  readonly region: RegionPlan;
  readonly member: Member;
  readonly ttl: number;
}

function findMember(
  result: ReconcileResult,
  spec: RebalancerSpec,
  region: string,
  id: string,
): Found | undefined {
  for (const service of result.plan.services) {
    const plan = service.regions.find((r) => r.region === region);
    const member = plan?.members.find((m) => m.instance.id === id);
    const ttl = spec.services.find((s) => s.name === service.name)?.ttl ?? 0;
    if (plan !== undefined && member !== undefined) return { region: plan, member, ttl };
  }
  return undefined;
}

/** What the reconcile says about a hook's instance, as decideHook reads it. */
async function factsOf(
  duty: HookDuty,
  result: ReconcileResult,
  spec: RebalancerSpec,
  deps: DutyDeps,
): Promise<HookFacts> {
  const found = findMember(result, spec, duty.region, duty.action.instanceId);
  const status = found?.region.status;
  // A region that could not be read says nothing of the instance, least of all that it is not ours.
  const unread = found === undefined && result.unread.some((u) => u.region === duty.region);
  const unknown = status === undefined || status === 'skipped' || status === 'refused';
  const routed =
    found?.region.routes.some((r) => r.member === found.member && r.share > 0) ?? false;
  const answered = status === 'fail-open' || routed;
  const changeId = result.written.length > 0 ? result.lastChangeId : undefined;
  const pending = changeId ?? duty.changeId;
  return {
    member: found !== undefined || unread,
    unknown,
    drained: !answered,
    ready: found?.member.ready ?? false,
    // A refused plan is not written, and a fail-open region keeps what it had: neither names it.
    named: routed && !unknown && status !== 'fail-open',
    ttl: found?.ttl ?? 0,
    changeId,
    inSync: pending === undefined ? true : await deps.isInSync(pending),
  };
}

function followUpLabel(duty: Duty): string {
  if (duty.kind === 'hook') return duty.transition;
  return duty.kind === 'notice' ? duty.notice : 'slow start';
}

async function followUp(
  duty: Duty,
  at: number,
  why: string,
  deps: DutyDeps,
  zone = deps.zone,
): Promise<void> {
  const delay = Math.ceil(Math.max(0, at - deps.now().getTime()) / 1000);
  await deps.retry.send(
    {
      scope: [{ region: duty.region }],
      reason: `follow-up (${followUpLabel(duty)}): ${why}`,
      events: 0,
      duties: [duty],
      ...(zone !== undefined && { zone }),
    },
    Math.min(MAX_DELAY_SECONDS, delay),
  );
}

/**
 * A hook on an instance of no service here, very likely on a group the role
 * may not touch (it is granted the configured groups only): tried once, and
 * left to its owner when refused rather than retried until it expires.
 */
async function completeForeign(
  port: AutoScalingPort,
  duty: HookDuty,
  result: 'CONTINUE' | 'ABANDON',
  deps: DutyDeps,
): Promise<'completed' | 'gone' | undefined> {
  try {
    return await port.completeLifecycleAction(duty.action, result);
  } catch (error) {
    deps.log.log('warn', 'lifecycle action left to its owner', {
      instanceId: duty.action.instanceId,
      group: duty.action.autoScalingGroupName,
      hook: duty.action.lifecycleHookName,
      error: error instanceof Error ? error.message : String(error),
      why: 'not an instance of any configured service, and the completion failed',
    });
    return undefined;
  }
}

async function settleHook(
  duty: HookDuty,
  result: ReconcileResult,
  spec: RebalancerSpec,
  deps: DutyDeps,
): Promise<void> {
  const now = deps.now().getTime();
  const facts = await factsOf(duty, result, spec, deps);
  const decision = decideHook(duty, facts, now, deps.settings);
  const port = deps.autoScaling(duty.region);
  const fields = { instanceId: duty.action.instanceId, hook: duty.action.lifecycleHookName };
  const next = nextZone(duty, decision, now, deps.settings);
  if (next !== undefined && decision.kind === 'complete') {
    // Safe in this zone only: another zone may still answer with (or not yet name) the instance.
    const why = `${decision.why} in ${deps.zone ?? 'this zone'}; ${next} to confirm`;
    await followUp(handedOn(duty), now, why, deps, next);
    deps.log.log('info', 'lifecycle hook confirmed in its zone', {
      ...fields,
      zone: deps.zone,
      next,
    });
    return;
  }
  if (decision.kind === 'complete') {
    const outcome = facts.member
      ? await port.completeLifecycleAction(duty.action, decision.result)
      : await completeForeign(port, duty, decision.result, deps);
    if (outcome === undefined) return;
    if (outcome === 'gone')
      deps.log.log('warn', 'lifecycle action gone', {
        ...fields,
        why: 'no active action: expired or already completed',
      });
    else
      deps.log.log('info', 'lifecycle action completed', {
        ...fields,
        result: decision.result,
        why: decision.why,
      });
    return;
  }
  if (decision.heartbeat && (await port.recordHeartbeat(duty.action)) === 'gone') {
    deps.log.log('warn', 'lifecycle action gone', { ...fields, why: 'expired or completed' });
    return;
  }
  await followUp(decision.duty, decision.at, decision.why, deps);
}

/**
 * A notice drains its instance in the reconcile that carried it. The service's
 * drain tag, when configured, then holds it for every later reconcile; without
 * one the notice comes back as a follow-up while the instance still runs.
 */
async function settleNotice(
  duty: NoticeDuty,
  result: ReconcileResult,
  spec: RebalancerSpec,
  deps: DutyDeps,
): Promise<void> {
  const found = findMember(result, spec, duty.region, duty.instanceId);
  if (found === undefined || found.member.instance.state !== 'running') return;
  const service = spec.services.find((s) => s.name === found.region.service);
  const tag = service?.health.drainTag;
  if (tag !== undefined) {
    await deps.tagger(duty.region).tag(duty.instanceId, tag, duty.notice);
    return;
  }
  const now = deps.now().getTime();
  const until = duty.until ?? now + NOTICE_HOLD_MS;
  if (now < until) await followUp({ ...duty, until }, now + RECHECK_MS * 2, 'hold the drain', deps);
}

/**
 * Settles what the work item's events asked beyond the records, after they
 * were written. One duty's failure never stops the others and never fails the
 * invocation (the records are already right): it comes back as a follow-up.
 */
export async function settleDuties(
  duties: readonly Duty[],
  result: ReconcileResult,
  spec: RebalancerSpec,
  deps: DutyDeps,
): Promise<void> {
  for (const duty of duties) {
    try {
      if (duty.kind === 'hook') await settleHook(duty, result, spec, deps);
      else if (duty.kind === 'notice') await settleNotice(duty, result, spec, deps);
      // Ramp steps are followed up by settleSlowStart, which sees every region the plan ramps.
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      try {
        await followUp(duty, deps.now().getTime() + RECHECK_MS, `retry after: ${why}`, deps);
        deps.log.log('warn', 'duty not settled; retried later', { duty, error: why });
      } catch (again) {
        deps.log.log('error', 'duty not settled', {
          duty,
          error: why,
          retry: again instanceof Error ? again.message : String(again),
        });
      }
    }
  }
}

/** The notices of a batch as the planner's overlay: instance id -> why it drains now. */
export function noticesOf(duties: readonly Duty[]): ReadonlyMap<string, string> {
  return new Map(
    duties.flatMap((d) => (d.kind === 'notice' ? [[d.instanceId, `EC2 ${d.notice}`]] : [])),
  );
}

/** The instances whose launch hook a batch holds (warm-pool moves serve nothing). */
export function launchingOf(duties: readonly Duty[]): ReadonlySet<string> {
  return new Set(
    duties.flatMap((d) =>
      d.kind === 'hook' && d.transition === 'launching' && !d.warmPool ? [d.action.instanceId] : [],
    ),
  );
}
