import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';

const CONFIG = 'examples/latency-weighted/config.yaml';
const CLEAR_AND_FAKE = '\x1b[2J\x1b[H\nNo changes: the records already match.\u202e';

interface Tag {
  Key: string;
  Value: string;
}
interface StateJson {
  regions: Record<
    string,
    { instances: { Reservations: { Instances: { InstanceId: string; Tags: Tag[] }[] }[] } }
  >;
}

/** The example's state, with tags set on instance i-0a4e7c1d9b2f30001 in us-east-2. */
function stateWithTags(tags: Tag[]): string {
  const state = JSON.parse(
    readFileSync('examples/latency-weighted/state.json', 'utf8'),
  ) as StateJson;
  for (const reservation of state.regions['us-east-2']?.instances.Reservations ?? [])
    for (const instance of reservation.Instances)
      if (instance.InstanceId === 'i-0a4e7c1d9b2f30001') instance.Tags.push(...tags);
  const path = join(mkdtempSync(join(tmpdir(), 'rebalancer-escape-')), 'state.json');
  writeFileSync(path, JSON.stringify(state));
  return path;
}

async function plan(state: string, ...extra: string[]) {
  const io = bufferIo();
  const code = await main(['plan', '-c', CONFIG, '-s', state, ...extra], io);
  return { code, out: io.stdout() };
}

describe('tag values in the output', () => {
  const state = stateWithTags([
    // Not a number: the plan warns, quoting the value, just above its summary.
    { Key: 'rebalancer:capacity', Value: CLEAR_AND_FAKE },
    // A drain value, once trimmed: the reason quotes it in the table.
    { Key: 'rebalancer:drain', Value: '\r\ntrue\n' },
  ]);

  it('cannot clear the screen or fake a summary: control characters are shown as escapes', async () => {
    const { code, out } = await plan(state);
    expect(code).toBe(0);
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    expect(out).toContain(
      'warning: i-0a4e7c1d9b2f30001: ignoring rebalancer:capacity=\\x1b[2J\\x1b[H\\x0aNo changes: the records already match.\\u202e (not a number above 0 and at most 1000000000)',
    );
    expect(out.split('\n').filter((line) => line.startsWith('No changes'))).toEqual([]);
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^\d+ changes \(/);
  });

  it('keeps a table row on one line', async () => {
    const { out } = await plan(state);
    const rows = out.split('\n').filter((line) => line.includes('i-0a4e7c1d9b2f30001  '));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/draining .*tag rebalancer:drain=\\x0d\\x0atrue\\x0a$/);
  });

  it('leaves --json valid JSON holding the very same values', async () => {
    const bidi = stateWithTags([{ Key: 'rebalancer:capacity', Value: 'x\u202ey\x85\x7f\x1b' }]);
    const { out } = await plan(bidi, '--json');
    expect(out).not.toMatch(/[\x7f-\x9f\u202a-\u202e]/);
    const warnings = (JSON.parse(out) as { warnings: string[] }).warnings;
    expect(warnings).toContain(
      'i-0a4e7c1d9b2f30001: ignoring rebalancer:capacity=x\u202ey\x85\x7f\x1b (not a number above 0 and at most 1000000000)',
    );
  });
});
