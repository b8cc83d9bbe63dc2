import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deployValues } from '../../scripts/lib/deploy-values.js';
import { homeZoneStatements } from '../../scripts/lib/zone-statements.js';
import { loadConfig } from '../../shared/formats/config/load.js';

/**
 * `npm run build` validates the config before anything else: a bad config is
 * its ConfigError message alone on stderr (no stack trace), exit code 1, and
 * nothing built. Runs the real script on temporary files.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function build(args: readonly string[]) {
  const result = spawnSync('npm', ['run', 'build', '--silent', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  // npm's own warnings about the machine's npmrc are not the build's.
  const stderr = result.stderr
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('npm warn'));
  return { status: result.status, stdout: result.stdout, stderr };
}

async function messageOf(path: string): Promise<string> {
  const error: unknown = await loadConfig(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof Error ? error.message : 'no error';
}

describe('npm run build on a bad config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebalancer-build-'));
  const out = join(dir, 'dist');

  it('prints the one-line config error, exits 1 and builds nothing', async () => {
    const config = join(dir, 'one-problem.yml');
    writeFileSync(
      config,
      [
        'hostedZoneId: not-a-zone',
        'ownerId: api-prod',
        'services:',
        '  - name: api',
        '    recordName: api.example.com',
        "    members: { tags: { 'rebalancer:service': api } }",
        '    regions: { us-east-2: { mode: weighted } }',
      ].join('\n'),
    );
    const result = build(['--config', config, '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toEqual([await messageOf(config)]);
    expect(result.stderr[0]).toBe(
      `${config}: hostedZoneId: expected a hosted zone id like Z0EXAMPLE12345`,
    );
    expect(result.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('lists every problem of a config at once, still without a stack', async () => {
    const config = join(dir, 'problems.yml');
    writeFileSync(config, 'hostedZoneId: nope\nservices: []\n');
    const result = build(['--config', config, '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr.join('\n')).toBe(await messageOf(config));
    expect(result.stderr.join('\n')).not.toMatch(/^\s+at /m);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a config whose names the writer roles’ IAM policy cannot hold, in one line', () => {
    const config = join(dir, 'too-many.json');
    const regions = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1'];
    const services = Array.from({ length: 150 }, (_, i) => ({
      name: `service-${i}`,
      recordName: `service-${i}.example.com`,
      members: { tags: { svc: `service-${i}` } },
      regions: Object.fromEntries(regions.map((r) => [r, { mode: 'grouped' }])),
    }));
    writeFileSync(
      config,
      JSON.stringify({ hostedZoneId: 'Z0EXAMPLE12345', ownerId: 'o', services }),
    );
    const result = build(['--config', config, '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(
      new RegExp(
        `^${config.replace(/[.\\]/g, '\\$&')}: the IAM policy of the writer roles needs [\\d,]+ characters with every service it can widen widened \\([\\d,]+ with exact names\\), more than the 10,240 IAM allows a role's inline policies: split the services over more than one stage, each with its own ownerId$`,
      ),
    );
    expect(result.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an unknown argument in one line', () => {
    const result = build(['--conifg', 'rebalancer.yml', '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(/^arguments: Unknown option '--conifg'/);
  });
});

describe('npm run build with zoneAccount', () => {
  it('writes dist/zone-account.json, the home writer policy’s zone statements, and says where to deploy it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebalancer-build-zone-'));
    const out = join(dir, 'dist');
    const config = join(dir, 'zone.yml');
    writeFileSync(
      config,
      [
        'hostedZoneId: Z0EXAMPLE12345',
        'ownerId: api-prod',
        'accounts:',
        '  dns:',
        '    roleArn: arn:aws:iam::111122223333:role/route53-rebalancer-zone',
        '    externalId: rebalancer-2026',
        'zoneAccount: dns',
        'services:',
        '  - name: api',
        '    recordName: api.example.com',
        "    members: { tags: { 'rebalancer:service': api } }",
        '    regions: { us-east-2: { mode: weighted } }',
      ].join('\n'),
    );
    const result = build(['--config', config, '--out', out]);
    expect(result.stderr).toEqual([]);
    expect(result.status).toBe(0);
    const file = join(out, 'zone-account.json');
    expect(result.stdout).toContain(
      `  ${file}: the role of zoneAccount dns; deploy it in account 111122223333\n`,
    );
    const template = JSON.parse(readFileSync(file, 'utf8')) as {
      Resources: {
        RebalancerZoneRole: {
          Properties: { Policies: { PolicyDocument: { Statement: unknown[] } }[] };
        };
      };
    };
    const spec = await loadConfig(config);
    expect(
      template.Resources.RebalancerZoneRole.Properties.Policies[0]?.PolicyDocument.Statement,
    ).toEqual(await homeZoneStatements(deployValues(spec, config, 'dev')));
  }, 60_000);
});
