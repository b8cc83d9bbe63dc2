import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStateFile } from '../../shared/formats/state-file.js';
import { InputError } from '../../shared/domain/errors.js';

/*
 * The offline state file with regions of other accounts: `accounts.<name>.regions`
 * beside today's `regions` (the function's own account). Plan and simulate see
 * one map of regions, wherever each was listed.
 */

const minimal = JSON.parse(
  readFileSync(new URL('../fixtures/state/minimal.json', import.meta.url), 'utf8'),
) as { recordSets: unknown; regions: Record<string, unknown> };

const region = (id: string, zone: string) => ({
  instances: {
    Reservations: [
      {
        Instances: [
          {
            InstanceId: id,
            InstanceType: 't3.micro',
            Placement: { AvailabilityZone: zone },
            State: { Name: 'running' },
          },
        ],
      },
    ],
  },
});

function problemsOf(value: unknown): readonly string[] {
  try {
    parseStateFile(JSON.stringify(value), 'state.json');
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  return [];
}

describe('state file: regions of other accounts', () => {
  it('reads them beside the own account’s regions, into one map', () => {
    const state = parseStateFile(
      JSON.stringify({
        ...minimal,
        accounts: {
          prod: { regions: { 'us-east-2': region('i-0prod000000000001', 'us-east-2a') } },
        },
      }),
      'state.json',
    );
    expect([...state.regions.keys()]).toEqual(['eu-west-1', 'us-east-2']);
    expect(state.regions.get('us-east-2')?.instances.map((i) => [i.id, i.region])).toEqual([
      ['i-0prod000000000001', 'us-east-2'],
    ]);
  });

  it('still reads today’s shape, without accounts', () => {
    expect([...parseStateFile(JSON.stringify(minimal), 'state.json').regions.keys()]).toEqual([
      'eu-west-1',
    ]);
  });

  it('refuses a region listed twice, naming both places', () => {
    expect(
      problemsOf({
        ...minimal,
        accounts: {
          prod: { regions: { 'eu-west-1': region('i-0prod000000000001', 'eu-west-1a') } },
          ops: {
            regions: {
              'us-east-2': region('i-0ops0000000000001', 'us-east-2a'),
            },
          },
          dev: { regions: { 'us-east-2': region('i-0dev0000000000001', 'us-east-2a') } },
        },
      }),
    ).toEqual([
      'accounts.prod.regions.eu-west-1: region eu-west-1 is listed twice (also regions.eu-west-1)',
      'accounts.dev.regions.us-east-2: region us-east-2 is listed twice (also accounts.ops.regions.us-east-2)',
    ]);
  });

  it('checks a member account’s instances at their own path, and ids across accounts', () => {
    expect(
      problemsOf({
        ...minimal,
        accounts: {
          prod: { regions: { 'us-east-2': region('i-0eu0000000000001', 'us-west-2a') } },
        },
      }),
    ).toEqual([
      'accounts.prod.regions.us-east-2.instances.Reservations[0].Instances[0].Placement.AvailabilityZone: us-west-2a is not in region us-east-2',
      'accounts.prod.regions.us-east-2.instances.Reservations[0].Instances[0].InstanceId: duplicate instance i-0eu0000000000001 (also regions.eu-west-1.instances.Reservations[0].Instances[0])',
    ]);
  });

  it('refuses a malformed accounts entry with its path', () => {
    expect(problemsOf({ ...minimal, accounts: { 'no good': { regions: {} }, prod: {} } })).toEqual([
      'accounts.no good: expected an account name of the configuration',
      'accounts.prod.regions: required',
    ]);
    expect(problemsOf({ ...minimal, accounts: [] })).toEqual(['accounts: expected an object']);
  });
});
