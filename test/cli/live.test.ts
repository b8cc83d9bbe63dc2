import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { parseStateFile } from '../../shared/formats/state-file.js';
import { mockFleet, sdkInstance, type FleetMock } from '../support/aws-mocks.js';
import { fakeRoute53, type FakeRoute53 } from '../support/fake-route53.js';
import { zoneWith } from '../support/zone.js';

const config = join(mkdtempSync(join(tmpdir(), 'rebalancer-cli-')), 'config.yaml');
writeFileSync(
  config,
  `hostedZoneId: Z0EXAMPLE12345
ownerId: api-prod
services:
  - name: api
    recordName: api.example.com
    members: { tags: { "rebalancer:service": api } }
    health: { alarmNamePrefix: api- }
    regions:
      us-east-2: { mode: weighted }
      eu-west-1: { mode: weighted }
`,
);

let route53: FakeRoute53;
let fleet: FleetMock;
beforeEach(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  route53 = fakeRoute53(zoneWith());
  fleet = mockFleet((region) =>
    region === 'us-east-2'
      ? [
          sdkInstance('i-0000000000000000a', 'us-east-2a', '198.51.100.1'),
          sdkInstance('i-0000000000000000b', 'us-east-2b', '198.51.100.2', 'running', 'm5.xlarge'),
        ]
      : [sdkInstance('i-0000000000000000c', 'eu-west-1a', '203.0.113.1')],
  );
});
afterEach(() => {
  route53.restore();
  fleet.restore();
  vi.unstubAllEnvs();
});

