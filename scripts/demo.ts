/**
 * `npm run demo`: the rebalancer's whole job, offline, on the bundled
 * examples. For each seed topology it replays examples/<name>/scenario.yaml
 * through the real reconcile loop (in-memory fleet, hosted-zone model) and
 * writes an HTML report beside the text, into $DEMO_DIR (default demo/).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { processIo, type Io } from '../cli/io.js';
import { main as cli } from '../cli/main.js';
import { isEntryPoint } from './lib/cli.js';

export const EXAMPLES = [
  'latency-weighted',
  'grouped',
  'lifecycle',
  'multi-zone',
  'health-checks',
] as const;

/** Examples also replayed with state-change handling only, for their bad answers side by side. */
export const COMPARED: readonly (typeof EXAMPLES)[number][] = ['lifecycle'];

/** The report of an example's state-change-only run. */
export const comparedReport = (name: string): string => `${name}-state-change-only.html`;

/** Examples of several hosted zones: a report shows one zone, so each zone gets its own. */
const ZONES: Partial<Record<(typeof EXAMPLES)[number], readonly string[]>> = {
  'multi-zone': ['Z0PUBLIC0EXAMPLE1', 'Z0PRIVATE0EXAMPLE2'],
};

/** The report files of an example: one, or one per zone. */
export function reports(name: (typeof EXAMPLES)[number]): { zone?: string; file: string }[] {
  const zones = ZONES[name];
  return zones === undefined
    ? [{ file: `${name}.html` }]
    : zones.map((zone) => ({ zone, file: `${name}-${zone}.html` }));
}

/** Simulates every example, its report written into `out`; returns the first failing exit code, else 0. */
export async function main(
  _argv: readonly string[],
  io: Io = processIo,
  out: string = process.env.DEMO_DIR ?? 'demo',
): Promise<number> {
  mkdirSync(out, { recursive: true });
  let code = 0;
  for (const name of EXAMPLES) {
    const dir = join('examples', name);
    io.out(`\n════ ${name} ════ (examples/${name}: config.yaml, state.json, scenario.yaml)\n\n`);
    const args = [
      'simulate',
      '-c',
      join(dir, 'config.yaml'),
      '-s',
      join(dir, 'state.json'),
      '--scenario',
      join(dir, 'scenario.yaml'),
    ];
    for (const report of reports(name)) {
      const zone = report.zone === undefined ? [] : ['--zone', report.zone];
      code ||= await cli([...args, ...zone, '--report', join(out, report.file)], io);
    }
    if (!COMPARED.includes(name)) continue;
    io.out(
      `\n════ ${name}, state-change handling only ════ (the same files, --state-change-only)\n\n`,
    );
    code ||= await cli(
      [...args, '--state-change-only', '--report', join(out, comparedReport(name))],
      io,
    );
  }
  const files = [
    ...EXAMPLES.flatMap((n) => reports(n).map((r) => r.file)),
    ...COMPARED.map(comparedReport),
  ].map((f) => join(out, f));
  io.out(
    `\nOpen ${files.slice(0, -1).join(', ')} and ${files.at(-1) ?? ''} in a browser for the tables, a chart of each instance's share over the steps, and the bad answers.`,
  );
  return code;
}

if (isEntryPoint(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
