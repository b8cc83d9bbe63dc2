import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/domain/errors.js';
import { loadConfig } from '../../shared/formats/config/load.js';
import { parseScenario } from '../../shared/formats/scenario.js';
import { loadStateFile } from '../../shared/formats/state-file.js';
import type { SimulationResult } from '../../shared/sim/frames.js';
import { simulate } from '../../shared/sim/simulate.js';

async function run(steps: string, groups = ''): Promise<SimulationResult> {
  const [spec, state] = await Promise.all([
    loadConfig('examples/lifecycle/config.yaml'),
    loadStateFile('examples/lifecycle/state.json'),
  ]);
  return simulate(spec, state, parseScenario(`name: x\n${groups}steps:\n${steps}`, 'what-if.yaml'));
}

describe('simulate on the clock', () => {
  it('titles scale-ins and scale-outs that say nothing', async () => {
    const result = await run(`  - { at: 0, scale-in: { group: api-prod, count: 1 } }
  - { at: 60, scale-out: { group: api-prod, region: us-east-2, zones: us-east-2a, count: 2 } }
`);
    expect(result.frames.filter((f) => f.trigger === 'step').map((f) => f.title)).toEqual([
      'api-prod scales in by 1',
      'api-prod scales out by 2 (90s boot)',
    ]);
  });

  it('adds a new instance once it is ready, the schedule noticing its boot when no hook is there to', async () => {
    const result =
      await run(`  - { at: 0, scale-out: { group: api-prod, region: us-east-2, zones: us-east-2a, count: 1, bootSeconds: 60 } }
  - { at: 120, schedule: true }
`);
    const share = (at: number) =>
      result.frames
        .filter((f) => f.at === at)
        .at(-1)
        ?.regions[0]?.instances.find((i) => i.id.includes('api-prod-new-1'))?.share;
    expect(share(0)).toBe(0);
    expect(result.frames.find((f) => f.trigger === 'clock')).toMatchObject({
      at: 60,
      title: 'instance booted',
    });
    expect(share(60)).toBe(0);
    expect(share(120)).toBeCloseTo(1 / 31, 9);
    expect(result.badAnswers.answerSeconds).toBe(0);
  });

  it('lets a Spot warning and a boot come to nothing when the instance is gone first', async () => {
    const result = await run(`  - { at: 0, spot-interruption: api-prod-04 }
  - { at: 10, scale-out: { group: api-prod, region: us-east-2, zones: us-east-2a, count: 1 } }
  - { at: 20, terminate: [api-prod-04, api-prod-new-1] }
`);
    const clock = result.frames.filter((f) => f.trigger === 'clock');
    expect(clock).toEqual([]);
  });

  it('names the step of a scale-out where no service runs, and of a scale-in of too many', async () => {
    await expect(
      run(
        '  - { at: 0, scale-out: { group: g, region: eu-west-1, zones: eu-west-1a, count: 1 } }\n',
      ),
    ).rejects.toThrow(
      new InputError('what-if.yaml', ['steps[0]: scale-out: no service runs in eu-west-1']),
    );
    await expect(run('  - { at: 0, scale-in: { group: api-prod, count: 31 } }\n')).rejects.toThrow(
      new InputError('what-if.yaml', [
        'steps[0]: scale-in: group api-prod has 30 instances in service, not 31',
      ]),
    );
  });

  it('completes a launch hook with its default result when the instance never gets ready', async () => {
    const result = await run(
      `  - { at: 0, scale-out: { group: api-prod, region: us-east-2, zones: us-east-2a, count: 1, bootSeconds: 3600 } }\n`,
      'autoScalingGroups:\n  api-prod: { launchHook: wait-ready }\n',
    );
    // lifecycle.launchTimeoutSeconds is 300 in the example's configuration; the default result is CONTINUE.
    const completed = result.frames.find((f) => f.title.startsWith('launch hook completed'));
    expect(completed).toMatchObject({ at: 300, title: 'launch hook completed (CONTINUE)' });
    const instance = completed?.regions[0]?.instances.find((i) => i.id.includes('api-prod-new-1'));
    expect(instance).toMatchObject({ health: 'not-ready', share: 0 });
    expect(result.badAnswers.answerSeconds).toBe(0);
  });
});
