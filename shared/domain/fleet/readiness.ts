import type { Instance, InstanceStatus } from './fleet.js';

/*
 * Whether an instance can serve right now, beyond "EC2 says running": its Auto
 * Scaling lifecycle state, and the readiness signals a service chooses. Every
 * rule is a function of what was read plus the time the caller passes in.
 */

/** Where Auto Scaling has an instance, from DescribeAutoScalingInstances. */
export interface LifecycleInfo {
  readonly group: string;
  /** InService, Pending:Wait, Terminating:Wait, Standby, Warmed:Running, ... */
  readonly state: string;
}

/** What a service requires before a new instance earns traffic. */
export interface ReadinessSpec {
  /** Seconds since the instance's LaunchTime before it may serve; 0 for none. */
  readonly graceSeconds: number;
  /** The instance status check must be `ok` (not `initializing`): needs health.statusChecks. */
  readonly statusOk: boolean;
  /** A tag the instance sets on itself when its application listens, e.g. rebalancer:ready=true. */
  readonly tag: { readonly key: string; readonly value: string } | undefined;
}

/** A lifecycle state that takes an instance out: `leaving` drains it, `not-ready` keeps it out. */
export type LifecycleVerdict =
  | { readonly kind: 'in-service' }
  | { readonly kind: 'leaving' | 'not-ready'; readonly reason: string };

const LEAVING = /^(Terminating|Detaching|Detached|EnteringStandby|Standby)/;
const NOT_READY = /^(Pending|Warmed)/;

/**
 * An Auto Scaling lifecycle state as a serving verdict: only InService serves;
 * terminating, detaching and standby instances drain; pending and every warm
 * pool state (a warmed instance may be `running`) have not entered service.
 */
export function lifecycleVerdict(info: LifecycleInfo): LifecycleVerdict {
  if (info.state === 'InService') return { kind: 'in-service' };
  const reason = `Auto Scaling lifecycle ${info.state} (group ${info.group})`;
  if (LEAVING.test(info.state)) return { kind: 'leaving', reason };
  if (NOT_READY.test(info.state)) return { kind: 'not-ready', reason };
  // A state AWS adds later: not known to serve, so it does not get traffic.
  return { kind: 'not-ready', reason: `${reason}: not a serving state` };
}

/** No rule failing: shared, since most instances are ready and the list is never changed. */
const READY: readonly string[] = Object.freeze([]);

/** The readiness rules an instance fails; empty when it is ready. `now` is epoch milliseconds, when known. */
export function readinessProblems(
  instance: Instance,
  status: InstanceStatus | undefined,
  spec: ReadinessSpec,
  now: number | undefined,
): readonly string[] {
  let problems: string[] | undefined;
  if (spec.graceSeconds > 0 && now !== undefined) {
    const launched = instance.launchTime === undefined ? NaN : Date.parse(instance.launchTime);
    const age = (now - launched) / 1000;
    if (!Number.isFinite(age)) (problems ??= []).push('launch time unknown: grace period not over');
    else if (age < spec.graceSeconds)
      (problems ??= []).push(
        `launched ${Math.max(0, Math.floor(age))}s ago (grace ${spec.graceSeconds}s)`,
      );
  }
  if (spec.statusOk && status?.instance !== 'ok')
    (problems ??= []).push(
      `instance status ${status?.instance ?? 'not reported'} (waiting for ok)`,
    );
  if (spec.tag !== undefined && instance.tags[spec.tag.key] !== spec.tag.value)
    (problems ??= []).push(`tag ${spec.tag.key}=${spec.tag.value} not set yet`);
  return problems ?? READY;
}
