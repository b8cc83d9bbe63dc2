import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { apiOrderProblems } from '../support/api-order.js';

/**
 * `plan --json` is meant to be piped, batch by batch, into
 * `aws route53 change-resource-record-sets --change-batch`, which sends the
 * keys in file order to an API that validates element order. So every record
 * of a generated plan, planned or read back (a DELETE repeats what the state
 * file holds, in whatever order it was written), lists its keys in API order.
 */

const CONFIG = `
hostedZoneId: Z0EXAMPLE12345
ownerId: o
services:
  - name: api
    recordName: api.example.com
    ttl: 60
    members: { tags: { svc: api } }
    capacity: { source: equal }
    health: { statusChecks: false }
    collapseSingleInstance: true
    regions:
      us-east-2: { mode: weighted }
      eu-west-1: { mode: grouped, groupSize: 4 }
      ap-northeast-1: { mode: weighted }
`;

function instances(region: string, count: number, octet: number) {
  return Array.from({ length: count }, (_, i) => ({
    InstanceId: `i-${octet.toString(16)}${i.toString(16).padStart(15, '0')}`,
    InstanceType: 'm5.large',
    Placement: { AvailabilityZone: `${region}${i % 2 === 0 ? 'a' : 'b'}` },
    State: { Name: 'running' },
    PublicIpAddress: `198.51.${octet}.${i + 1}`,
    Tags: [{ Key: 'svc', Value: 'api' }],
  }));
}

/** Records of ours as a state file might hold them: keys in reverse API order. */
const SCRAMBLED = [
  {
    AliasTarget: {
      EvaluateTargetHealth: true,
      DNSName: 'us-east-2.api.example.com.',
      HostedZoneId: 'Z0EXAMPLE12345',
    },
    Region: 'us-east-2',
    SetIdentifier: 'o/us-east-2',
    Type: 'A',
    Name: 'api.example.com.',
  },
  {
    ResourceRecords: [{ Value: '203.0.113.9' }],
    TTL: 60,
    Weight: 10,
    SetIdentifier: 'o/i-0000000000000dead',
    Type: 'A',
    Name: 'us-east-2.api.example.com.',
  },
];

function state() {
  return {
    recordSets: { ResourceRecordSets: SCRAMBLED },
    regions: {
      // More than 100 instances: shards behind weighted aliases.
      'us-east-2': { instances: { Reservations: [{ Instances: instances('us-east-2', 130, 1) }] } },
      // Multi-value groups and their ownership markers, behind weighted aliases.
      'eu-west-1': { instances: { Reservations: [{ Instances: instances('eu-west-1', 9, 2) }] } },
      // One instance: a plain latency record with a value.
      'ap-northeast-1': {
        instances: { Reservations: [{ Instances: instances('ap-northeast-1', 1, 3) }] },
      },
    },
  };
}

describe('plan --json on a generated plan', () => {
  it('lists every key of every change in Route 53 API order, whatever order the state file used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebalancer-order-'));
    writeFileSync(join(dir, 'config.yaml'), CONFIG);
    writeFileSync(join(dir, 'state.json'), JSON.stringify(state()));
    const io = bufferIo();
    const args = ['plan', '--config', join(dir, 'config.yaml'), '--state', join(dir, 'state.json')];
    expect(await main([...args, '--json'], io)).toBe(0);
    const { changeBatches } = JSON.parse(io.stdout()) as {
      changeBatches: {
        Changes: { Action: string; ResourceRecordSet: Record<string, unknown> }[];
      }[];
    };
    const changes = changeBatches.flatMap((batch) => batch.Changes);
    const records = changes.map((change) => change.ResourceRecordSet);
    // The plan holds every shape the planner writes, and the scrambled records it deletes.
    expect(records.some((r) => String(r.Name).startsWith('shard-'))).toBe(true);
    expect(records.some((r) => String(r.Name).startsWith('endpoint-') && r.Type === 'TXT')).toBe(
      true,
    );
    expect(records.some((r) => r.Region !== undefined && r.TTL !== undefined)).toBe(true);
    expect(records.some((r) => r.Weight !== undefined && r.AliasTarget !== undefined)).toBe(true);
    expect(changes.filter((c) => c.Action === 'DELETE').map((c) => c.ResourceRecordSet)).toEqual(
      expect.arrayContaining([expect.objectContaining({ SetIdentifier: 'o/i-0000000000000dead' })]),
    );
    expect(apiOrderProblems(changeBatches)).toEqual([]);
  });
});
