import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/domain/errors.js';
import { parseScenario } from '../../shared/formats/scenario.js';

function problems(text: string): readonly string[] {
  try {
    parseScenario(text, 'scenario.yaml');
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected a rejection');
}

const one = (step: string) => parseScenario(`name: x\nsteps:\n  - ${step}\n`, 's').steps[0]?.action;

describe('scenario lifecycle actions', () => {
  it('reads a scale-in: a group and how many it terminates', () => {
    expect(one('{ at: 0, scale-in: { group: api-prod, count: 10 } }')).toEqual({
      kind: 'scale-in',
      group: 'api-prod',
      count: 10,
    });
  });

  it('reads a scale-out, its zones as one or a list, its boot 90 s unless it says', () => {
    expect(
      one('{ at: 0, scale-out: { group: g, region: us-east-2, zones: us-east-2a, count: 2 } }'),
    ).toEqual({
      kind: 'scale-out',
      group: 'g',
      region: 'us-east-2',
      zones: ['us-east-2a'],
      count: 2,
      bootSeconds: 90,
    });
    expect(
      one(
        '{ at: 0, scale-out: { group: g, region: us-east-2, zones: [us-east-2a, us-east-2b], count: 2, bootSeconds: 0 } }',
      ),
    ).toMatchObject({ zones: ['us-east-2a', 'us-east-2b'], bootSeconds: 0 });
  });

  it('reads a Spot interruption and an application failing and healing, by instance', () => {
    expect(one('{ at: 0, spot-interruption: api-1 }')).toEqual({
      kind: 'spot-interruption',
      instances: ['api-1'],
    });
    expect(one('{ at: 0, app-fail: [api-1, api-2] }')).toEqual({
      kind: 'app-fail',
      instances: ['api-1', 'api-2'],
    });
    expect(one('{ at: 0, app-heal: api-1 }')).toEqual({ kind: 'app-heal', instances: ['api-1'] });
  });

  it('bounds counts and boots, and names every problem with its path', () => {
    expect(
      problems(`name: x
steps:
  - { at: 0, scale-in: { group: g, count: 0 } }
  - { at: 0, scale-in: { count: 501 } }
  - { at: 0, scale-out: { group: g, region: us-east-2, zones: [us-east-2a, eu-west-1a], count: 1.5, bootSeconds: 3601 } }
  - { at: 0, scale-out: { group: g, region: us-east-2, zones: [], count: 1, boot: 9 } }
  - { at: 0, app-fail: 3 }
`),
    ).toEqual([
      'steps[0].scale-in.count: expected an integer from 1 to 500',
      'steps[1].scale-in.group: required',
      'steps[1].scale-in.count: expected an integer from 1 to 500',
      'steps[2].scale-out.count: expected an integer from 1 to 500',
      'steps[2].scale-out.bootSeconds: expected an integer from 0 to 3600',
      'steps[2].scale-out.zones: eu-west-1a not in region us-east-2',
      'steps[3].scale-out.zones: expected at least one availability zone',
      'steps[3].scale-out.boot: unknown key (expected one of group, region, zones, count, bootSeconds)',
      'steps[4].app-fail: expected an instance (id or Name tag) or a list of them',
    ]);
  });

  it('refuses a scale-out into a zone outside its region', () => {
    expect(
      problems(
        'name: x\nsteps:\n  - { at: 0, scale-out: { group: g, region: us-east-2, zones: [us-east-2a, eu-west-1a], count: 1 } }',
      ),
    ).toEqual(['steps[0].scale-out.zones: eu-west-1a not in region us-east-2']);
  });

  it("reads the groups' hooks, a heartbeat timeout of an hour unless it says", () => {
    const scenario = parseScenario(
      `name: x
autoScalingGroups:
  api-prod: { terminateHook: drain-dns, launchHook: wait-ready }
  batch: { heartbeatTimeout: 300 }
steps:
  - { at: 0, scale-in: { group: api-prod, count: 1 } }
`,
      's',
    );
    expect(scenario.autoScalingGroups).toEqual(
      new Map([
        [
          'api-prod',
          { terminateHook: 'drain-dns', launchHook: 'wait-ready', heartbeatTimeout: 3600 },
        ],
        ['batch', { terminateHook: undefined, launchHook: undefined, heartbeatTimeout: 300 }],
      ]),
    );
    expect(
      parseScenario('name: x\nsteps:\n  - { at: 0, schedule: true }', 's').autoScalingGroups.size,
    ).toBe(0);
  });

  it("names a group's bad hook settings", () => {
    expect(
      problems(`name: x
autoScalingGroups:
  api-prod: { terminateHook: '', heartbeatTimeout: 10, hooks: 1 }
  web: nothing
steps:
  - { at: 0, schedule: true }
`),
    ).toEqual([
      'autoScalingGroups.api-prod.terminateHook: expected a lifecycle hook name',
      'autoScalingGroups.api-prod.heartbeatTimeout: expected an integer from 30 to 7200',
      'autoScalingGroups.api-prod.hooks: unknown key (expected one of terminateHook, launchHook, heartbeatTimeout)',
      'autoScalingGroups.web: expected a mapping',
    ]);
  });
});
