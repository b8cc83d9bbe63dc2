/**
 * `npm run demo`: the rebalancer's whole job, offline, on the bundled
 * examples. For each seed topology it replays examples/<name>/scenario.yaml
 * through the real reconcile loop (in-memory fleet, hosted-zone model) and
 * writes an HTML report beside the text.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../cli/main.js';

const EXAMPLES = ['latency-weighted', 'grouped'];
const out = process.env.DEMO_DIR ?? 'demo';
mkdirSync(out, { recursive: true });

let code = 0;
for (const name of EXAMPLES) {
  const dir = join('examples', name);
  const report = join(out, `${name}.html`);
  console.log(`\n════ ${name} ════ (examples/${name}: config.yaml, state.json, scenario.yaml)\n`);
  code ||= await main([
    'simulate',
    '-c',
    join(dir, 'config.yaml'),
    '-s',
    join(dir, 'state.json'),
    '--scenario',
    join(dir, 'scenario.yaml'),
    '--report',
    report,
  ]);
}
console.log(
  `\nOpen ${EXAMPLES.map((n) => join(out, `${n}.html`)).join(' and ')} in a browser for the tables and a chart of each instance's share over the steps.`,
);
process.exitCode = code;
