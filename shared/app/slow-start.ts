import { READY_SINCE_TAG } from '../domain/fleet/slow-start.js';
import type { Duty, RampDuty } from '../domain/lifecycle/duties.js';
import type { RegionPlan } from '../domain/plan/plan.js';
import type { InstanceTagger, Logger, RetryQueue } from './ports.js';
import type { ReconcileResult } from './reconcile-types.js';
import { MAX_DELAY_SECONDS } from './retry.js';

/*
 * What the writer does for slow start once a reconcile's batches are written:
 * it tags each instance admitted now with the moment (the ramp's start, read
 * back by every later plan), and queues the unit's next reconcile for the next
 * step, through the retry queue and so the one writer, rather than waiting
 * for the schedule. A failure here never fails the batch: the records are
 * right, and the schedule writes a missed step late rather than never.
 */

export interface SlowStartDeps {
  /** Undefined when there is no EC2 wiring: ramps then count from LaunchTime + grace once answered. */
  readonly tagger: ((region: string) => InstanceTagger) | undefined;
  readonly retry: RetryQueue;
  readonly log: Logger;
  readonly now: () => Date;
  /** The hosted zone reconciled (several zones only): the next step comes back to its group. */
  readonly zone?: string | undefined;
}

const unitKey = (service: string, region: string): string => `${service}|${region}`;

/** The moment of the region's next ramp step, if any member still ramps. */
function nextStep(region: RegionPlan): number | undefined {
  const steps = region.members.flatMap((m) => (m.ramp === undefined ? [] : [m.ramp.nextAt]));
  return steps.length === 0 ? undefined : Math.min(...steps);
}

async function tagAdmitted(region: RegionPlan, deps: SlowStartDeps): Promise<void> {
  if (deps.tagger === undefined) return;
  const routed = new Set(region.routes.filter((r) => r.share > 0).map((r) => r.member));
  for (const member of region.members) {
    if (member.recordReadySince === undefined || !routed.has(member)) continue;
    const value = new Date(member.recordReadySince).toISOString();
    try {
      await deps.tagger(region.region).tag(member.instance.id, READY_SINCE_TAG, value);
    } catch (error) {
      deps.log.log('warn', 'ready-since tag not written', {
        instanceId: member.instance.id,
        error: error instanceof Error ? error.message : String(error),
        why: 'its ramp counts from LaunchTime + grace from now on',
      });
    }
  }
}

async function queueStep(region: RegionPlan, at: number, deps: SlowStartDeps): Promise<void> {
  const duty: RampDuty = { kind: 'ramp', service: region.service, region: region.region, at };
  const delay = Math.ceil(Math.max(0, at - deps.now().getTime()) / 1000);
  await deps.retry.send(
    {
      scope: [{ service: region.service, region: region.region }],
      reason: `follow-up (slow start): next step of ${region.service} in ${region.region}`,
      events: 0,
      duties: [duty],
      ...(deps.zone !== undefined && { zone: deps.zone }),
    },
    Math.min(MAX_DELAY_SECONDS, delay),
  );
}

/**
 * Settles slow start after the writes. A region whose changes were written
 * queues its next step; a ramp duty that came back before its step (a delay
 * beyond SQS's 900 s) is queued again for the rest. A duty whose step is due
 * ends here: this reconcile wrote the step, and queued the next, or another
 * reconcile did, and queued its own.
 */
export async function settleSlowStart(
  result: ReconcileResult,
  duties: readonly Duty[],
  deps: SlowStartDeps,
): Promise<void> {
  const now = deps.now().getTime();
  const early = new Map(
    duties.flatMap((d) =>
      d.kind === 'ramp' && d.at > now + 999 ? [[unitKey(d.service, d.region), d.at]] : [],
    ),
  );
  const wrote = result.written.length > 0;
  for (const service of result.plan.services) {
    for (const region of service.regions) {
      const written = wrote && region.status === 'changed';
      if (written) await tagAdmitted(region, deps);
      const next = nextStep(region);
      const at =
        next === undefined
          ? undefined
          : written
            ? next
            : early.get(unitKey(service.name, region.region));
      if (at === undefined) continue;
      try {
        await queueStep(region, at, deps);
      } catch (error) {
        deps.log.log('warn', 'slow start step not queued', {
          service: service.name,
          region: region.region,
          error: error instanceof Error ? error.message : String(error),
          why: 'the schedule writes it at its next run',
        });
      }
    }
  }
}
