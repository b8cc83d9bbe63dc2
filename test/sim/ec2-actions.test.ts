import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/domain/errors.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import { loadConfig } from '../../shared/formats/config/load.js';
import { loadStateFile } from '../../shared/formats/state-file.js';
import { memoryFleet } from '../../shared/sim/memory-fleet.js';
import {
  detailOf,
  detailTypeOf as typeOf,
  scenarioAction as action,
} from '../support/scenario-actions.js';

// The grouped example: eu-west-1, instances api-eu-west-1-1..6 in two zones, drain tag configured.
const DIR = 'examples/grouped';

async function fleetOf(edit: (spec: RebalancerSpec) => RebalancerSpec = (spec) => spec) {
  const [spec, state] = await Promise.all([
    loadConfig(`${DIR}/config.yaml`),
    loadStateFile(`${DIR}/state.json`),
  ]);
  return memoryFleet(edit(spec), state.regions);
}

/** The InputError an action throws, as its message. */
async function refusal(yaml: string, edit?: (spec: RebalancerSpec) => RebalancerSpec) {
  const fleet = await fleetOf(edit);
  const applied = action(yaml);
  try {
    fleet.apply(applied, 0);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error(`${yaml}: not refused`);
}

describe('EC2 and CloudWatch actions on the simulated fleet', () => {
  it('a drain sets the configured drain tag and an undrain takes it off, sending no event', async () => {
    const fleet = await fleetOf();
    const tagsOf = () =>
      fleet.observe('eu-west-1')?.instances.find((i) => i.tags.Name === 'api-eu-west-1-3')?.tags;
    expect(fleet.apply(action('drain: api-eu-west-1-3'), 0)).toEqual([]);
    const drained = tagsOf();
    expect(Object.values(drained ?? {})).toContain('true');
    expect(fleet.apply(action('undrain: api-eu-west-1-3'), 10)).toEqual([]);
    const undrained = tagsOf() ?? {};
    expect(Object.keys(undrained)).toHaveLength(Object.keys(drained ?? {}).length - 1);
    expect(undrained.Name).toBe('api-eu-west-1-3');
  });

  it('an alarm and its clearing each send CloudWatch state changes with the state before', async () => {
    const fleet = await fleetOf();
    const raised = fleet.apply(action('alarm: { name: p99, instances: [api-eu-west-1-2] }'), 60);
    expect(raised.map(typeOf)).toEqual(['CloudWatch Alarm State Change']);
    expect(detailOf(raised[0])).toMatchObject({
      alarmName: 'p99',
      state: { value: 'ALARM' },
      previousState: { value: 'OK' },
    });
    expect(fleet.observe('eu-west-1')?.alarms?.map((a) => [a.name, a.state])).toEqual([
      ['p99', 'ALARM'],
    ]);
    const cleared = fleet.apply(action('alarm-ok: p99'), 120);
    expect(detailOf(cleared[0])).toMatchObject({
      state: { value: 'OK' },
      previousState: { value: 'ALARM' },
    });
    expect(fleet.observe('eu-west-1')?.alarms?.map((a) => a.state)).toEqual(['OK']);
  });

  it('a launch adds running instances with passing status checks, pending then running', async () => {
    const fleet = await fleetOf();
    const before = fleet.observe('eu-west-1')?.instances.length ?? 0;
    const events = fleet.apply(
      action('launch: { region: eu-west-1, zone: eu-west-1b, count: 2, name: burst }'),
      30,
    );
    expect(events.map((e) => detailOf(e).state)).toEqual([
      'pending',
      'running',
      'pending',
      'running',
    ]);
    const region = fleet.observe('eu-west-1');
    expect(region?.instances.length).toBe(before + 2);
    const launched = region?.instances.slice(-2) ?? [];
    expect(launched.map((i) => [i.state, i.zone])).toEqual([
      ['running', 'eu-west-1b'],
      ['running', 'eu-west-1b'],
    ]);
    for (const i of launched)
      expect(region?.statuses?.get(i.id)).toEqual({ instance: 'ok', system: 'ok' });
  });

  it.each([
    [
      'a launch for a service the configuration lacks',
      'launch: { region: eu-west-1, zone: eu-west-1a, service: nope, count: 1 }',
      'launch: no service nope',
    ],
    [
      'a launch in a region the state file lacks',
      'launch: { region: ap-south-1, zone: ap-south-1a, count: 1 }',
      'region ap-south-1 is not in the state file (known: eu-west-1)',
    ],
    ['clearing an alarm never raised', 'alarm-ok: never', 'alarm-ok: no alarm never was raised'],
    ['losing a zone nobody is in', 'lose-zone: eu-west-1z', 'no instance in zone eu-west-1z'],
    ['an instance nobody is', 'stop: i-nobody', 'no instance i-nobody (known: '],
  ])('%s: one clear message', async (_, yaml, message) => {
    expect(await refusal(yaml)).toContain(message);
  });

  it('a drain when the configuration names no drain tag: one clear message', async () => {
    const noDrainTag = (spec: RebalancerSpec): RebalancerSpec => ({
      ...spec,
      services: spec.services.map((s) => ({ ...s, health: { ...s.health, drainTag: undefined } })),
    });
    expect(await refusal('drain: api-eu-west-1-3', noDrainTag)).toContain(
      'drain needs health.drainTag in the configuration',
    );
  });
});
