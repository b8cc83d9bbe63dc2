import { loadConfig } from '../../shared/formats/config/load.js';
import { loadStateFile } from '../../shared/formats/state-file.js';
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
const EXAMPLES = ['latency-weighted', 'grouped', 'lifecycle', 'multi-zone', 'health-checks'];

/** The change batches of a printed plan: its own, or each zone's in turn. */
function batchesOf(plan: { changeBatches?: unknown[]; zones?: { changeBatches: unknown[] }[] }) {
  return plan.changeBatches ?? (plan.zones ?? []).flatMap((z) => z.changeBatches);
}

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
    const printed = batchesOf(JSON.parse(out) as Parameters<typeof batchesOf>[0]);
    const file = batchesOf(
      JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as Parameters<typeof batchesOf>[0],
    );
    expect(printed.length).toBeGreaterThan(0);
    expect(apiOrderProblems(printed)).toEqual([]);
    expect(apiOrderProblems(file)).toEqual([]);
  });
});

describe('examples/multi-zone', () => {
  const dir = join('examples', 'multi-zone');
  const args = ['plan', '--config', join(dir, 'config.yaml'), '--state', join(dir, 'state.json')];

  it('plans the public and the private zone, each under its heading, with their own addresses', async () => {
    const { out } = await run(args);
    const [pub = '', priv = ''] = out.split('Hosted zone Z0PRIVATE0EXAMPLE2 (example.com)');
    expect(pub).toContain('Hosted zone Z0PUBLIC0EXAMPLE1 (example.com)');
    expect(pub).toContain('-> 3.14.20.11');
    expect(pub).not.toContain('10.20.1.11');
    expect(priv).toContain('-> 10.20.1.11');
    expect(priv).not.toContain('3.14.20.11');
    expect(pub).not.toContain('admin.example.com');
    expect(priv).toContain('admin.example.com');
  });

  it('reads eu-west-1 from the workload account, listed under it in the state file', async () => {
    const spec = await loadConfig(join(dir, 'config.yaml'));
    const eu = spec.services[0]?.regions.find((r) => r.region === 'eu-west-1');
    expect(eu?.account?.roleArn).toBe('arn:aws:iam::111122223333:role/route53-rebalancer-read');
    expect(
      spec.services[0]?.regions.find((r) => r.region === 'us-east-2')?.account,
    ).toBeUndefined();
    const state = await loadStateFile(join(dir, 'state.json'));
    expect([...state.regions.keys()].sort()).toEqual(['eu-west-1', 'us-east-2']);
    const { out } = await run(args);
    expect(out).toContain('eu-west-1.api.example.com');
  });

  it('writes the AAAA tree beside the A tree and says which instance is in A only', async () => {
    const { out } = await run([...args, '--zone', 'Z0PUBLIC0EXAMPLE1']);
    expect(out).toContain(
      'us-east-2.api.example.com AAAA api-prod/i-0a1b2c3d4e5f60001 weight 127 ttl 60 -> 2600:1f16:100:a::11',
    );
    expect(out).toContain(
      '! 1 instance(s) without an IPv6 address are in the A records only: i-0a1b2c3d4e5f60003',
    );
    expect(out).not.toContain('AAAA api-prod/i-0a1b2c3d4e5f60003');
    expect(out).not.toContain('Z0PRIVATE0EXAMPLE2');
  });

  it('names the zones it knows when --zone names none of them', async () => {
    const { code, err } = await run([...args, '--zone', 'Z0NOPE']);
    expect(code).toBe(1);
    expect(err).toContain(
      '--zone: unknown zone Z0NOPE (configured: Z0PUBLIC0EXAMPLE1 (example.com), Z0PRIVATE0EXAMPLE2 (example.com))',
    );
  });
});
