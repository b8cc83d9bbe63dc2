import type { Plan } from '../domain/plan/plan.js';
import { plan } from '../domain/plan/planner.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { InputError } from '../domain/errors.js';
import { silentLogger } from '../app/log.js';
import { type Logger } from '../app/ports.js';
import { reconcile } from '../app/reconcile.js';
import type { OfflineState } from '../formats/state-file.js';
import type { Action, Scenario, ScenarioStep } from '../formats/scenario.js';
import type { Serving } from './bad-answers.js';
import { nextDue, takeDue } from './agenda.js';
import type {
  FrameTrigger,
  Handling,
  HealthCheckComparison,
  SimulationFrame,
  SimulationResult,
} from './frames.js';
import { frameOf } from './frames-of.js';
import { measureFrames, resolutionsOf, stepBadAnswers, type UnmeasuredFrame } from './measure.js';
import { exclusions, type Exclusion } from './exclusion.js';
import { PROPAGATION_SECONDS } from './propagation.js';
import { healthAt } from './health-watch.js';
import { simWorld, type Delivery, type SimWorld } from './sim-world.js';

export interface SimulateOptions {
  readonly log?: Logger;
  /** `state-change-only`: the rebalancer before lifecycle hooks and readiness, for comparison. */
  readonly handling?: Handling;
  readonly propagationSeconds?: number;
  /**
   * False: the services' health.route53 is ignored, as a deployment without
   * health checks. When a service has one (and the run is as designed), the
   * scenario is also replayed without, for the time to exclusion of each
   * application failure side by side.
   */
  readonly healthChecks?: boolean;
}

/** The most clock ticks a scenario may take: follow-ups that never settle are a bug, not a long run. */
const MAX_TICKS = 10_000;

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
    case 'scale-in':
      return `${action.group} scales in by ${action.count}`;
    case 'scale-out':
      return `${action.group} scales out by ${action.count} (${action.bootSeconds}s boot)`;
    default:
      return `${action.kind} ${action.instances.join(', ')}`;
  }
}

