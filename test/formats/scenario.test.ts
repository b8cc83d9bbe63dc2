import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/domain/errors.js';
import { parseDuration, parseScenario } from '../../shared/formats/scenario.js';

function problems(text: string): readonly string[] {
  try {
    parseScenario(text, 'scenario.yaml');
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('parseScenario', () => {
  it('reads every kind of step', () => {
    const scenario = parseScenario(
      `name: all
steps:
  - { at: 0, stop: [a, b] }
  - { at: 10s, start: a }
  - { at: 1m, terminate: b }
  - { at: 1m30s, launch: { region: us-east-2, zone: us-east-2a, count: 2, name: web } }
  - { at: 100, impair: a }
  - { at: 100, recover: a }
  - { at: 100, drain: a }
  - { at: 100, undrain: a }
  - { at: 100, alarm: { name: api-x, instances: a } }
  - { at: 100, alarm-ok: api-x }
  - { at: 100, lose-zone: us-east-2a }
  - { at: 100, restore-zone: us-east-2a }
  - { at: 100, empty-region: us-east-2 }
  - { at: 200, say: tick, schedule: true }
`,
      'scenario.yaml',
    );
    expect(scenario.steps.map((s) => [s.at, s.action.kind])).toEqual([
      [0, 'stop'],
      [10, 'start'],
      [60, 'terminate'],
      [90, 'launch'],
      [100, 'impair'],
      [100, 'recover'],
      [100, 'drain'],
      [100, 'undrain'],
      [100, 'alarm'],
      [100, 'alarm-ok'],
      [100, 'lose-zone'],
      [100, 'restore-zone'],
      [100, 'empty-region'],
      [200, 'schedule'],
    ]);
    expect(scenario.steps[0]?.action).toEqual({ kind: 'stop', instances: ['a', 'b'] });
    expect(scenario.steps[1]?.action).toEqual({ kind: 'start', instances: ['a'] });
    expect(scenario.steps[3]?.action).toEqual({
      kind: 'launch',
      region: 'us-east-2',
      zone: 'us-east-2a',
      type: undefined,
      count: 2,
      name: 'web',
      service: undefined,
    });
    expect(scenario.steps[13]?.say).toBe('tick');
  });

  it('lists every bad step at once, with its path', () => {
    expect(
      problems(`name: bad
steps:
  - { at: 10, stop: a, start: b }
  - { at: 5 }
  - { at: soon, stop: a }
  - { at: 20, stpo: a }
  - { at: 1, stop: a }
`),
    ).toEqual([
      'steps[0]: expected exactly one action (stop, start, terminate, impair, recover, drain, undrain, launch, alarm, alarm-ok, lose-zone, restore-zone, empty-region, schedule), found stop and start',
      'steps[1].at: steps must not go back in time (5s after 10s)',
      'steps[1]: expected exactly one action (stop, start, terminate, impair, recover, drain, undrain, launch, alarm, alarm-ok, lose-zone, restore-zone, empty-region, schedule), found none',
      'steps[2].at: expected seconds, or a duration like 90s, 2m or 1m30s',
      'steps[3].stpo: unknown key (did you mean stop?)',
      'steps[4].at: steps must not go back in time (1s after 10s)',
    ]);
  });

  it('requires a name and at least one step', () => {
    expect(problems('steps: []')).toEqual(['name: required', 'steps: expected at least one step']);
  });

  it('says where the YAML is broken', () => {
    expect(problems('name: x\nsteps:\n  - at: [1\n')[0]).toMatch(/^invalid YAML at 4:1: /);
  });
});

describe('parseDuration', () => {
  it.each([
    ['45', 45],
    ['90s', 90],
    ['2m', 120],
    ['1m30s', 90],
    ['1.5s', 1.5],
  ])('reads %s as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('gives NaN for something else', () => {
    expect(parseDuration('soon')).toBeNaN();
    expect(parseDuration('')).toBeNaN();
  });
});
