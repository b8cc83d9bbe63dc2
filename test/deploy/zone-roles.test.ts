import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main as buildMain } from '../../scripts/build.js';
import { main as packageMain } from '../../scripts/package.js';
import { deployValues } from '../../scripts/lib/deploy-values.js';
import { zoneRoleStatements } from '../../scripts/lib/zone-account-grants.js';
import { writeZoneAccountTemplate, ZONE_ACCOUNT_TEMPLATE } from '../../scripts/lib/zone-account.js';
import {
  writeZoneRoleTemplates,
  zoneRoleFile,
  zoneRoleSummary,
} from '../../scripts/lib/zone-account-roles.js';
import { homeZoneStatements, type PolicyStatement } from '../../scripts/lib/zone-statements.js';
import { ConfigError } from '../../shared/domain/errors.js';
import { configFromValue } from '../../shared/formats/config/load.js';
import { parseYaml } from '../../shared/formats/config/yaml.js';

/*
 * dist/zone-account-<id>.json, the role of a zone's own `zones[].account`:
 * trusted as the zoneAccount role is, granting that zone's statements of the
 * home writer policy and the change status, nothing of another zone's.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAGE = 'prod';
const PUBLIC = 'Z0PUBLIC1';
const PRIVATE = 'Z0PRIVATE2';
const OTHER = 'Z0OTHER3';
const DNS = 'arn:aws:iam::111122223333:role/dns/route53-rebalancer-zone';
const DNS_B = 'arn:aws:iam::444455556666:role/rebalancer-zone';

const service = (name: string, recordName: string, zone: string) => ({
  name,
  recordName,
  members: { tags: { svc: name } },
  zones: [{ zone }],
  regions: { 'us-east-2': { mode: 'weighted' } },
});

/** Two zones (three with `third`); the private one, and the third, with the accounts given. */
function config(
  privateAccount: string | undefined,
  options: { third?: string; dns?: Record<string, unknown>; zoneAccount?: string } = {},
) {
  const { third, dns = { externalId: 'rebalancer-2026' }, zoneAccount } = options;
  const zones = [
    { id: PUBLIC, name: 'example.com' },
    { id: PRIVATE, name: 'internal.example', private: true, account: privateAccount },
    ...(third === undefined ? [] : [{ id: OTHER, name: 'other.example', account: third }]),
  ];
  return {
    ownerId: 'api-prod',
    accounts: {
      dns: { roleArn: DNS, ...dns },
      dnsb: { roleArn: DNS_B, externalId: 'other-2026' },
    },
    ...(zoneAccount !== undefined && { zoneAccount }),
    zones,
    services: [
      service('api', 'api.example.com', PUBLIC),
      service('admin', 'admin.internal.example', PRIVATE),
      ...(third === undefined ? [] : [service('web', 'www.other.example', OTHER)]),
    ],
  };
}

interface Template {
  readonly Description: string;
  readonly Parameters: Record<string, Record<string, unknown>>;
  readonly Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
}

async function built(value: unknown, dir = mkdtempSync(join(tmpdir(), 'rebalancer-zone-roles-'))) {
  const spec = configFromValue(value, 'test');
  const values = deployValues(spec, 'test', STAGE);
  const outcomes = await writeZoneRoleTemplates(dir, spec, values);
  const read = (id: string): Template | undefined => {
    const file = join(dir, zoneRoleFile(id));
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Template) : undefined;
  };
  return { dir, values, outcomes, read, files: () => readdirSync(dir).sort() };
}

const roleOf = (t: Template | undefined) => t?.Resources.RebalancerZoneRole?.Properties;
const statementsOf = (t: Template | undefined): PolicyStatement[] =>
  (roleOf(t)?.Policies as { PolicyDocument: { Statement: PolicyStatement[] } }[]).flatMap(
    (p) => p.PolicyDocument.Statement,
  );

