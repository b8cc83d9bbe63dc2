import type { Alarm, Instance, InstanceStatus } from './fleet.js';
import {
  lifecycleVerdict,
  readinessProblems,
  type LifecycleInfo,
  type ReadinessSpec,
} from './readiness.js';
import type { ServiceSpec } from '../spec.js';

/**
 * Why an instance does or does not receive traffic. Only `healthy` serves.
 * `draining`, `impaired` and `alarm` keep a record at weight 0 (weighted mode)
 * so recovery is one weight change; instances that are not running, or have no
 * address of the configured kind, lose their records: their IP may be reused.
 * `not-ready` instances (booting, Pending:Wait, a warm pool) get none yet.
 */
export type HealthStatus =
  'healthy' | 'draining' | 'impaired' | 'alarm' | 'not-ready' | 'not-running' | 'no-address';

/** What decides whether a running instance may serve beyond its own checks. */
export interface ServingGate {
  /** Its Auto Scaling lifecycle state; undefined when it is in no group (EC2 rules alone). */
  readonly lifecycle?: LifecycleInfo | undefined;
  readonly readiness?: ReadinessSpec | undefined;
  /** Epoch milliseconds of the read, when known (grace periods need it). */
  readonly now?: number | undefined;
  /** Its address is answered today: readiness rules admit, they never take an instance out. */
  readonly answeredNow?: boolean;
  /** Why it must drain now, from a notice not yet visible in what was read (a Spot warning). */
  readonly notice?: string | undefined;
  /** The readiness rules it fails, when the caller has them already; else worked out from `readiness`. */
  readonly unready?: readonly string[];
  /** The writer holds its launch hook: in Pending:Wait it may serve once ready (the hook waits for the records). */
  readonly launching?: boolean;
  /** The id of its Route 53 health check when that check reports it unhealthy. */
  readonly failingCheck?: string | undefined;
}

/**
 * Pending:Wait serves only under our own launch hook: the hook is completed
 * once the records name the instance, so it is admitted while the hook holds
 * it (the hook's work item says so) and kept while the records already answer
 * with it (a later reconcile without the hook must not take it out again).
 */
function heldForLaunch(gate: ServingGate): boolean {
  return (
    gate.lifecycle?.state === 'Pending:Wait' &&
    (gate.launching === true || gate.answeredNow === true)
  );
}

export interface HealthVerdict {
  readonly status: HealthStatus;
  readonly reasons: readonly string[];
}

/** One verdict for every healthy instance: it is never changed, and most instances are healthy. */
const HEALTHY: HealthVerdict = Object.freeze({ status: 'healthy', reasons: Object.freeze([]) });

/** Index of instance id -> names of alarms in ALARM that name it, for the alarms this service watches. */
export function alarmsByInstance(
  alarms: readonly Alarm[] | undefined,
  prefix: string | undefined,
): ReadonlyMap<string, string[]> {
  const index = new Map<string, string[]>();
  if (alarms === undefined || prefix === undefined) return index;
  for (const alarm of alarms) {
    if (alarm.state !== 'ALARM' || !alarm.name.startsWith(prefix)) continue;
    for (const id of alarm.instanceIds) index.set(id, [...(index.get(id) ?? []), alarm.name]);
  }
  return index;
}

/** True when judging the service needs the instance status checks: for health, or for readiness. */
export function needsStatuses(health: ServiceSpec['health']): boolean {
  return health.statusChecks || health.readiness.statusOk;
}

/** The drain tag values the rebalancer itself writes when EC2 announces an instance's end. */
export const NOTICE_DRAIN_VALUES = ['spot-interruption', 'rebalance-recommendation'] as const;

/** True when a drain tag value asks for draining ("true", any case, "1"/"yes", or a notice we wrote). */
export function isDrainValue(value: string | undefined): boolean {
  return (
    value !== undefined &&
    ['true', '1', 'yes', ...NOTICE_DRAIN_VALUES].includes(value.trim().toLowerCase())
  );
}

/** The health verdict for one instance; the first failing check gives the status, all give reasons. */
export function healthOf(
  instance: Instance,
  address: string | undefined,
  spec: ServiceSpec['health'],
  status: InstanceStatus | undefined,
  alarmNames: readonly string[] | undefined,
  gate: ServingGate = {},
): HealthVerdict {
  if (instance.state !== 'running') {
    return { status: 'not-running', reasons: [`state ${instance.state}`] };
  }
  if (address === undefined)
    return { status: 'no-address', reasons: ['no address of the configured kind'] };
  // Made at the first failure: most instances have none.
  let failures: { status: HealthStatus; reason: string }[] | undefined;
  const lifecycle = gate.lifecycle === undefined ? undefined : lifecycleVerdict(gate.lifecycle);
  if (gate.notice !== undefined)
    (failures ??= []).push({ status: 'draining', reason: gate.notice });
  if (lifecycle?.kind === 'leaving')
    (failures ??= []).push({ status: 'draining', reason: lifecycle.reason });
  if (lifecycle?.kind === 'not-ready' && !heldForLaunch(gate))
    (failures ??= []).push({ status: 'not-ready', reason: lifecycle.reason });
  if (spec.drainTag !== undefined && isDrainValue(instance.tags[spec.drainTag])) {
    (failures ??= []).push({
      status: 'draining',
      reason: `tag ${spec.drainTag}=${instance.tags[spec.drainTag] ?? ''}`,
    });
  }
  if (spec.statusChecks && status?.instance === 'impaired') {
    (failures ??= []).push({ status: 'impaired', reason: 'instance status check impaired' });
  }
  if (spec.statusChecks && status?.system === 'impaired') {
    (failures ??= []).push({ status: 'impaired', reason: 'system status check impaired' });
  }
  if (alarmNames !== undefined)
    for (const name of alarmNames)
      (failures ??= []).push({ status: 'alarm', reason: `alarm ${name} in ALARM` });
  if (gate.failingCheck !== undefined)
    (failures ??= []).push({
      status: 'alarm',
      reason: `Route 53 health check ${gate.failingCheck} failing`,
    });
  // Readiness admits an otherwise healthy instance; it adds nothing to one already failing.
  if (failures === undefined && gate.answeredNow !== true) {
    const unready =
      gate.unready ??
      (gate.readiness === undefined
        ? []
        : readinessProblems(instance, status, gate.readiness, gate.now));
    for (const problem of unready)
      (failures ??= []).push({ status: 'not-ready', reason: `not ready: ${problem}` });
  }
  const first = failures?.[0];
  if (failures === undefined || first === undefined) return HEALTHY;
  return { status: first.status, reasons: failures.map((f) => f.reason) };
}
