import type { Alarm, Instance, InstanceStatus } from './fleet.js';
import type { ServiceSpec } from '../spec.js';

/**
 * Why an instance does or does not receive traffic. Only `healthy` serves.
 * `draining`, `impaired` and `alarm` keep a record at weight 0 (weighted mode)
 * so recovery is one weight change; instances that are not running, or have no
 * address of the configured kind, lose their records: their IP may be reused.
 */
export type HealthStatus =
  'healthy' | 'draining' | 'impaired' | 'alarm' | 'not-running' | 'no-address';

export interface HealthVerdict {
  readonly status: HealthStatus;
  readonly reasons: readonly string[];
}

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

/** True when a drain tag value asks for draining ("true", any case, or "1"/"yes"). */
export function isDrainValue(value: string | undefined): boolean {
  return value !== undefined && ['true', '1', 'yes'].includes(value.trim().toLowerCase());
}

/** The health verdict for one instance; the first failing check gives the status, all give reasons. */
export function healthOf(
  instance: Instance,
  address: string | undefined,
  spec: ServiceSpec['health'],
  status: InstanceStatus | undefined,
  alarmNames: readonly string[] | undefined,
): HealthVerdict {
  if (instance.state !== 'running') {
    return { status: 'not-running', reasons: [`state ${instance.state}`] };
  }
  if (address === undefined)
    return { status: 'no-address', reasons: ['no address of the configured kind'] };
  const failures: { status: HealthStatus; reason: string }[] = [];
  if (spec.drainTag !== undefined && isDrainValue(instance.tags[spec.drainTag])) {
    failures.push({
      status: 'draining',
      reason: `tag ${spec.drainTag}=${instance.tags[spec.drainTag] ?? ''}`,
    });
  }
  if (spec.statusChecks && status?.instance === 'impaired') {
    failures.push({ status: 'impaired', reason: 'instance status check impaired' });
  }
  if (spec.statusChecks && status?.system === 'impaired') {
    failures.push({ status: 'impaired', reason: 'system status check impaired' });
  }
  for (const name of alarmNames ?? [])
    failures.push({ status: 'alarm', reason: `alarm ${name} in ALARM` });
  const first = failures[0];
  if (first === undefined) return { status: 'healthy', reasons: [] };
  return { status: first.status, reasons: failures.map((f) => f.reason) };
}