describe('the template of a zone with its own account', () => {
  it('grants exactly the home writer policy’s statements of that zone, and WaitForChanges', async () => {
    const { read, values, files } = await built(config('dns'));
    expect(files()).toEqual([zoneRoleFile(PRIVATE)]);
    const granted = statementsOf(read(PRIVATE));
    expect(granted.map((s) => s.Sid)).toEqual([
      `WriteManagedRecords${PRIVATE}`,
      `NoDeeperNames${PRIVATE}`,
      `ReadZone${PRIVATE}`,
      'WaitForChanges',
    ]);
    const home = await homeZoneStatements(values);
    const ofZone = (s: { Sid?: string }) =>
      s.Sid === 'WaitForChanges' || (s.Sid?.endsWith(PRIVATE) ?? false);
    expect(granted).toEqual(home.filter(ofZone));
    expect(granted).toEqual(values.writerStatements.filter(ofZone));
    expect(JSON.stringify(granted)).not.toContain(PUBLIC);
  });

  it('covers every call of a zone’s own client (shared/aws/route53.ts), and only those', async () => {
    const { read } = await built(config('dns'));
    const used = [
      ...readFileSync(join(ROOT, 'shared/aws/route53.ts'), 'utf8').matchAll(
        /\bnew ([A-Z]\w+)Command\b/g,
      ),
    ].map((m) => `route53:${m[1] ?? ''}`);
    const granted = statementsOf(read(PRIVATE))
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => (typeof s.Action === 'string' ? [s.Action] : s.Action));
    expect([...new Set(granted)].sort()).toEqual([...new Set(used)].sort());
  });

  it('is trusted by the home account with the external id, and has the zoneAccount role’s parameters', async () => {
    const { read } = await built(config('dns'));
    const template = read(PRIVATE);
    const member = parseYaml(
      readFileSync(join(ROOT, 'deploy/member-account.yaml'), 'utf8'),
      'member-account.yaml',
    ) as Template;
    expect(roleOf(template)?.AssumeRolePolicyDocument).toEqual(
      member.Resources.RebalancerReadRole?.Properties.AssumeRolePolicyDocument,
    );
    expect(Object.keys(template?.Parameters ?? {})).toEqual([
      'HomeAccountId',
      'ExternalId',
      'RoleName',
    ]);
    expect(template?.Parameters.ExternalId?.Default).toBe('rebalancer-2026');
    expect(template?.Parameters.RoleName?.Default).toBe('route53-rebalancer-zone');
    expect(roleOf(template)?.Path).toBe('/dns/');
    expect(template?.Description).toBe(
      `Access to hosted zone ${PRIVATE} for route53-rebalancer in the home account (the config's zones[].account: dns)`,
    );
  });

  it('picks the zone’s statements by the zone they name: with one zone their Sids have no id', async () => {
    const value = config('dns');
    const { read, values } = await built({
      ...value,
      zones: value.zones.filter((z) => z.id === PRIVATE),
      services: value.services.slice(1),
    });
    const sids = ['WriteManagedRecords', 'NoDeeperNames', 'ReadZone', 'WaitForChanges'];
    expect(statementsOf(read(PRIVATE)).map((s) => s.Sid)).toEqual(sids);
    expect(statementsOf(read(PRIVATE))).toEqual(
      (await homeZoneStatements(values)).filter((s) => sids.includes(s.Sid ?? '')),
    );
  });

  it('is one template for two zones of one role, granting both zones’ statements', async () => {
    const { read, files, outcomes } = await built(config('dns', { third: 'dns' }));
    expect(files()).toEqual([zoneRoleFile(PRIVATE)]);
    expect(statementsOf(read(PRIVATE)).map((s) => s.Sid)).toEqual([
      `WriteManagedRecords${PRIVATE}`,
      `NoDeeperNames${PRIVATE}`,
      `ReadZone${PRIVATE}`,
      `WriteManagedRecords${OTHER}`,
      `NoDeeperNames${OTHER}`,
      `ReadZone${OTHER}`,
      'WaitForChanges',
    ]);
    expect(read(PRIVATE)?.Description).toContain(`hosted zones ${PRIVATE}, ${OTHER} `);
    expect(outcomes.map(zoneRoleSummary)).toEqual([
      expect.stringMatching(
        /zone-account-Z0PRIVATE2\.json: the role of zones\[\]\.account dns \(hosted zones Z0PRIVATE2, Z0OTHER3\); deploy it in account 111122223333$/,
      ),
    ]);
  });

  it('is one template per role for zones of two roles, each granting its zone only', async () => {
    const { read, files } = await built(config('dns', { third: 'dnsb' }));
    expect(files()).toEqual([zoneRoleFile(OTHER), zoneRoleFile(PRIVATE)]);
    expect(JSON.stringify(statementsOf(read(PRIVATE)))).not.toContain(OTHER);
    expect(statementsOf(read(OTHER)).map((s) => s.Sid)).toEqual([
      `WriteManagedRecords${OTHER}`,
      `NoDeeperNames${OTHER}`,
      `ReadZone${OTHER}`,
      'WaitForChanges',
    ]);
  });
});

