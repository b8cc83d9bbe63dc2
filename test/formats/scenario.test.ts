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
      'steps[0]: expected exactly one action (stop, start, terminate, impair, recover, drain, undrain, launch, alarm, alarm-ok, lose-zone, restore-zone, empty-region, scale-in, scale-out, spot-interruption, app-fail, app-heal, schedule), found stop and start',
      'steps[1].at: steps must not go back in time (5s after 10s)',
      'steps[1]: expected exactly one action (stop, start, terminate, impair, recover, drain, undrain, launch, alarm, alarm-ok, lose-zone, restore-zone, empty-region, scale-in, scale-out, spot-interruption, app-fail, app-heal, schedule), found none',
      'steps[2].at: expected seconds, or a duration like 90s, 2m or 1m30s',
      'steps[3].stpo: unknown key (did you mean stop?)',
      'steps[4].at: steps must not go back in time (1s after 20s)',
    ]);
  });

  it('refuses a launch into a zone outside its region', () => {
    expect(
      problems(`name: x
steps:
  - { at: 0, launch: { region: us-east-2, zone: eu-west-1a } }
  - { at: 0, launch: { region: us-east-2, zone: us-east-2 } }
  - { at: 0, launch: { region: us-east-1, zone: us-east-1-bos-1a } }
  - { at: 0, launch: { region: us-east-2, zone: us-east-2b } }
`),
    ).toEqual([
      'steps[0].launch.zone: eu-west-1a is not in region us-east-2',
      'steps[1].launch.zone: us-east-2 is not in region us-east-2',
    ]);
  });

  it('refuses a launch region that is not a region name', () => {
    expect(
      problems('name: x\nsteps:\n  - { at: 0, launch: { region: east, zone: east-a } }'),
    ).toEqual(['steps[0].launch.region: expected an AWS region name like us-east-2']);
  });

  it('bounds when a step happens to 30 days, and says so', () => {
    expect(
      problems(`name: x
steps:
  - { at: 1e300, schedule: true }
  - { at: 30000000m, schedule: true }
  - { at: .inf, schedule: true }
  - { at: 30d, schedule: true }
`),
    ).toEqual([
      'steps[0].at: expected at most 30 days (2592000s) after the start',
      'steps[1].at: expected at most 30 days (2592000s) after the start',
      'steps[2].at: expected seconds, or a duration like 90s, 2m or 1m30s',
      'steps[3].at: expected seconds, or a duration like 90s, 2m or 1m30s',
    ]);
    expect(
      parseScenario('name: x\nsteps:\n  - { at: 2592000, schedule: true }', 's').steps[0]?.at,
    ).toBe(2592000);
  });

  it('names the file in every error, and keeps the file for messages about its steps', () => {
    expect(() => parseScenario('name: x\nsteps: []', 'what-if.yaml')).toThrow(
      new InputError('what-if.yaml', ['steps: expected at least one step']),
    );
    expect(() => parseScenario('name: x\nsteps: [1, 2]', 'what-if.yaml')).toThrow(
      'what-if.yaml: 2 problems\n  - steps[0]: expected an object\n  - steps[1]: expected an object',
    );
    expect(
      parseScenario('name: x\nsteps:\n  - { at: 0, schedule: true }', 'what-if.yaml').source,
    ).toBe('what-if.yaml');
  });

  it('reports the problems of an action together with those of its time', () => {
    expect(
      problems(`name: x
steps:
  - { at: soon, launch: { zone: us-east-2a, count: 0 } }
  - { at: 1, alarm: { instances: [a, ''] }, say: 3 }
`),
    ).toEqual([
      'steps[0].at: expected seconds, or a duration like 90s, 2m or 1m30s',
      'steps[0].launch.region: required',
      'steps[0].launch.count: expected 1 or more',
      'steps[1].say: expected a sentence',
      'steps[1].alarm.name: required',
      'steps[1].alarm.instances[1]: expected an instance id or Name tag',
    ]);
  });

  it('refuses an empty file and a YAML alias bomb in one line', () => {
    expect(problems('# nothing yet\n')).toEqual(['the file is empty']);
    const ten = (item: string): string => `[${Array<string>(10).fill(item).join(', ')}]`;
    const bomb = [
      `a: &a ${ten('x')}`,
      `b: &b ${ten('*a')}`,
      `c: &c ${ten('*b')}`,
      `d: ${ten('*c')}`,
    ];
    expect(problems(bomb.join('\n'))).toEqual([
      'invalid YAML: Excessive alias count indicates a resource exhaustion attack',
    ]);
  });

  it('says that text nested too deeply is, rather than that a stack overflowed', () => {
    const deep = `name: x\nsteps: ${'['.repeat(1000)}${']'.repeat(1000)}`;
    expect(problems(deep)).toEqual([
      expect.stringMatching(/^invalid YAML at 2:\d+: nested too deeply$/),
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
