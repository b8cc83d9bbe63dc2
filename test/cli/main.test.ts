import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';

const CONFIG = 'examples/latency-weighted/config.yaml';
const STATE = 'examples/latency-weighted/state.json';

async function run(...args: string[]) {
  const io = bufferIo();
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

function temp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rebalancer-')), name);
  writeFileSync(path, text);
  return path;
}

describe('rebalancer --help', () => {
  it('lists the commands', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/plan \[options\]/);
  });

  it('explains plan with its options and an example', async () => {
    const { code, out } = await run('plan', '--help');
    expect(code).toBe(0);
    for (const option of [
      '--config',
      '--state',
      '--json',
      '--service',
      '--region',
      '--force',
      '--exit-code',
    ]) {
      expect(out).toContain(option);
    }
    expect(out).toContain('npx rebalancer plan --config examples/latency-weighted/config.yaml');
  });
});

describe('rebalancer plan', () => {
  it('prints changeBatches ready for ChangeResourceRecordSets with --json', async () => {
    const { code, out } = await run('plan', '-c', CONFIG, '-s', STATE, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      changeBatches: { Comment: string; Changes: { Action: string }[] }[];
    };
    expect(json.changeBatches).toHaveLength(1);
    expect(json.changeBatches[0]?.Changes.map((c) => c.Action)).toContain('CREATE');
    expect(Object.keys(json.changeBatches[0] ?? {})).toEqual(['Comment', 'Changes']);
  });

  it('exits 2 with --exit-code when changes are pending', async () => {
    expect((await run('plan', '-c', CONFIG, '-s', STATE, '--exit-code')).code).toBe(2);
  });

  it('plans only the requested region', async () => {
    const { out } = await run('plan', '-c', CONFIG, '-s', STATE, '--region', 'ap-northeast-1');
    expect(out).toContain('ap-northeast-1: changed');
    expect(out).not.toContain('us-east-2:');
    expect(out).toContain('1 changes (1 create, 0 delete) in 1 batch.');
  });

  it('says in one line which file is missing', async () => {
    const { code, err } = await run('plan', '-c', 'nope.yaml', '-s', STATE);
    expect(code).toBe(1);
    expect(err).toBe('error: nope.yaml: file not found\n');
  });

  it('lists every problem of a bad configuration, with paths, and no stack', async () => {
    const config = temp(
      'bad.yaml',
      'hostedZoneId: nope\nownerId: api-prod\nservices:\n  - name: api\n    recordName: api.example.com\n    members: { tags: { a: b } }\n    regions:\n      us-east-2: { mode: round-robin }\n',
    );
    const { code, err } = await run('plan', '-c', config, '-s', STATE);
    expect(code).toBe(1);
    expect(err).toContain('2 problems');
    expect(err).toContain('services[0].regions.us-east-2.mode: expected weighted | grouped');
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('names the bad field of a broken state file', async () => {
    const state = temp(
      'state.json',
      JSON.stringify({
        recordSets: { ResourceRecordSets: [] },
        regions: {
          'us-east-2': { instances: { Reservations: [{ Instances: [{ InstanceId: 7 }] }] } },
        },
      }),
    );
    const { code, err } = await run('plan', '-c', CONFIG, '-s', state);
    expect(code).toBe(1);
    expect(err).toContain(
      'regions.us-east-2.instances.Reservations[0].Instances[0].InstanceId: expected a string',
    );
  });

  it('rejects an unknown option and says how to get help', async () => {
    const { code, err } = await run('plan', '-c', CONFIG, '--stat', STATE);
    expect(code).toBe(1);
    expect(err).toContain("unknown option '--stat'");
    expect(err).toContain('--help');
  });

  it('requires --config', async () => {
    const { code, err } = await run('plan', '-s', STATE);
    expect(code).toBe(1);
    expect(err).toContain("required option '-c, --config <file>' not specified");
  });
});

describe('the installed command', () => {
  it('runs through npx from a fresh checkout, without a build step', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      'bin/rebalancer.js',
      'plan',
      '-c',
      CONFIG,
      '-s',
      STATE,
    ]);
    expect(stdout).toContain('service api (api.example.com)');
  }, 30_000);
});
