import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../../shared/formats/config/load.js';
import { renderReport } from '../../shared/sim/report/index.js';
import { loadScenario, type Scenario } from '../../shared/formats/scenario.js';
import { RebalancerError } from '../../shared/domain/errors.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import type { OfflineState } from '../../shared/formats/state-file.js';
import { recordsOfZone, zoneHeading, zonesToRun } from './zones.js';
import { simulate } from '../../shared/sim/simulate.js';
import { loadStateFile } from '../../shared/formats/state-file.js';
import type { Io } from '../io.js';
import { simulationText } from '../render/frame-text.js';

export interface SimulateOptions {
  readonly config: string;
  readonly state: string;
  readonly scenario: string;
  readonly report?: string;
  readonly json?: boolean;
  readonly stateChangeOnly?: boolean;
  /** Only this hosted zone (its id or name), when the configuration names several. */
  readonly zone?: string;
}

/** `simulate`: what-if, step by step, with the real reconcile loop over an in-memory fleet and zone. */
export async function runSimulate(options: SimulateOptions, io: Io): Promise<number> {
  const [spec, state, scenario] = await Promise.all([
    loadConfig(options.config),
    loadStateFile(options.state),
    loadScenario(options.scenario),
  ]);
  const handling = options.stateChangeOnly === true ? 'state-change-only' : 'design';
  const zones = zonesToRun(spec, options.zone);
  if (spec.zones !== undefined)
    return simulateZones(spec, zones, state, scenario, { ...options, handling }, io);
  const result = await simulate(spec, state, scenario, { handling });
  io.out(options.json === true ? JSON.stringify(result, null, 2) : simulationText(result));
  if (options.report !== undefined) {
    await writeFile(options.report, renderReport(result));
    io.err(`report written to ${options.report}`);
  }
  return 0;
}

/** Several zones: the scenario replayed in each, its own records and the same fleet; a report for one zone only. */
async function simulateZones(
  spec: RebalancerSpec,
  zones: readonly RebalancerSpec[],
  state: OfflineState,
  scenario: Scenario,
  options: SimulateOptions & { readonly handling: 'design' | 'state-change-only' },
  io: Io,
): Promise<number> {
  const only = zones.length === 1 ? zones[0] : undefined;
  if (options.report !== undefined && only === undefined)
    throw new RebalancerError('--report: a report shows one hosted zone; choose it with --zone');
  const results = [];
  for (const one of zones) {
    const records = recordsOfZone(state, one, spec, options.state);
    results.push({
      one,
      result: await simulate(one, { ...state, records }, scenario, { handling: options.handling }),
    });
  }
  io.out(
    options.json === true
      ? JSON.stringify(
          { zones: results.map((r) => ({ zone: r.one.hostedZoneId, ...r.result })) },
          null,
          2,
        )
      : results.map((r) => `${zoneHeading(r.one)}\n\n${simulationText(r.result)}`).join('\n\n'),
  );
  const first = results[0];
  if (options.report !== undefined && first !== undefined) {
    await writeFile(options.report, renderReport(first.result));
    io.err(`report written to ${options.report}`);
  }
  return 0;
}

export function registerSimulate(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('simulate')
    .description(
      'replay a scenario (stops, launches, failing checks, alarms, drains, lost zones...) through the real reconcile loop, offline',
    )
    .requiredOption('-c, --config <file>', 'configuration file (YAML or JSON)')
    .requiredOption('-s, --state <file>', 'offline state file: the starting fleet and records')
    .requiredOption('--scenario <file>', 'scenario file of timed steps (see README)')
    .option(
      '--report <file>',
      'also write a self-contained HTML page with the tables and a chart of each share over the steps',
    )
    .option('--json', 'print every step as JSON')
    .option(
      '--state-change-only',
      'run the rebalancer as before lifecycle hooks and readiness (EC2 state changes only, no hooks in the groups, no readiness rules), to compare bad answers',
    )
    .option('--zone <zone>', 'replay only this hosted zone (its id or name), of those configured')
    .addHelpText(
      'after',
      '\nExample:\n  npx rebalancer simulate -c examples/grouped/config.yaml -s examples/grouped/state.json --scenario examples/grouped/scenario.yaml --report demo.html',
    )
    .action(async (options: SimulateOptions) => {
      done(await runSimulate(options, io));
    });
}