describe('whether the build writes one', () => {
  it('writes none, and removes stale ones only, when no zone has an account', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebalancer-zone-roles-'));
    for (const name of [zoneRoleFile(PRIVATE), 'zone-account-Z0GONE9.json', 'deploy-values.json'])
      writeFileSync(join(dir, name), '{}');
    const { outcomes, files } = await built(config(undefined), dir);
    expect(outcomes).toEqual([]);
    expect(files()).toEqual(['deploy-values.json']);
  });

  it('removes a stale one of a zone that no longer has an account, writing the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebalancer-zone-roles-'));
    writeFileSync(join(dir, zoneRoleFile(PUBLIC)), '{}');
    const { files } = await built(config('dns'), dir);
    expect(files()).toEqual([zoneRoleFile(PRIVATE)]);
  });

  it('writes none for an account without externalId, and says why in one line', async () => {
    const { outcomes, files } = await built(config('dns', { dns: {} }));
    expect(files()).toEqual([]);
    expect(outcomes.map(zoneRoleSummary)).toEqual([
      "no zone-account-Z0PRIVATE2.json: accounts.dns has no externalId, which the zone role's trust requires; set one to have the build write it",
    ]);
  });

  it('writes none for a zone whose role is zoneAccount’s (zone-account.json creates it)', async () => {
    const { outcomes, files } = await built(config('dns', { zoneAccount: 'dns', third: 'dnsb' }));
    expect(files()).toEqual([zoneRoleFile(OTHER)]);
    expect(outcomes).toHaveLength(1);
  });

  it('leaves out of zone-account.json the zones that have a role of their own', async () => {
    const value = config('dns', { zoneAccount: 'dns', third: 'dnsb' });
    const spec = configFromValue(value, 'test');
    const dir = mkdtempSync(join(tmpdir(), 'rebalancer-zone-roles-'));
    await writeZoneAccountTemplate(dir, spec, deployValues(spec, 'test', STAGE));
    const template = JSON.parse(readFileSync(join(dir, ZONE_ACCOUNT_TEMPLATE), 'utf8')) as Template;
    const granted = statementsOf(template);
    // OTHER is reached with dnsb's role alone; PRIVATE's role is zoneAccount's, so it stays.
    expect(JSON.stringify(granted)).not.toContain(OTHER);
    expect(granted.map((s) => s.Sid)).toEqual(
      expect.arrayContaining([
        `WriteManagedRecords${PUBLIC}`,
        `WriteManagedRecords${PRIVATE}`,
        'WaitForChanges',
      ]),
    );
    expect(template.Description).toContain(`hosted zones ${PUBLIC}, ${PRIVATE} `);
    // With no zone of its own role, it is what it was: every zone's statements.
    const plain = configFromValue(config('dns', { zoneAccount: 'dns' }), 'test');
    await writeZoneAccountTemplate(dir, plain, deployValues(plain, 'test', STAGE));
    const all = JSON.parse(readFileSync(join(dir, ZONE_ACCOUNT_TEMPLATE), 'utf8')) as Template;
    expect(statementsOf(all)).toEqual(await homeZoneStatements(deployValues(plain, 'test', STAGE)));
  });
});

describe('a statement a zone role cannot take as it is', () => {
  const refuses = (statement: PolicyStatement, text: string): void => {
    expect(() => zoneRoleStatements([statement], [PRIVATE], 'serverless.yml')).toThrow(
      new ConfigError('serverless.yml', [text]),
    );
  };
  const zone = (id: string) => ({
    'Fn::Sub': `arn:\${AWS::Partition}:route53:::hostedzone/${id}`,
  });

  it('refuses one mixing the zone client’s actions with others', () => {
    refuses(
      {
        Sid: 'Both',
        Effect: 'Allow',
        Action: ['route53:GetChange', 'route53:ListHealthChecks'],
        Resource: '*',
      },
      "statement Both of ReconcileRole's rebalance policy mixes a zone role's actions (route53:GetChange) with others: split it",
    );
  });

  it('refuses one naming the zone with another, and leaves out one of another zone only', () => {
    refuses(
      {
        Sid: 'Two',
        Effect: 'Allow',
        Action: 'route53:GetHostedZone',
        Resource: [zone(PRIVATE), zone(PUBLIC)],
      },
      `statement Two of ReconcileRole's rebalance policy names hosted zone ${PRIVATE} with others (${PUBLIC}): split it`,
    );
    const other = { Effect: 'Allow', Action: 'route53:GetHostedZone', Resource: zone(PUBLIC) };
    expect(zoneRoleStatements([other], [PRIVATE], 'serverless.yml')).toEqual([]);
  });
});

describe('the build’s output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebalancer-zone-roles-build-'));
  const file = join(dir, 'zones.json');
  writeFileSync(file, JSON.stringify(config('dns')));
  const line = `  ${join(dir, 'dist', zoneRoleFile(PRIVATE))}: the role of zones[].account dns (hosted zone ${PRIVATE}); deploy it in account 111122223333\n`;

  it('npm run build prints which account to deploy each zone role in', async () => {
    const io = bufferIo();
    const out = join(dir, 'dist');
    expect(await buildMain(['--config', file, '--out', out], io)).toBe(0);
    expect(io.stderr()).toBe('');
    expect(io.stdout()).toContain(line);
    expect(existsSync(join(out, zoneRoleFile(PRIVATE)))).toBe(true);
  }, 60_000);

  it('npm run package prints it too, before packaging', async () => {
    const io = bufferIo();
    const calls: string[][] = [];
    const osls = (args: readonly string[]) => (calls.push([...args]), 0);
    const argv = ['--config', file, '--out', join(dir, 'dist')];
    expect(await packageMain(argv, io, osls, dir)).toBe(0);
    expect(io.stdout()).toContain(line);
    expect(calls).toEqual([['package', '--stage', 'dev']]);
  }, 60_000);
});
