import type { RebalancerSpec } from '../domain/spec.js';
import { silentLogger } from '../app/log.js';
import { type Logger } from '../app/ports.js';
import { reconcile } from '../app/reconcile.js';
import type { OfflineState } from '../formats/state-file.js';
import type { Scenario } from '../formats/scenario.js';
import type { Serving } from './bad-answers.js';
import { nextDue } from './agenda.js';
import type { Handling, HealthCheckComparison, SimulationResult } from './frames.js';
import { measureFrames, resolutionsOf, stepBadAnswers, type UnmeasuredFrame } from './measure.js';
import { exclusions, type Exclusion } from './exclusion.js';
import { clockFrame, drainMail, runStep, runTimers } from './moments.js';
import { PROPAGATION_SECONDS } from './propagation.js';
import { simWorld, type SimWorld } from './sim-world.js';
import { viewFrame } from './view-frame.js';

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
