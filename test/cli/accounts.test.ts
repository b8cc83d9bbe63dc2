import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { mockFleet, sdkInstance, type FleetMock } from '../support/aws-mocks.js';
import { fakeRoute53, type FakeRoute53 } from '../support/fake-route53.js';
import { zoneWith } from '../support/zone.js';

/*
 * `snapshot` with a region in another account: that region goes under
 * `accounts.<name>.regions` (the clients are mocked, so no role is assumed
 * here; test/runtime/live-aws-accounts.wire.test.ts pins the signing), and
 * `plan --state` from the file plans what the live plan does.
 */

const dir = mkdtempSync(join(tmpdir(), 'rebalancer-accounts-'));
const config = join(dir, 'config.yaml');
writeFileSync(
  config,
  `hostedZoneId: Z0EXAMPLE12345
ownerId: api-prod
accounts:
  prod: { roleArn: 'arn:aws:iam::111122223333:role/route53-rebalancer-read', externalId: rebalancer-2026 }
services:
  - name: api
    recordName: api.example.com
    members: { tags: { "rebalancer:service": api } }
    regions:
      us-east-2: { mode: weighted }
      eu-west-1: { mode: weighted, account: prod }
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
      ? [sdkInstance('i-0000000000000000a', 'us-east-2a', '198.51.100.1')]
      : [sdkInstance('i-0000000000000000c', 'eu-west-1a', '203.0.113.1')],
  );
});
afterEach(() => {
  route53.restore();
  fleet.restore();
  vi.unstubAllEnvs();
});

async function run(args: string[]) {
  const io = bufferIo();
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('snapshot across accounts', () => {
  it('lists a member account’s regions under its name, and plans from the file as live', async () => {
    const snapshot = await run(['snapshot', '-c', config]);
    expect(snapshot.code).toBe(0);
    const file = JSON.parse(snapshot.out) as {
      regions: Record<string, unknown>;
      accounts: Record<string, { regions: Record<string, unknown> }>;
    };
    expect(Object.keys(file.regions)).toEqual(['us-east-2']);
    expect(Object.keys(file.accounts)).toEqual(['prod']);
    expect(Object.keys(file.accounts.prod?.regions ?? {})).toEqual(['eu-west-1']);

    const path = join(dir, 'state.json');
    writeFileSync(path, snapshot.out);
    const offline = await run(['plan', '-c', config, '-s', path, '--json']);
    const live = await run(['plan', '-c', config, '--json']);
    const batches = (text: string) =>
      (JSON.parse(text) as { changeBatches: { Changes: unknown[] }[] }).changeBatches.map(
        (b) => b.Changes,
      );
    expect(batches(offline.out)).toEqual(batches(live.out));
    expect(batches(offline.out).flat().length).toBeGreaterThan(0);
  });
});

describe('simulate across accounts', () => {
  it('simulates a state file whose region is a member account’s as it does today’s shape', async () => {
    const example = 'examples/grouped';
    const state = JSON.parse(readFileSync(`${example}/state.json`, 'utf8')) as {
      regions: Record<string, unknown>;
    };
    const memberState = join(dir, 'member-state.json');
    writeFileSync(
      memberState,
      JSON.stringify({ ...state, regions: {}, accounts: { prod: { regions: state.regions } } }),
    );
    const memberConfig = join(dir, 'member-config.yaml');
    writeFileSync(
      memberConfig,
      readFileSync(`${example}/config.yaml`, 'utf8')
        .replace(
          'services:',
          "accounts:\n  prod: { roleArn: 'arn:aws:iam::111122223333:role/read' }\nservices:",
        )
        .replace('groupSize: 4', 'groupSize: 4\n        account: prod'),
    );
    expect(readFileSync(memberConfig, 'utf8')).toContain('account: prod');
    const simulate = (config: string, file: string) =>
      run([
        'simulate',
        '-c',
        config,
        '-s',
        file,
        '--scenario',
        `${example}/scenario.yaml`,
        '--json',
      ]);
    const today = await simulate(`${example}/config.yaml`, `${example}/state.json`);
    const member = await simulate(memberConfig, memberState);
    expect(member.code).toBe(0);
    expect(member.out).toBe(today.out);
  });
});
