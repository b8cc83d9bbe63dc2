/**
 * `npm run bench` part 4: what refusing duplicate JSON keys costs. JSON.parse
 * alone (which keeps the last of two equal keys), our scan plus JSON.parse
 * (what readJson does), and the yaml package parsing the same text (which
 * reports duplicates too), on the 849-line fixture and on state files of
 * 1,000 to 100,000 copies of its first instance.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { readJson } from '../shared/formats/json-text.js';
import { median } from './median.js';

const FIXTURE = 'test/fixtures/state/us-east-2.json';

type Json = Record<string, unknown>;

/**
 * The fixture's region with `count` copies of its first instance, each with its
 * own id and address, indented by `indent` spaces (the AWS CLI prints 4, which
 * at 100,000 instances outgrows V8's longest string).
 */
export function bigStateFile(count: number, indent = 0): string {
  const state = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
    regions: Record<string, { instances: { Reservations: { Instances: Json[] }[] } }>;
  };
  const region = state.regions['us-east-2'];
  const template = region?.instances.Reservations[0]?.Instances[0];
  if (region === undefined || template === undefined) throw new Error(`${FIXTURE} changed shape`);
  const instances = Array.from({ length: count }, (_, i) => ({
    ...template,
    InstanceId: `i-${i.toString(16).padStart(17, '0')}`,
    PrivateIpAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  }));
  region.instances.Reservations = [{ Instances: instances }];
  return JSON.stringify(state, null, indent);
}

function time(runs: number, run: () => unknown): number {
  // Warm up first: the first calls run unoptimised code.
  for (let i = 0; i < Math.min(runs, 5); i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** yaml builds a node per value: at 100,000 instances it ran out of a 4 GiB heap, so it stops at 1,000. */
const YAML_MAX_INSTANCES = 1_000;

export function benchJsonText(): void {
  const sizes = [
    { file: FIXTURE, text: readFileSync(FIXTURE, 'utf8'), instances: 3, runs: 51 },
    { file: '1,000 instances', text: bigStateFile(1_000, 2), instances: 1_000, runs: 9 },
    { file: '10,000 instances', text: bigStateFile(10_000, 2), instances: 10_000, runs: 5 },
    {
      file: '100,000 instances, compact',
      text: bigStateFile(100_000),
      instances: 100_000,
      runs: 3,
    },
  ];
  const rows = sizes.map(({ file, text, instances, runs }) => {
    const parse = time(runs, () => JSON.parse(text));
    const read = time(runs, () => readJson(text));
    const yaml =
      instances <= YAML_MAX_INSTANCES
        ? time(Math.min(runs, 3), () => parseDocument(text, { uniqueKeys: true }).toJS())
        : undefined;
    return {
      file,
      lines: text.split('\n').length,
      MiB: (text.length / 2 ** 20).toFixed(2),
      'JSON.parse ms': parse.toFixed(2),
      'readJson ms': read.toFixed(2),
      'readJson / JSON.parse': `${(read / parse).toFixed(2)}x`,
      'yaml ms': yaml === undefined ? 'not run' : yaml.toFixed(1),
      'yaml / JSON.parse': yaml === undefined ? '-' : `${(yaml / parse).toFixed(0)}x`,
    };
  });
  console.log(
    '\nReading JSON with duplicate keys refused (readJson: depth and colon scan, JSON.parse, key count) against JSON.parse alone and the yaml package (median of runs)',
  );
  console.table(rows);
}
