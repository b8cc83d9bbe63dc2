import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
  it('lists the commands, with examples', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    for (const command of ['plan', 'apply', 'snapshot', 'simulate'])
      expect(out).toMatch(new RegExp(`\\n  ${command} \\[options\\] +\\S`));
    expect(out).toContain('Run rebalancer <command> --help');
    expect(out).toContain('npx rebalancer plan -c examples/latency-weighted/config.yaml');
  });

  it.each([
    [
      'plan',
      [
        '--config',
        '--state',
        '--json',
        '--service',
        '--region',
        '--force',
        '--exit-code',
        '--verbose',
      ],
      'npx rebalancer plan --config examples/latency-weighted/config.yaml',
    ],
    [
      'apply',
      ['--config', '--service', '--region', '--force', '--yes', '--wait', '--json', '--verbose'],
      'npx rebalancer apply -c config.yaml',
    ],
    ['snapshot', ['--config'], 'npx rebalancer snapshot -c config.yaml > state.json'],
    [
      'simulate',
      ['--config', '--state', '--scenario', '--report', '--json'],
      'npx rebalancer simulate -c examples/grouped/config.yaml',
    ],
  ])(
    'explains %s: every option with a description, and an example',
    async (command, options, example) => {
      const { code, out } = await run(command, '--help');
      expect(code).toBe(0);
      for (const option of options) expect(out).toMatch(new RegExp(`${option}( <\\w+>)? {2,}\\S`));
      expect(out).toContain('Example');
      expect(out).toContain(example);
    },
  );
});

describe('rebalancer without a command', () => {
  it('says a command is missing, shows the help, and exits 1', async () => {
    const { code, out, err } = await run();
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^error: no command given\nUsage: rebalancer /);
    expect(err).toContain('plan [options]');
  });

  it('names an unknown command and exits 1', async () => {
    const { code, err } = await run('frob');
    expect(code).toBe(1);
    expect(err).toBe("error: unknown command 'frob'\n(run with --help for usage)\n");
  });

  it('suggests the command a typo was close to', async () => {
    const { code, err } = await run('pla', '-c', CONFIG);
    expect(code).toBe(1);
    expect(err).toContain('(Did you mean plan?)');
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

describe('--service and --region', () => {
  it('rejects an unknown service in one line naming the configured ones, even with --exit-code', async () => {
    const { code, out, err } = await run(
      'plan',
      '-c',
      CONFIG,
      '-s',
      STATE,
      '--service',
      'apii',
      '--exit-code',
    );
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe('error: --service: unknown service apii (configured: api)\n');
  });

  it('rejects a region no chosen service runs in, naming the configured regions', async () => {
    const { code, err } = await run(
      'plan',
      '-c',
      CONFIG,
      '-s',
      STATE,
      '--service',
      'api',
      '--region',
      'eu-west-9',
    );
    expect(code).toBe(1);
    expect(err).toBe(
      'error: --region: eu-west-9 is not configured for api (configured: us-east-2, eu-west-1, ap-northeast-1)\n',
    );
  });
});

describe('the installed command', () => {
  it('runs the bundled CLI on plain node, no loader, and prints exactly the example plan', async () => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['bin/rebalancer.js', 'plan', '-c', CONFIG, '-s', STATE],
      { env },
    );
    expect(stdout).toBe(readFileSync('examples/latency-weighted/plan.txt', 'utf8'));
    // Nothing but, when it had to be (re)built, the one line that says so.
    expect(stderr).toMatch(
      /^(rebalancer: built dist\/cli\/rebalancer\.mjs in \d+ ms \([^)]+\)\n)?$/,
    );
  }, 60_000);
});
