/**
 * `npm run bench`: issue 9's transitions measured in bad answers. The same
 * scenario (examples/lifecycle: a scale-in of 10 of 30 instances, a scale-out
 * of 10 with a 90 s boot, a Spot notice, an application crash) runs under
 * state-change handling only, as before lifecycle hooks and readiness, and
 * under this design. Bad answers are answer-seconds: the share of the answers
 * (cached ones included, until their TTL runs out) pointing to an instance
 * that cannot serve, integrated over time. Simulated time: deterministic.
 */
import { loadConfig } from '../shared/formats/config/load.js';
import { loadScenario } from '../shared/formats/scenario.js';
import { loadStateFile } from '../shared/formats/state-file.js';
import type { SimulationResult } from '../shared/sim/frames.js';
import { simulate } from '../shared/sim/simulate.js';

export const LIFECYCLE_EXAMPLE = 'examples/lifecycle';

/** The actions announced ahead: the design must leave no bad answer for them. */
const PLANNED: ReadonlySet<string> = new Set(['scale-in', 'scale-out', 'spot-interruption']);

export interface TransitionFigures {
  readonly title: string;
  /** A transition we are told of ahead: a scale-in, a scale-out, a Spot notice. */
  readonly planned: boolean;
  readonly today: number;
  readonly design: number;
}

export interface LifecycleFigures {
  readonly transitions: readonly TransitionFigures[];
  readonly total: { readonly today: number; readonly design: number };
  readonly plannedTotal: { readonly today: number; readonly design: number };
  readonly propagationSeconds: number;
}

/** Both runs of the example, step by step (a step's follow-ups included). */
export async function lifecycleFigures(dir = LIFECYCLE_EXAMPLE): Promise<LifecycleFigures> {
  const [spec, state, scenario] = await Promise.all([
    loadConfig(`${dir}/config.yaml`),
    loadStateFile(`${dir}/state.json`),
    loadScenario(`${dir}/scenario.yaml`),
  ]);
  const [today, design]: [SimulationResult, SimulationResult] = await Promise.all([
    simulate(spec, state, scenario, { handling: 'state-change-only' }),
    simulate(spec, state, scenario, { handling: 'design' }),
  ]);
  // Both list the start, then every scenario step in order: the clock's frames are folded into them.
  const transitions = today.badAnswers.steps.map((step, i) => ({
    title: step.title,
    planned: PLANNED.has(scenario.steps[i - 1]?.action.kind ?? 'start'),
    today: step.answerSeconds,
    design: design.badAnswers.steps[i]?.answerSeconds ?? NaN,
  }));
  const planned = transitions.filter((t) => t.planned);
  return {
    transitions,
    total: { today: today.badAnswers.answerSeconds, design: design.badAnswers.answerSeconds },
    plannedTotal: {
      today: planned.reduce((sum, t) => sum + t.today, 0),
      design: planned.reduce((sum, t) => sum + t.design, 0),
    },
    propagationSeconds: design.badAnswers.propagationSeconds,
  };
}

const figure = (x: number): string => (x === 0 ? '0' : x.toFixed(2));

/** today / design, or what it means when the design has none. */
export function ratio(today: number, design: number): string {
  if (design === 0) return today === 0 ? '-' : 'none left';
  return `${(today / design).toFixed(1)}x`;
}

export async function benchLifecycle(): Promise<void> {
  const figures = await lifecycleFigures();
  const row = (transition: string, today: number, design: number) => ({
    transition,
    'today (state changes only)': figure(today),
    'this design': figure(design),
    'today / design': ratio(today, design),
  });
  const { plannedTotal: planned, total } = figures;
  const rows = [
    ...figures.transitions.map((t) =>
      row(`${t.planned ? '(planned) ' : ''}${t.title}`, t.today, t.design),
    ),
    row('planned transitions', planned.today, planned.design),
    row('total', total.today, total.design),
  ];
  console.log(
    `\nBad answers (answer-seconds) in ${LIFECYCLE_EXAMPLE}: answers pointing to an instance that cannot serve, cached for the 60 s TTL, a change seen once INSYNC (${figures.propagationSeconds} s); state-change handling only against this design`,
  );
  console.table(rows);
}
