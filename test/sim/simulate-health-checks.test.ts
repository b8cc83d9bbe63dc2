import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/formats/config/load.js';
import { loadScenario, parseScenario } from '../../shared/formats/scenario.js';
import { loadStateFile } from '../../shared/formats/state-file.js';
import type { SimulationFrame, SimulationResult } from '../../shared/sim/frames.js';
import { simulate, type SimulateOptions } from '../../shared/sim/simulate.js';
import { renderReport } from '../../shared/sim/report/index.js';
import { simulationText } from '../../cli/render/frame-text.js';

async function run(
  name: string,
  options: SimulateOptions = {},
  scenario?: string,
): Promise<SimulationResult> {
  const dir = `examples/${name}`;
  const [spec, state, steps] = await Promise.all([
    loadConfig(`${dir}/config.yaml`),
    loadStateFile(`${dir}/state.json`),
    scenario === undefined
      ? loadScenario(`${dir}/scenario.yaml`)
      : Promise.resolve(parseScenario(scenario, 'inline')),
  ]);
  return simulate(spec, state, steps, options);
}

const TWELVE = 'i-0c5e9a2d7b4f31012';

function twelve(frame: SimulationFrame) {
  return frame.regions[0]?.instances.find((i) => i.id.startsWith(TWELVE));
}

function writesFor(frame: SimulationFrame, id: string) {
  return frame.written.flatMap((b) =>
    b.Changes.filter((c) => c.ResourceRecordSet.SetIdentifier?.endsWith(id)),
  );
}

describe('the health-checks example (requestInterval 10, failureThreshold 3, TTL 60)', () => {
  it('stops answering with the failed instance within interval x threshold + TTL, without a reconcile', async () => {
    const result = await run('health-checks');
    const checks = result.healthChecks;
    expect(checks?.boundSeconds).toBe(90);
    const [failure] = checks?.withChecks ?? [];
    expect(failure?.at).toBe(120);
    expect(failure?.instances).toEqual([`${TWELVE} (api-prod-12)`]);
    expect(failure?.excluded).toBe(true);
    expect(failure?.lastBadAfter).toBeGreaterThan(0);
    expect(failure?.lastBadAfter).toBeLessThanOrEqual(90);
    // The check fails at 120, 130 and 140: unhealthy at 140; cached answers last 60 s more.
    expect(failure?.lastBadAfter).toBe(80);
    expect(failure?.answerSeconds).toBeCloseTo((20 + 60 / 2) / 30, 9);
  });

  it('without health checks, answers point to the dead application until it is restarted', async () => {
    const result = await run('health-checks');
    const [failure] = result.healthChecks?.withoutChecks ?? [];
    expect(failure?.excluded).toBe(false);
    expect(failure?.healed).toBe(true);
    expect(failure?.lastBadAfter).toBe(480 - 120);
    expect(failure?.answerSeconds).toBeCloseTo(360 / 30, 9);
    expect(result.healthChecks?.withoutAnswerSeconds).toBeCloseTo(12, 9);
    expect(result.badAnswers.answerSeconds).toBeCloseTo(50 / 30, 9);
  });

  it('makes each status change a moment of the clock, with its frame, and no write', async () => {
    const result = await run('health-checks');
    const turned = result.frames.filter((f) => f.trigger === 'clock');
    expect(turned.map((f) => [f.at, f.title, f.written.length])).toEqual([
      [140, '1 health check turned unhealthy', 0],
      [500, '1 health check turned healthy', 0],
    ]);
    // Route 53 alone stops answering with it: no share from the moment it turns unhealthy.
    expect(twelve(turned[0] as SimulationFrame)?.share).toBe(0);
  });

  it('attaches a check to every record, and the scheduled reconcile that reads its status takes the instance out', async () => {
    const result = await run('health-checks');
    const ids = result.frames
      .flatMap((f) => f.written.flatMap((b) => b.Changes))
      .filter((c) => c.Action === 'CREATE')
      .map((c) => c.ResourceRecordSet.HealthCheckId);
    expect(new Set(ids).size).toBe(30);
    expect(ids.every((id) => id?.startsWith('hc-sim-'))).toBe(true);
    const schedule = result.frames.find((f) => f.at === 300 && f.trigger === 'step');
    expect(schedule === undefined ? [] : writesFor(schedule, TWELVE)).toMatchObject([
      { Action: 'DELETE', ResourceRecordSet: { Weight: 255 } },
      { Action: 'CREATE', ResourceRecordSet: { Weight: 0 } },
    ]);
    expect(twelve(schedule as SimulationFrame)?.reasons).toEqual([
      'Route 53 health check hc-sim-000012 failing',
    ]);
    const back = result.frames.find((f) => f.at === 600 && f.trigger === 'step');
    expect(back === undefined ? [] : writesFor(back, TWELVE)).toMatchObject([
      { Action: 'DELETE', ResourceRecordSet: { Weight: 0 } },
      { Action: 'CREATE', ResourceRecordSet: { Weight: 255 } },
    ]);
  });

  it('ignores health.route53 when asked to: no check, no comparison, and the crash is never excluded', async () => {
    const result = await run('health-checks', { healthChecks: false });
    expect(result.healthChecks).toBeUndefined();
    const written = result.frames.flatMap((f) => f.written.flatMap((b) => b.Changes));
    expect(written.some((c) => c.ResourceRecordSet.HealthCheckId !== undefined)).toBe(false);
    expect(result.badAnswers.answerSeconds).toBeCloseTo(12, 9);
  });

  it('a recovery before the threshold changes no status', async () => {
    const result = await run(
      'health-checks',
      {},
      `
name: blip
steps:
  - { at: 1m, schedule: true }
  - { at: 2m, app-fail: api-prod-12 }
  - { at: 125s, app-heal: api-prod-12 }
`,
    );
    expect(result.frames.filter((f) => f.trigger === 'clock')).toEqual([]);
    expect(result.healthChecks?.withChecks[0]?.excluded).toBe(false);
  });
});

