import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { apiOrderProblems } from '../support/api-order.js';

/**
 * The bundled examples and their plans, which the README tells people to read
 * by hand, must stay exactly what the CLI prints. After an intended change,
 * refresh them with: UPDATE_EXAMPLES=1 npx vitest run test/cli/examples.test.ts
 */
const EXAMPLES = ['latency-weighted', 'grouped', 'lifecycle'];

async function run(args: string[]) {
  const io = bufferIo();
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe.each(EXAMPLES)('examples/%s', (name) => {
  const dir = join('examples', name);
  const args = ['plan', '--config', join(dir, 'config.yaml'), '--state', join(dir, 'state.json')];

  it('plans exactly what plan.txt shows', async () => {
    const { code, out, err } = await run(args);
    expect(err).toBe('');
    expect(code).toBe(0);
    if (process.env.UPDATE_EXAMPLES) writeFileSync(join(dir, 'plan.txt'), out);
    expect(out).toBe(readFileSync(join(dir, 'plan.txt'), 'utf8'));
  });

  it('prints exactly plan.json with --json', async () => {
    const { code, out } = await run([...args, '--json']);
    expect(code).toBe(0);
    if (process.env.UPDATE_EXAMPLES) writeFileSync(join(dir, 'plan.json'), out);
    // Text, not parsed JSON: the key order is part of what the file promises.
    expect(out).toBe(readFileSync(join(dir, 'plan.json'), 'utf8'));
  });

  it('lists every key of its change batches in Route 53 API order, for aws route53 change-resource-record-sets', async () => {
    const { out } = await run([...args, '--json']);
    const printed = JSON.parse(out) as { changeBatches: unknown[] };
    const file = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as typeof printed;
    expect(printed.changeBatches.length).toBeGreaterThan(0);
    expect(apiOrderProblems(printed.changeBatches)).toEqual([]);
    expect(apiOrderProblems(file.changeBatches)).toEqual([]);
  });
});
