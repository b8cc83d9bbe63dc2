import type { RebalancerSpec } from '../domain/spec.js';
import { InputError } from '../domain/errors.js';
import type { ScenarioStep } from '../formats/scenario.js';
import { takeDue } from './agenda.js';
import type { UnmeasuredFrame } from './measure.js';
import type { Delivery, SimWorld } from './sim-world.js';
import { countNotes, describeAction, eventSummary } from './step-text.js';
import { viewFrame } from './view-frame.js';

/*
 * One moment of a replay (simulate.ts): a scenario step and its events, the
 * timers due, the mail to the writer, and the frame each leaves.
 */

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

/** Runs the timers due now; their events go to the intake with the rest of this moment's mail. */
export function runTimers(world: SimWorld): void {
  for (const timer of takeDue(world.clock.timers, world.clock.now)) {
    const events = timer.run();
    if (events === undefined) continue;
    world.notes.push(timer.note);
    world.post(events);
  }
}

/** Delivers this moment's mail until none is left (a completed hook emits events now). */
export async function drainMail(world: SimWorld): Promise<Delivery[]> {
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
export function clockFrame(
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
export async function runStep(
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