describe('an example without health.route53', () => {
  it('has no health-check comparison', async () => {
    const result = await run('lifecycle');
    expect(result.healthChecks).toBeUndefined();
  });
});

describe('the time to exclusion, shown', () => {
  it('prints a row per application failure, with and without health checks, and the totals', async () => {
    const text = simulationText(await run('health-checks'));
    expect(text).toContain(
      'time from an application failure to the last answer pointing to it (goal with Route 53 health checks: at most interval x threshold + TTL = 90 s)',
    );
    expect(text).toMatch(
      /t\+120s +i-0c5e9a2d7b4f31012 \(api-prod-12\) +80 s, 1\.67 answer-seconds +360 s, 12\.00 answer-seconds: never excluded, until it served again/,
    );
    expect(text).toContain(
      'bad answers in total: 1.67 answer-seconds with health checks, 12.00 without',
    );
  });

  it('puts the same table in the HTML report', async () => {
    const html = renderReport(await run('health-checks'));
    expect(html).toContain('<section class="exclusion" aria-label="Time to exclusion">');
    expect(html).toContain('<td>80 s, 1.67 answer-seconds</td>');
  });

  it('prints nothing of it for a configuration without health checks', async () => {
    const text = simulationText(await run('lifecycle'));
    expect(text).not.toContain('time from an application failure');
  });
});

describe('checks of instances that leave', () => {
  it('deletes the check of a scaled-in instance once no record names it', async () => {
    const scenario = `
name: scale-in
autoScalingGroups:
  api-prod: { terminateHook: drain-dns, launchHook: wait-ready }
steps:
  - { at: 1m, schedule: true }
  - { at: 2m, scale-in: { group: api-prod, count: 1 } }
  - { at: 10m, schedule: true }
`;
    const result = await run('health-checks', {}, scenario);
    const named = (f: SimulationFrame) =>
      f.written.flatMap((b) => b.Changes).map((c) => c.ResourceRecordSet.HealthCheckId);
    const last = result.frames.at(-1);
    expect(last?.regions[0]?.instances.length).toBe(29);
    expect(result.frames.flatMap(named).filter((id) => id !== undefined).length).toBeGreaterThan(
      30,
    );
    expect(result.healthChecks?.checks).toEqual({
      created: 30,
      remaining: 29,
      deletesWhileInUse: [],
    });
  });
});