/** Applies a step; a problem with it (an unknown instance, say) names the scenario's file and the step. */
function applyStep(world: SimWorld, step: ScenarioStep, index: number, source: string): unknown[] {
  try {
    return world.fleet.apply(step.action, step.at);
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

/** "instance booted (x10); terminate hook completed (CONTINUE) (x10)". */
function countNotes(notes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const note of notes) counts.set(note, (counts.get(note) ?? 0) + 1);
  return [...counts].map(([note, n]) => (n === 1 ? note : `${note} (x${n})`)).join('; ');
}

/** The converged view of every region, with the statuses of what the reconcile did. */
function viewFrame(
  world: SimWorld,
  spec: RebalancerSpec,
  header: { step: number; trigger: FrameTrigger; title: string; events: string },
  done: Plan | undefined,
  written: SimulationFrame['written'],
): UnmeasuredFrame {
  const regions = new Map(
    spec.services.flatMap((s) =>
      s.regions.flatMap((r) => {
        const observed = world.fleet.observe(r.region);
        return observed === undefined ? [] : [[r.region, observed] as const];
      }),
    ),
  );
  const view = plan({
    spec,
    records: world.zone.records(),
    regions,
    reason: 'view',
    ...(world.health !== undefined && { healthChecks: world.health.world(spec.ownerId) }),
  });
  const happened = new Map(
    (done?.services ?? []).flatMap((s) =>
      s.regions.map((r) => [`${s.name}|${r.region}`, r] as const),
    ),
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
  const { trigger, ...rest } = header;
  const health = world.health?.timeline();
  const frame = frameOf(
    spec,
    merged,
    world.zone.records(),
    { ...rest, at: world.clock.now, written },
    health === undefined ? undefined : healthAt(health, world.clock.now),
  );
  return { ...frame, trigger };
}

/** The rebalancer before lifecycle hooks and readiness: an instance serves once EC2 says running. */
export function stateChangeOnly(spec: RebalancerSpec): RebalancerSpec {
  return {
    ...spec,
    services: spec.services.map((s) => ({
      ...s,
      health: { ...s.health, readiness: { graceSeconds: 0, statusOk: false, tag: undefined } },
    })),
  };
}

/** Runs the timers due now; their events go to the intake with the rest of this moment's mail. */
function runTimers(world: SimWorld): void {
  for (const timer of takeDue(world.clock.timers, world.clock.now)) {
    const events = timer.run();
    if (events === undefined) continue;
    world.notes.push(timer.note);
    world.post(events);
  }
}

/** Delivers this moment's mail until none is left (a completed hook emits events now). */
async function drainMail(world: SimWorld): Promise<Delivery[]> {
  const done: Delivery[] = [];
  for (let round = 0; round < 100; round++) {
    const due = takeDue(world.clock.mail, world.clock.now);
    if (due.length === 0) break;
    const delivery = await world.deliver(
      due.map((m) => m.body),
      undefined,
    );
    if (delivery !== undefined) done.push(delivery);
  }
  return done;
}

/** The frame of what the clock did at this moment, when it did anything worth one. */
function clockFrame(
  world: SimWorld,
  spec: RebalancerSpec,
  step: number,
  done: readonly Delivery[],
) {
  const written = done.flatMap((d) => d.written);
  const last = done.at(-1);
  if (world.notes.length === 0 && written.length === 0) return undefined;
  const events = done.map((d) => d.item?.reason).filter((r) => r !== undefined);
  const title =
    world.notes.length > 0
      ? countNotes(world.notes)
      : `follow-up: ${last?.reasons.join('; ') ?? ''}`;
  world.notes.length = 0;
  const header = {
    step,
    trigger: 'clock' as const,
    title,
    events: events.length > 0 ? events.join('; ') : done.length > 0 ? 'follow-ups' : 'none',
  };
  return viewFrame(world, spec, header, last?.plan, written);
}

/** One scenario step: its events and this moment's mail to the writer, the schedule when none is work. */
async function runStep(
  world: SimWorld,
  spec: RebalancerSpec,
  at: { step: ScenarioStep; index: number; source: string },
  number: number,
): Promise<UnmeasuredFrame> {
  const events = applyStep(world, at.step, at.index, at.source);
  world.notes.length = 0;
  const due = takeDue(world.clock.mail, world.clock.now).map((m) => m.body);
  const done = await world.deliver([...events.map((e) => JSON.stringify(e)), ...due], {
    scope: [],
    reason: 'scheduled reconcile',
    events: 0,
  });
  const title = at.step.say ?? describeAction(at.step.action);
  const summary = eventSummary(events.length, done?.item?.reason, done?.ignored ?? []);
  const header = { step: number, trigger: 'step' as const, title, events: summary };
  return viewFrame(world, spec, header, done?.plan, done?.written ?? []);
}

/**
 * Replays a scenario through the real pipeline on a discrete-event clock:
 * each step changes the in-memory fleet, its events go through the intake
 * (as SQS would deliver them) to the writer (reconcileQueued, duties and
 * all) against the hosted-zone model; follow-ups the writer queues and the
 * fleet's timed transitions (boots, Spot terminations, hook timeouts) come
 * back at their time. Steps that emit no event are caught by a scheduled
 * reconcile, as in AWS. A frame after each step (and after each moment the
 * clock changed something) shows what was written, the traffic the records
 * give each instance, and the bad answers until the next frame. A service
 * with health.route53 gets Route 53's checkers: they probe each endpoint at
 * its check times (moments of the clock), Route 53 skips a record whose check
 * is unhealthy with no reconcile, and the scenario is replayed without the
 * checks too, for each application failure's time to exclusion side by side.
 */
export async function simulate(
  config: RebalancerSpec,
  state: OfflineState,
  scenario: Scenario,
  options: SimulateOptions = {},
): Promise<SimulationResult> {
  const run = await replay(config, state, scenario, options);
  if (run.checks === undefined) return run.result;
  const without = await replay(config, state, scenario, { ...options, healthChecks: false });
  return {
    ...run.result,
    healthChecks: {
      withChecks: run.exclusions,
      withoutChecks: without.exclusions,
      withoutAnswerSeconds: without.result.badAnswers.answerSeconds,
      checks: run.checks,
      boundSeconds: exclusionBound(config),
    },
  };
}

/** One replay: its result, its application failures measured, and whether health checks ran. */
async function replay(
  config: RebalancerSpec,
  state: OfflineState,
  scenario: Scenario,
  options: SimulateOptions,
): Promise<{
  result: SimulationResult;
  exclusions: Exclusion[];
  checks: HealthCheckComparison['checks'] | undefined;
}> {
  const handling = options.handling ?? 'design';
  const spec = withoutChecksIf(
    options.healthChecks === false,
    handling === 'state-change-only' ? stateChangeOnly(config) : config,
  );
  const delay = options.propagationSeconds ?? PROPAGATION_SECONDS;
  const world = simWorld(
    spec,
    state,
    scenario.autoScalingGroups,
    handling,
    delay,
    options.log ?? silentLogger,
  );
  const first = await reconcile({ spec, reason: 'first reconcile' }, world.deps);
  const header = {
    step: 0,
    trigger: 'start' as const,
    title: 'first reconcile of the state file',
    events: 'none',
  };
  const frames: UnmeasuredFrame[] = [viewFrame(world, spec, header, first.plan, first.written)];
  const serving = world.serving;
  serving.push({ from: 0, down: world.fleet.cannotServe() });
  world.health?.afterMoment(new Set());
  let index = 0;
  for (let ticks = 0; ; ticks++) {
    const next = [scenario.steps[index]?.at, nextDue(world.clock)].filter((t) => t !== undefined);
    if (next.length === 0) break;
    if (ticks > MAX_TICKS)
      throw new Error(`the simulation did not settle after ${MAX_TICKS} moments`);
    world.clock.now = Math.min(...next);
    runTimers(world);
    for (
      let step = scenario.steps[index];
      step?.at === world.clock.now;
      step = scenario.steps[++index]
    )
      frames.push(
        await runStep(world, spec, { step, index, source: scenario.source }, frames.length),
      );
    const clocked = clockFrame(world, spec, frames.length, await drainMail(world));
    if (clocked !== undefined) frames.push(clocked);
    // Not inside the call: `?.` would skip recording when there are no checks.
    const changed = recordServing(serving, world.clock.now, world.fleet.cannotServe());
    world.health?.afterMoment(changed);
  }
  const checks = world.health?.checks;
  return {
    ...measured(world, spec, scenario, frames, serving, handling),
    checks: checks && {
      created: checks.created(),
      remaining: checks.all().length,
      deletesWhileInUse: checks.deletesWhileInUse(),
    },
  };
}

/** The spec without Route 53 health checks, when asked. */
function withoutChecksIf(strip: boolean, spec: RebalancerSpec): RebalancerSpec {
  if (!strip) return spec;
  return {
    ...spec,
    services: spec.services.map((s) => ({ ...s, health: { ...s.health, route53: undefined } })),
  };
}

/** interval x threshold + TTL: a check's detection at worst, then the cached answers' expiry. */
function exclusionBound(spec: RebalancerSpec): number {
  return Math.max(
    0,
    ...spec.services.map((s) => {
      const check = s.health.route53;
      return check === undefined ? 0 : check.requestInterval * check.failureThreshold + s.ttl;
    }),
  );
}

/** The frames with their bad answers, the last one's until every cache has emptied. */
function measured(
  world: SimWorld,
  spec: RebalancerSpec,
  scenario: Scenario,
  frames: readonly UnmeasuredFrame[],
  serving: readonly Serving[],
  handling: Handling,
): { result: SimulationResult; exclusions: Exclusion[] } {
  const delay = world.propagationSeconds;
  const settled = Math.max(frames.at(-1)?.at ?? 0, serving.at(-1)?.from ?? 0);
  const end = settled + delay + Math.max(0, ...spec.services.map((s) => s.ttl));
  const health = world.health?.timeline();
  const all = measureFrames(spec, world.dns.history(), serving, frames, end, health);
  const steps = stepBadAnswers(all);
  const excluded = exclusions(
    scenario,
    resolutionsOf(spec, world.dns.history(), health),
    serving,
    end,
  );
  const result: SimulationResult = {
    scenario: { name: scenario.name, description: scenario.description },
    frames: all,
    badAnswers: {
      handling,
      propagationSeconds: delay,
      answerSeconds: steps.reduce((sum, s) => sum + s.answerSeconds, 0),
      steps,
    },
  };
  return { result, exclusions: excluded };
}

/** Adds who cannot serve from `at`, when it changed; the addresses that changed. */
function recordServing(serving: Serving[], at: number, down: Map<string, string>): Set<string> {
  const last = serving.at(-1);
  const before = last?.down ?? new Map<string, string>();
  const changed = new Set(
    [...before.keys(), ...down.keys()].filter((a) => before.get(a) !== down.get(a)),
  );
  if (changed.size === 0) return changed;
  if (last?.from === at) serving.pop();
  serving.push({ from: at, down });
  return changed;
}
