import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/formats/config/load.js';
import { InputError } from '../../shared/domain/errors.js';
import type { SimulationResult } from '../../shared/sim/frames.js';
import { loadScenario, parseScenario } from '../../shared/formats/scenario.js';
import { simulate } from '../../shared/sim/simulate.js';
import { loadStateFile } from '../../shared/formats/state-file.js';

async function example(name: string, scenario?: string): Promise<SimulationResult> {
  const dir = `examples/${name}`;
  const [spec, state, steps] = await Promise.all([
    loadConfig(`${dir}/config.yaml`),
    loadStateFile(`${dir}/state.json`),
    scenario === undefined
      ? loadScenario(`${dir}/scenario.yaml`)
      : Promise.resolve(parseScenario(scenario, 'inline')),
  ]);
  return simulate(spec, state, steps);
}

const EXAMPLES = ['latency-weighted', 'grouped', 'lifecycle'];

describe.each(EXAMPLES)('the %s example scenario', (name) => {
  it('gives every instance, in every frame, the traffic the planner intended: the records do what was planned', async () => {
    const result = await example(name);
    expect(result.frames.length).toBeGreaterThan(5);
    for (const frame of result.frames) {
      for (const region of frame.regions.filter((r) => r.routed)) {
        const total = region.instances.reduce((sum, i) => sum + i.share, 0);
        for (const instance of region.instances) {
          // Resolved shares, normalised within the region, equal the planner's intended shares.
          expect(instance.share / total, `step ${frame.step} ${instance.id}`).toBeCloseTo(
            instance.intended,
            9,
          );
        }
      }
      const all = frame.regions.flatMap((r) => r.instances).reduce((sum, i) => sum + i.share, 0);
      expect(all, `step ${frame.step}: every answer goes somewhere`).toBeCloseTo(1, 9);
    }
  });

  it('is deterministic', async () => {
    expect(await example(name)).toEqual(await example(name));
  });
});

describe('simulate', () => {
  it('starts with a first reconcile that fixes the stale records of the state file', async () => {
    const result = await example('latency-weighted');
    expect(result.frames[0]).toMatchObject({ step: 0, title: 'first reconcile of the state file' });
    expect(result.frames[0]?.written.flatMap((b) => b.Changes)).toHaveLength(11);
  });

  it('turns a stop into EC2 events, through the intake, into a reconcile of that region', async () => {
    const result = await example('latency-weighted');
    const step = result.frames[1];
    expect(step?.events).toBe('2 instance state change');
    expect(step?.written[0]?.Comment).toBe('route53-rebalancer api-prod: 2 instance state change');
    const stopped = step?.regions[0]?.instances.find((i) => i.id.includes('api-us-east-2-2'));
    expect(stopped).toMatchObject({ health: 'not-running', share: 0 });
  });

  it('leaves a failed status check to the schedule, since EC2 sends no event for it', async () => {
    const result = await example('latency-weighted');
    const step = result.frames.find((f) => f.title.includes('fails its instance status check'));
    expect(step?.events).toBe('no event for this change: the schedule catches it');
    expect(step?.regions[0]?.instances.find((i) => i.id.includes('api-us-east-2-1'))).toMatchObject(
      { health: 'impaired', weight: 0, share: 0 },
    );
  });

  it('sends the users of an emptied region to the nearest region and brings them back when it refills', async () => {
    const result = await example('latency-weighted');
    const emptied = result.frames.find((f) => f.title.startsWith('eu-west-1 loses'));
    const eu = emptied?.regions.find((r) => r.region === 'eu-west-1');
    expect(eu).toMatchObject({ routed: false, status: 'evacuated' });
    const east = emptied?.regions.find((r) => r.region === 'us-east-2');
    expect(east?.instances.reduce((s, i) => s + i.share, 0)).toBeCloseTo(2 / 3, 9);
    const refilled = result.frames.at(-1)?.regions.find((r) => r.region === 'eu-west-1');
    expect(refilled?.routed).toBe(true);
    expect(refilled?.instances.map((i) => i.share)).toEqual([1 / 9, 1 / 9, 1 / 9]);
  });

  it('keeps both zones in every group, and after a lost zone returns, spreads them again', async () => {
    const result = await example('grouped');
    for (const frame of result.frames) {
      const region = frame.regions[0];
      const zones = new Set(region?.instances.filter((i) => i.group !== null).map((i) => i.zone));
      if (zones.size < 2) continue;
      for (const group of region?.groups ?? [])
        expect(group.zones.length, `step ${frame.step} ${group.label}`).toBe(2);
    }
    const lost = result.frames.find((f) => f.title === 'zone eu-west-1a is lost');
    expect(lost?.regions[0]?.groups.map((g) => g.zones)).toEqual([['eu-west-1b']]);
    expect(result.frames.at(-1)?.regions[0]?.groups.map((g) => g.label)).toEqual([
      'endpoint-a',
      'endpoint-b',
      'endpoint-c',
    ]);
  });

  it('names the step that refers to an unknown instance', async () => {
    await expect(
      example('grouped', 'name: x\nsteps:\n  - { at: 1, stop: api-eu-west-1-42 }\n'),
    ).rejects.toThrow(InputError);
    await expect(
      example('grouped', 'name: x\nsteps:\n  - { at: 1, stop: api-eu-west-1-42 }\n'),
    ).rejects.toThrow(/steps\[0\]: no instance api-eu-west-1-42 \(known: /);
  });
});
