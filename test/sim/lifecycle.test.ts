import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/formats/config/load.js';
import { loadScenario } from '../../shared/formats/scenario.js';
import { loadStateFile } from '../../shared/formats/state-file.js';
import type { Handling, SimulationResult } from '../../shared/sim/frames.js';
import { simulate } from '../../shared/sim/simulate.js';

const DIR = 'examples/lifecycle';

async function run(handling: Handling, propagationSeconds?: number): Promise<SimulationResult> {
  const [spec, state, scenario] = await Promise.all([
    loadConfig(`${DIR}/config.yaml`),
    loadStateFile(`${DIR}/state.json`),
    loadScenario(`${DIR}/scenario.yaml`),
  ]);
  return simulate(spec, state, scenario, {
    handling,
    ...(propagationSeconds !== undefined && { propagationSeconds }),
  });
}

/** Bad answer-seconds of the step whose title starts with `title`. */
function stepFigure(result: SimulationResult, title: string): number {
  const step = result.badAnswers.steps.find((s) => s.title.startsWith(title));
  if (step === undefined) throw new Error(`no step ${title}`);
  return step.answerSeconds;
}

const PLANNED = ['api-prod scales in', 'api-prod scales out', 'EC2 warns that Spot instance'];

describe('the lifecycle example, measured in bad answers', () => {
  it('gives zero bad answers for every planned transition as designed: a scale-in with a hook, a scale-out, a Spot notice', async () => {
    const design = await run('design');
    for (const title of PLANNED) expect(stepFigure(design, title), title).toBe(0);
  });

  it('gives bad answers for each of them with state-change handling only, as hand-computed', async () => {
    const today = await run('state-change-only');
    // 10 of 30 shut down at once: a third of the answers, INSYNC 30 s later, then cached half a TTL on average.
    expect(stepFigure(today, 'api-prod scales in')).toBeCloseTo((10 / 30) * (30 + 30), 1);
    // 10 new of 30 answered from INSYNC (30 s) until their boot ends (90 s), the cache filling over a TTL.
    expect(stepFigure(today, 'api-prod scales out')).toBeCloseTo((10 / 30) * 30, 9);
    // One of 30 answered until EC2 takes it, then INSYNC 30 s later and cached half a TTL.
    expect(stepFigure(today, 'EC2 warns that Spot instance')).toBeCloseTo((1 / 30) * 60, 9);
  });

  it('counts an application failure EC2 cannot see the same either way: its share for as long as it lasts', async () => {
    const [design, today] = await Promise.all([run('design'), run('state-change-only')]);
    const crash = 'the application on api-prod-12 crashes';
    expect(stepFigure(design, crash)).toBeCloseTo((1 / 29) * 120, 9);
    expect(stepFigure(today, crash)).toBeCloseTo(stepFigure(design, crash), 9);
  });

  it('completes the terminate hooks once the drain is INSYNC (30 s) and the TTL and margin (70 s) have passed', async () => {
    const design = await run('design');
    const completed = design.frames.find((f) => f.title.startsWith('terminate hook completed'));
    expect(completed).toMatchObject({ trigger: 'clock', at: 60 + 30 + 70 });
    expect(completed?.written.flatMap((b) => b.Changes.map((c) => c.Action))).toEqual(
      Array(10).fill('DELETE'),
    );
    const drained = design.frames.find((f) => f.at === 60);
    expect(drained?.events).toBe('10 lifecycle action');
  });

  it('counts a change as seen only once INSYNC: without the delay, a scale-in without a hook costs half as much', async () => {
    const today = await run('state-change-only', 0);
    expect(stepFigure(today, 'api-prod scales in')).toBeCloseTo((10 / 30) * 30, 1);
    expect(today.badAnswers.propagationSeconds).toBe(0);
  });

  it('adds the frames up into the steps, and the steps into the total', async () => {
    const result = await run('state-change-only');
    const frames = result.frames.reduce((sum, f) => sum + f.badAnswers.answerSeconds, 0);
    const steps = result.badAnswers.steps.reduce((sum, s) => sum + s.answerSeconds, 0);
    expect(frames).toBeCloseTo(result.badAnswers.answerSeconds, 9);
    expect(steps).toBeCloseTo(result.badAnswers.answerSeconds, 9);
    // Frame intervals tile the run: each ends where the next begins.
    result.frames.slice(1).forEach((f, i) => {
      expect(result.frames[i]?.badAnswers.until).toBe(f.at);
    });
  });
});
