import type { Plan } from '../domain/plan/plan.js';
import { plan } from '../domain/plan/planner.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { createHostedZone } from '../domain/dns/zone/index.js';
import { InputError } from '../domain/errors.js';
import { intake } from '../app/intake.js';
import { silentLogger } from '../app/log.js';
import { type Logger } from '../app/ports.js';
import { reconcile, type ReconcileDeps } from '../app/reconcile.js';
import type { OfflineState } from '../formats/state-file.js';
import type { SimulationFrame, SimulationResult } from './frames.js';
import { frameOf } from './frames-of.js';
import { memoryFleet, type MemoryFleet } from './memory-fleet.js';
import { memoryZone } from './memory-zone.js';
import type { Action, Scenario, ScenarioStep } from '../formats/scenario.js';

function describeAction(action: Action): string {
  switch (action.kind) {
    case 'launch':
      return `launch ${action.count} in ${action.zone}`;
    case 'alarm':
      return `alarm ${action.name} to ALARM`;
    case 'alarm-ok':
      return `alarm ${action.name} back to OK`;
    case 'lose-zone':
      return `zone ${action.zone} lost`;
    case 'restore-zone':
      return `zone ${action.zone} restored`;
    case 'empty-region':
      return `region ${action.region} emptied`;
    case 'schedule':
      return 'scheduled reconcile';
    default:
      return `${action.kind} ${action.instances.join(', ')}`;
  }
}

/** Applies a step; a problem with it (an unknown instance, say) names the scenario's file and the step. */
function applyStep(
  fleet: MemoryFleet,
  step: ScenarioStep,
  index: number,
  source: string,
): unknown[] {
  try {
    return fleet.apply(step.action, step.at);
  } catch (error) {
    if (error instanceof InputError)
      throw new InputError(
        source,
        error.problems.map((p) => `steps[${index}]: ${p}`),
      );
    throw error;
  }
}

/** What the step's events did: the intake's summary, or why nothing was queued and the schedule stepped in. */
function eventSummary(
  count: number,
  reason: string | undefined,
  ignored: readonly string[],
): string {
  if (reason !== undefined)
    return ignored.length === 0 ? reason : `${reason}; ${ignored.length} ignored`;
  if (count === 0) return 'no event for this change: the schedule catches it';
  return `${count} event${count === 1 ? '' : 's'} ignored (${ignored.map((i) => i.replace(/^[^:]+: /, '')).join('; ')}): the schedule catches the change`;
}

/**
 * Replays a scenario through the real pipeline: each step changes the
 * in-memory fleet, its events go through the intake (as SQS would deliver
 * them), and the resulting work item runs the real reconcile loop against the
 * hosted-zone model. Steps that emit no event are caught by a scheduled
 * reconcile, as in AWS. A frame after each step shows what was written and
 * the traffic the records now give each instance.
 */
export async function simulate(
  spec: RebalancerSpec,
  state: OfflineState,
  scenario: Scenario,
  log: Logger = silentLogger,
): Promise<SimulationResult> {
  const zone = createHostedZone({ zoneId: spec.hostedZoneId }, state.records);
  const fleet = memoryFleet(spec, state.regions);
  let clock = 0;
  const deps: ReconcileDeps = {
    zone: memoryZone(zone),
    readRegion: (region) => {
      const observed = fleet.observe(region);
      return observed === undefined
        ? Promise.reject(new Error(`no data for ${region} in the state file`))
        : Promise.resolve(observed);
    },
    log,
    now: () => new Date(Date.UTC(2026, 0, 1) + clock * 1000),
  };
  // The converged view of every region, with the statuses of what this step's reconcile did.
  const frame = (
    step: number,
    title: string,
    events: string,
    done: Plan,
    written: SimulationFrame['written'],
  ): SimulationFrame => {
    const regions = new Map(
      spec.services.flatMap((s) =>
        s.regions.flatMap((r) => {
          const observed = fleet.observe(r.region);
          return observed === undefined ? [] : [[r.region, observed] as const];
        }),
      ),
    );
    const view = plan({ spec, records: zone.records(), regions, reason: 'view' });
    const happened = new Map(
      done.services.flatMap((s) => s.regions.map((r) => [`${s.name}|${r.region}`, r] as const)),
    );
    const merged: Plan = {
      ...view,
      services: view.services.map((s) => ({
        ...s,
        regions: s.regions.map((r) => {
          const did = happened.get(`${s.name}|${r.region}`);
          return did === undefined ? r : { ...r, status: did.status, reasons: did.reasons };
        }),
      })),
    };
    return frameOf(spec, merged, zone.records(), { step, at: clock, title, events, written });
  };

  const first = await reconcile({ spec, reason: 'first reconcile' }, deps);
  const frames: SimulationFrame[] = [
    frame(0, 'first reconcile of the state file', 'none', first.plan, first.written),
  ];
  for (const [i, step] of scenario.steps.entries()) {
    clock = step.at;
    const events = applyStep(fleet, step, i, scenario.source);
    const { item, failures, ignored } = intake(
      events.map((body, n) => ({ messageId: `e${n}`, body: JSON.stringify(body) })),
      spec,
    );
    if (failures.length > 0)
      throw new Error(`simulated events rejected: ${failures.map((f) => f.problem).join('; ')}`);
    const work = item ?? { scope: [], reason: 'scheduled reconcile', events: 0 };
    const result = await reconcile({ spec, scope: work.scope, reason: work.reason }, deps);
    frames.push(
      frame(
        i + 1,
        step.say ?? describeAction(step.action),
        eventSummary(events.length, item?.reason, ignored),
        result.plan,
        result.written,
      ),
    );
  }
  return { scenario: { name: scenario.name, description: scenario.description }, frames };
}
