import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/formats/config/load.js';
import { parseScenario } from '../../shared/formats/scenario.js';
import { loadStateFile } from '../../shared/formats/state-file.js';
import { simulate } from '../../shared/sim/simulate.js';

/** A step without `say` is titled by what it does; every action kind has its own words. */
const SCENARIO = `
name: every action, untitled
steps:
  - { at: 10, stop: api-us-east-2-2 }
  - { at: 20, start: api-us-east-2-2 }
  - { at: 30, launch: { region: us-east-2, zone: us-east-2c, count: 2 } }
  - { at: 40, alarm: { name: api-p99-latency-test, instances: api-us-east-2-1 } }
  - { at: 50, alarm-ok: api-p99-latency-test }
  - { at: 60, lose-zone: us-east-2c }
  - { at: 70, restore-zone: us-east-2c }
  - { at: 80, empty-region: eu-west-1 }
  - { at: 90, schedule: true }
`;

describe('the title of an untitled step', () => {
  it('says what the action did', async () => {
    const dir = 'examples/latency-weighted';
    const [spec, state] = await Promise.all([
      loadConfig(`${dir}/config.yaml`),
      loadStateFile(`${dir}/state.json`),
    ]);
    const result = await simulate(spec, state, parseScenario(SCENARIO, 'inline'));
    const schedule = 'no event for this change: the schedule catches it';
    expect(result.frames.slice(1).map((f) => [f.title, f.events])).toEqual([
      ['stop api-us-east-2-2', '2 instance state change'],
      ['start api-us-east-2-2', '2 instance state change'],
      ['launch 2 in us-east-2c', '4 instance state change'],
      ['alarm api-p99-latency-test to ALARM', '1 alarm change'],
      ['alarm api-p99-latency-test back to OK', '1 alarm change'],
      ['zone us-east-2c lost', schedule],
      ['zone us-east-2c restored', schedule],
      ['region eu-west-1 emptied', '2 instance state change'],
      ['scheduled reconcile', schedule],
    ]);
  });
});
