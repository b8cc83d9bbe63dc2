import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../scripts/package.js';

/**
 * `npm run package`'s main, in-process, with osls replaced by a recorder
 * (test/deploy/package.test.ts runs the real script and osls).
 */
const CONFIG = `
hostedZoneId: Z0EXAMPLE12345
ownerId: mains
services:
  - name: api
    recordName: api.example.com
    members: { tags: { 'rebalancer:service': api } }
    regions: { eu-west-1: { mode: weighted } }
`;

const dir = mkdtempSync(join(tmpdir(), 'rebalancer-package-main-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function recorder(code: number) {
  const calls: { args: readonly string[]; cwd: string }[] = [];
  const osls = (args: readonly string[], cwd: string) => {
    calls.push({ args, cwd });
    return code;
  };
  return { calls, osls };
}

describe('the package script', () => {
  it('builds, then runs osls package for the stage and region, and exits with its code', async () => {
    const config = join(dir, 'valid.yml');
    writeFileSync(config, CONFIG);
    const { calls, osls } = recorder(7);
    const io = bufferIo();
    const argv = [
      '--stage',
      'mains',
      '--region',
      'eu-west-1',
      '--config',
      config,
      '--out',
      join(dir, 'dist'),
    ];
    expect(await main(argv, io, osls, dir)).toBe(7);
    expect(calls).toEqual([
      { args: ['package', '--stage', 'mains', '--region', 'eu-west-1'], cwd: dir },
    ]);
    const [first, policy, ...rest] = io.stdout().split('\n');
    expect(first).toBe(`${config}: valid; built for stage mains`);
    expect(policy).toMatch(/^ {2}IAM: .*characters/);
    expect(rest).toEqual(['']);
    expect(existsSync(join(dir, 'dist', 'deploy-values.json'))).toBe(true);
  }, 60_000);

  it('never runs osls for a config that does not validate', async () => {
    const config = join(dir, 'bad.yml');
    writeFileSync(config, 'hostedZoneId: nope\n');
    const { calls, osls } = recorder(0);
    const io = bufferIo();
    expect(await main(['--config', config, '--out', join(dir, 'never')], io, osls, dir)).toBe(1);
    expect(calls).toEqual([]);
    expect(io.stderr()).toMatch(new RegExp(`^${config}: `));
  });
});
