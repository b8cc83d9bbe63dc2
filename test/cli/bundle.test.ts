import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE, freshBundle, ROOT, staleReason } from '../../bin/cli-bundle.js';

const EXAMPLE = resolve('examples/latency-weighted');

// Built once into a directory of its own: dist/ of the checkout is left alone.
const outDir = mkdtempSync(join(tmpdir(), 'rebalancer-cli-bundle-'));
const logs: string[] = [];
const log = (line: string) => logs.push(line);
let entry: string;
beforeAll(async () => {
  entry = await freshBundle({ outDir, log });
}, 60_000);

describe('the CLI bundle', () => {
  it('is built when missing, and says so in one line', () => {
    expect(entry).toBe(join(outDir, BUNDLE));
    expect(existsSync(entry)).toBe(true);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^rebalancer: built .*rebalancer\.mjs in \d+ ms \(there was none\)$/);
  });

  it('is not rebuilt while no source changed', async () => {
    const built = statSync(entry).mtimeMs;
    expect(staleReason(ROOT, outDir)).toBeUndefined();
    await freshBundle({ outDir, log });
    expect(logs).toHaveLength(1);
    expect(statSync(entry).mtimeMs).toBe(built);
  });

  it('is stale once any file under cli/ or shared/ is newer than it', () => {
    const copy = mkdtempSync(join(tmpdir(), 'rebalancer-cli-stale-'));
    cpSync(outDir, copy, { recursive: true });
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(copy, BUNDLE), old, old);
    expect(staleReason(ROOT, copy)).toMatch(
      /^(package-lock\.json|bin\/cli-bundle\.js|(cli|shared)\/\S+) changed since the last build$/,
    );
  });

  it('is rebuilt, and says so, when it is stale', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'rebalancer-cli-rebuild-'));
    cpSync(outDir, copy, { recursive: true });
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(copy, BUNDLE), old, old);
    const lines: string[] = [];
    await freshBundle({ outDir: copy, log: (line) => lines.push(line) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('changed since the last build');
    expect(staleReason(ROOT, copy)).toBeUndefined();
  }, 60_000);

  it('runs plan on plain node, outside the checkout (no tsx, no node_modules), printing the example plan', async () => {
    const away = mkdtempSync(join(tmpdir(), 'rebalancer-cli-away-'));
    cpSync(outDir, away, { recursive: true });
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        join(away, BUNDLE),
        'plan',
        '-c',
        join(EXAMPLE, 'config.yaml'),
        '-s',
        join(EXAMPLE, 'state.json'),
      ],
      { cwd: away, env },
    );
    expect(stderr).toBe('');
    expect(stdout).toBe(readFileSync(join(EXAMPLE, 'plan.txt'), 'utf8'));
  }, 30_000);

  it('exits with the CLI exit code', async () => {
    const run = promisify(execFile)(process.execPath, [
      entry,
      'plan',
      '-c',
      'nope.yaml',
      '-s',
      'x',
    ]);
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: 'error: nope.yaml: file not found\n',
    });
  });
});
