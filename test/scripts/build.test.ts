import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../scripts/build.js';
import { FUNCTIONS } from '../../scripts/lib/bundle.js';

/** `npm run build`'s main, in-process (test/deploy/build.test.ts runs the script itself). */
const CONFIG = `
hostedZoneId: Z0EXAMPLE12345
ownerId: mains
services:
  - name: api
    recordName: api.example.com
    members: { tags: { 'rebalancer:service': api } }
    regions: { us-east-2: { mode: weighted } }
`;

const dir = mkdtempSync(join(tmpdir(), 'rebalancer-build-main-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the build script', () => {
  it('builds every function for a valid config and lists each bundle', async () => {
    const config = join(dir, 'valid.yml');
    const out = join(dir, 'dist');
    writeFileSync(config, CONFIG);
    const io = bufferIo();
    expect(await main(['--stage', 'mains', '--config', config, '--out', out], io)).toBe(0);
    const lines = io.stdout().trimEnd().split('\n');
    expect(lines[0]).toBe(`${config}: valid; built for stage mains`);
    // Then the writer policy's size, as the build measured it.
    expect(lines[1]).toMatch(/^ {2}IAM: .*characters/);
    expect(lines.slice(2)).toEqual(
      FUNCTIONS.map(
        (name) =>
          expect.stringMatching(new RegExp(`^  ${out}/${name}/index\\.mjs  \\d+ KiB$`)) as unknown,
      ),
    );
    expect(io.stderr()).toBe('');
    for (const name of FUNCTIONS) expect(existsSync(join(out, name, 'rebalancer.json'))).toBe(true);
    const values = JSON.parse(readFileSync(join(out, 'deploy-values.json'), 'utf8')) as object;
    expect(Object.keys(values)).toEqual(['mains']);
  }, 60_000);

  it('stops at a bad config: its message alone on stderr, exit code 1, nothing built', async () => {
    const config = join(dir, 'bad.yml');
    const out = join(dir, 'never');
    writeFileSync(config, CONFIG.replace('Z0EXAMPLE12345', 'not-a-zone'));
    const io = bufferIo();
    expect(await main(['--config', config, '--out', out], io)).toBe(1);
    expect(io.stderr()).toBe(
      `${config}: hostedZoneId: expected a hosted zone id like Z0EXAMPLE12345\n`,
    );
    expect(io.stdout()).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a bad stage name before reading anything', async () => {
    const io = bufferIo();
    expect(await main(['--stage', 'prod/eu'], io)).toBe(1);
    expect(io.stderr()).toBe('--stage: expected letters, digits and -, got "prod/eu"\n');
  });
});