async function run(args: string[], confirm?: (q: string) => Promise<boolean>) {
  const io = bufferIo();
  const code = await main(args, io, confirm);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('live commands', () => {
  it('plan reads live AWS when no state file is given, and writes nothing', async () => {
    const { code, out } = await run(['plan', '-c', config]);
    expect(code).toBe(0);
    expect(out).toContain(
      'i-0000000000000000b  us-east-2b  m5.xlarge  4 vCPU    healthy  254     66.7%',
    );
    expect(route53.callCount('ChangeResourceRecordSets')).toBe(0);
  });

  it('apply writes the plan without asking when not on a terminal', async () => {
    const { code, err } = await run(['apply', '-c', config]);
    expect(code).toBe(0);
    expect(err).toContain('Wrote 1 batch.');
    expect(route53.zone.get('api.example.com.', 'A', 'api-prod/eu-west-1')).toBeDefined();
    expect((await run(['plan', '-c', config])).out).toContain(
      'No changes: the records already match.',
    );
  });

  it('apply asks first on a terminal, and writes nothing when declined', async () => {
    const questions: string[] = [];
    const { code, err } = await run(['apply', '-c', config], (q) => {
      questions.push(q);
      return Promise.resolve(false);
    });
    expect(code).toBe(1);
    expect(questions).toEqual(['Write these 5 changes to Z0EXAMPLE12345? [y/N] ']);
    expect(err).toContain('Nothing written.');
    expect(route53.callCount('ChangeResourceRecordSets')).toBe(0);
  });

  it('apply --yes skips the question', async () => {
    const { code } = await run(['apply', '-c', config, '--yes', '--region', 'eu-west-1'], () =>
      Promise.reject(new Error('must not ask')),
    );
    expect(code).toBe(0);
    expect(route53.zone.records().map((r) => r.Region ?? r.Name)).toEqual([
      'eu-west-1',
      'eu-west-1.api.example.com.',
    ]);
  });

  it('apply writes exactly the plan it showed, even when the fleet changed while it asked', async () => {
    let stopped = false;
    fleet.restore();
    fleet = mockFleet((region) =>
      region === 'us-east-2'
        ? [
            sdkInstance('i-0000000000000000a', 'us-east-2a', '198.51.100.1'),
            sdkInstance(
              'i-0000000000000000b',
              'us-east-2b',
              '198.51.100.2',
              stopped ? 'stopped' : 'running',
              'm5.xlarge',
            ),
          ]
        : [sdkInstance('i-0000000000000000c', 'eu-west-1a', '203.0.113.1')],
    );
    const { code, out, err } = await run(['apply', '-c', config, '--json'], () => {
      stopped = true;
      return Promise.resolve(true);
    });
    expect(code).toBe(0);
    expect(err).toBe('Wrote 1 batch.\n');
    const shown = (JSON.parse(out) as { changeBatches: unknown[] }).changeBatches;
    expect(JSON.parse(JSON.stringify(route53.accepted))).toEqual(shown);
    expect(
      route53.zone.get('us-east-2.api.example.com.', 'A', 'api-prod/i-0000000000000000b')?.Weight,
    ).toBe(254);
  });

  it('apply writes nothing more when the zone changed after the plan was read, and says to run again', async () => {
    const { code, err } = await run(['apply', '-c', config], async () => {
      // Someone else applies the same plan while we ask.
      expect((await run(['apply', '-c', config, '--yes'])).code).toBe(0);
      return true;
    });
    expect(code).toBe(1);
    expect(err).toMatch(
      /^Nothing written: the hosted zone changed since it was read: Tried to create resource record set .* but it already exists[^\n]*\. Run apply again to plan from what the zone holds now\.\n$/,
    );
    expect(route53.callCount('ChangeResourceRecordSets')).toBe(2);
    expect((await run(['plan', '-c', config])).out).toContain(
      'No changes: the records already match.',
    );
  });

  it('apply --wait says when Route 53 reports the change INSYNC', async () => {
    const { code, err } = await run(['apply', '-c', config, '--wait']);
    expect(code).toBe(0);
    expect(err).toBe('Wrote 1 batch; Route 53 reports INSYNC.\n');
    expect(route53.callCount('GetChange')).toBe(1);
  });

  it('apply says in one line which write failed, and exits 1', async () => {
    const denied = Object.assign(
      new Error('User is not authorized to perform route53:ChangeResourceRecordSets'),
      {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      },
    );
    const { code, err } = await run(['apply', '-c', config], () => {
      route53.failNext(denied);
      return Promise.resolve(true);
    });
    expect(code).toBe(1);
    expect(err).toBe(
      'error: ChangeResourceRecordSets failed: AccessDenied: User is not authorized to perform route53:ChangeResourceRecordSets\n',
    );
    expect(route53.zone.records()).toEqual([]);
  });

  it('apply rejects a --region typo before reading or writing anything', async () => {
    const { code, err } = await run(['apply', '-c', config, '--region', 'eu-west-9', '--yes']);
    expect(code).toBe(1);
    expect(err).toBe(
      'error: --region: eu-west-9 is not configured (configured: us-east-2, eu-west-1)\n',
    );
    expect(route53.callCount()).toBe(0);
  });

  it('apply exits 1 when a region could not be read, even with nothing to write', async () => {
    expect((await run(['apply', '-c', config])).code).toBe(0);
    fleet.restore();
    fleet = mockFleet((region) => {
      if (region === 'eu-west-1') throw new Error('eu-west-1 is down');
      return [
        sdkInstance('i-0000000000000000a', 'us-east-2a', '198.51.100.1'),
        sdkInstance('i-0000000000000000b', 'us-east-2b', '198.51.100.2', 'running', 'm5.xlarge'),
      ];
    });
    const { code, err } = await run(['apply', '-c', config]);
    expect(code).toBe(1);
    expect(err).toContain('Not reconciled (could not read): eu-west-1: ');
    expect(route53.callCount('ChangeResourceRecordSets')).toBe(1);
  });

  it('snapshot prints a state file that plans the same as live AWS', async () => {
    const snapshot = await run(['snapshot', '-c', config]);
    expect(snapshot.code).toBe(0);
    const state = parseStateFile(snapshot.out, 'snapshot');
    expect([...state.regions.keys()].sort()).toEqual(['eu-west-1', 'us-east-2']);
    const path = join(mkdtempSync(join(tmpdir(), 'rebalancer-snap-')), 'state.json');
    writeFileSync(path, snapshot.out);
    const offline = await run(['plan', '-c', config, '-s', path, '--json']);
    const live = await run(['plan', '-c', config, '--json']);
    const batches = (text: string) =>
      (JSON.parse(text) as { changeBatches: { Changes: unknown }[] }).changeBatches.map(
        (b) => b.Changes,
      );
    expect(batches(offline.out)).toEqual(batches(live.out));
  });

  it('says in one line which AWS call failed', async () => {
    route53.failNext(
      Object.assign(new Error('User is not authorized to perform route53:ListResourceRecordSets'), {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      }),
      1,
    );
    const { code, err } = await run(['plan', '-c', config]);
    expect(code).toBe(1);
    expect(err).toBe(
      'error: ListResourceRecordSets failed: AccessDenied: User is not authorized to perform route53:ListResourceRecordSets\n',
    );
  });
});

describe('live commands with several hosted zones', () => {
  const twoZones = join(mkdtempSync(join(tmpdir(), 'rebalancer-cli-')), 'zones.yaml');
  writeFileSync(
    twoZones,
    `ownerId: api-prod
zones:
  - { id: Z0EXAMPLE12345, name: example.com }
  - { id: Z0MISSING99, name: example.com, private: true }
services:
  - name: api
    recordName: api.example.com
    members: { tags: { "rebalancer:service": api } }
    zones: [{ zone: Z0EXAMPLE12345 }, { zone: Z0MISSING99 }]
    regions:
      us-east-2: { mode: weighted }
`,
  );

  it('plan reports a zone it cannot read and still plans the others', async () => {
    const { code, out, err } = await run(['plan', '-c', twoZones]);
    expect(code).toBe(1);
    expect(out).toContain('Hosted zone Z0EXAMPLE12345 (example.com)');
    expect(out).toContain('-> 198.51.100.1');
    expect(err).toContain('Hosted zone Z0MISSING99 (example.com): not planned:');
    expect(route53.callCount('ChangeResourceRecordSets')).toBe(0);
  });

  it('snapshot prints the records of each zone under zones, which plan --state reads back', async () => {
    const oneZone = join(mkdtempSync(join(tmpdir(), 'rebalancer-cli-')), 'zones.yaml');
    writeFileSync(
      oneZone,
      `ownerId: api-prod
zones: [{ id: Z0EXAMPLE12345, name: example.com }]
services:
  - name: api
    recordName: api.example.com
    members: { tags: { "rebalancer:service": api } }
    regions:
      us-east-2: { mode: weighted }
`,
    );
    const snapshot = await run(['snapshot', '-c', oneZone]);
    expect(snapshot.code).toBe(0);
    const printed = JSON.parse(snapshot.out) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['zones', 'regions']);
    expect(Object.keys(printed.zones as object)).toEqual(['Z0EXAMPLE12345']);
    const path = join(mkdtempSync(join(tmpdir(), 'rebalancer-cli-')), 'state.json');
    writeFileSync(path, snapshot.out);
    const offline = await run(['plan', '-c', oneZone, '-s', path]);
    const live = await run(['plan', '-c', oneZone]);
    expect(offline.out).toBe(live.out);
  });
});
