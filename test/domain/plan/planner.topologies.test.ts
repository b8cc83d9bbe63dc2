import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../shared/domain/fleet/fleet.js';
import { plan } from '../../../shared/domain/plan/planner.js';
import { rrsetKey, type ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import { binLabel } from '../../../shared/domain/layout/layout.js';
import type { ServiceSpec } from '../../../shared/domain/spec.js';
import {
  instance,
  observation,
  OWNER,
  regionSpec,
  serviceSpec,
  spec,
  ZONE_ID,
} from '../../support/builders.js';
import { applyPlan, zoneWith } from '../../support/zone.js';

const EU = 'eu-west-1';

function planFor(
  service: ServiceSpec,
  fleet: readonly Instance[],
  records: readonly ResourceRecordSet[] = [],
  region = EU,
) {
  return plan({
    spec: spec([service]),
    records,
    regions: new Map([[region, observation(region, fleet)]]),
  });
}

function eightEndpoints(): Instance[] {
  return Array.from({ length: 8 }, (_, i) =>
    instance({ n: 100 + i, zone: i % 2 === 0 ? 'eu-west-1a' : 'eu-west-1b' }),
  );
}

describe('grouped regions', () => {
  const grouped = serviceSpec({ regions: [regionSpec(EU, { mode: 'grouped', groupSize: 4 })] });

  it('splits eight endpoints into two groups of four that span both zones', () => {
    const result = planFor(grouped, eightEndpoints());
    const groups = result.services[0]?.regions[0]?.groups;
    expect(groups?.map((g) => [g.label, g.members.length, g.zones, g.weight])).toEqual([
      ['endpoint-a', 4, ['eu-west-1a', 'eu-west-1b'], 255],
      ['endpoint-b', 4, ['eu-west-1a', 'eu-west-1b'], 255],
    ]);
  });

  it('writes each group as a multi-value record with an ownership marker, behind weighted aliases', () => {
    const zone = applyPlan(zoneWith(), planFor(grouped, eightEndpoints()));
    const group = zone.get(`endpoint-a.${EU}.api.example.com.`, 'A');
    expect(group?.ResourceRecords).toHaveLength(4);
    expect(zone.get(`endpoint-a.${EU}.api.example.com.`, 'TXT')?.ResourceRecords?.[0]?.Value).toBe(
      `"heritage=route53-rebalancer,owner=${OWNER}"`,
    );
    expect(zone.get(`${EU}.api.example.com.`, 'A', `${OWNER}/endpoint-a`)).toEqual({
      Name: `${EU}.api.example.com.`,
      Type: 'A',
      SetIdentifier: `${OWNER}/endpoint-a`,
      Weight: 255,
      AliasTarget: {
        HostedZoneId: ZONE_ID,
        DNSName: `endpoint-a.${EU}.api.example.com.`,
        EvaluateTargetHealth: true,
      },
    });
  });

  it('orders groups before the aliases to them, and those before the latency alias', () => {
    const names = planFor(grouped, eightEndpoints()).changeBatches.flatMap((b) =>
      b.Changes.map((c) => c.ResourceRecordSet.Name),
    );
    expect(names.lastIndexOf(`endpoint-b.${EU}.api.example.com.`)).toBeLessThan(
      names.indexOf(`${EU}.api.example.com.`),
    );
    expect(names.lastIndexOf(`${EU}.api.example.com.`)).toBeLessThan(
      names.indexOf('api.example.com.'),
    );
  });

  it('rewrites only the group of an instance that stops', () => {
    const fleet = eightEndpoints();
    const zone = applyPlan(zoneWith(), planFor(grouped, fleet));
    const stopped = fleet.map((i, n) => (n === 0 ? { ...i, state: 'stopped' as const } : i));
    const next = planFor(grouped, stopped, zone.records());
    const groupChanges = next.changeBatches
      .flatMap((b) => b.Changes)
      .filter(
        (c) => c.ResourceRecordSet.Name.startsWith('endpoint-') && c.ResourceRecordSet.Type === 'A',
      );
    expect(groupChanges.map((c) => c.Action)).toEqual(['DELETE', 'CREATE']);
    expect(groupChanges[1]?.ResourceRecordSet.ResourceRecords?.map((r) => r.Value)).not.toContain(
      fleet[0]?.publicIp,
    );
    applyPlan(zone, next);
    expect(next.services[0]?.regions[0]?.groups.map((g) => g.members.length).sort()).toEqual([
      3, 4,
    ]);
  });

  it('gives group aliases weights proportional to group capacity', () => {
    const fleet = eightEndpoints().map((i, n) =>
      n < 2 ? { ...i, instanceType: 'm5.2xlarge' } : i,
    );
    const groups = planFor(grouped, fleet).services[0]?.regions[0]?.groups ?? [];
    const capacity = groups.map((g) => g.capacity);
    const total = capacity.reduce((a, b) => a + b, 0);
    for (const g of groups) expect(Math.abs(g.share - g.capacity / total)).toBeLessThan(0.005);
  });

  it('takes an unhealthy instance out of its group', () => {
    const fleet = eightEndpoints().map((i, n) =>
      n === 3 ? { ...i, tags: { ...i.tags, 'rebalancer:drain': 'true' } } : i,
    );
    const region = planFor(grouped, fleet).services[0]?.regions[0];
    expect(region?.groups.flatMap((g) => g.members)).not.toContain(fleet[3]?.id);
    expect(region?.routes.find((r) => r.member.instance.id === fleet[3]?.id)?.share).toBe(0);
  });
});

describe('single-instance regions', () => {
  const collapsing = serviceSpec({ regions: [regionSpec(EU, { collapseSingleInstance: true })] });
  const one = [instance({ n: 200, zone: 'eu-west-1a' })];
  const two = [...one, instance({ n: 201, zone: 'eu-west-1b' })];

  it('get a plain latency record holding the instance address', () => {
    const zone = applyPlan(zoneWith(), planFor(collapsing, one));
    expect(zone.records()).toEqual([
      {
        Name: 'api.example.com.',
        Type: 'A',
        SetIdentifier: `${OWNER}/${EU}`,
        Region: EU,
        TTL: 60,
        ResourceRecords: [{ Value: one[0]?.publicIp }],
      },
    ]);
  });

  it('grow into alias + weighted set in one atomic batch, and shrink back in one', () => {
    const zone = applyPlan(zoneWith(), planFor(collapsing, one));
    const grow = planFor(collapsing, two, zone.records());
    expect(grow.changeBatches).toHaveLength(1);
    expect(
      grow.changeBatches[0]?.Changes.map((c) => `${c.Action} ${c.ResourceRecordSet.Name}`),
    ).toEqual([
      'DELETE api.example.com.',
      `CREATE ${EU}.api.example.com.`,
      `CREATE ${EU}.api.example.com.`,
      'CREATE api.example.com.',
    ]);
    applyPlan(zone, grow);
    const shrink = planFor(collapsing, one, zone.records());
    expect(shrink.changeBatches).toHaveLength(1);
    applyPlan(zone, shrink);
    expect(zone.records()).toHaveLength(1);
  });

  it('stay in one batch even when the batch limit would otherwise split them', () => {
    const big = Array.from({ length: 99 }, (_, i) => instance({ n: 300 + i, zone: 'eu-west-1a' }));
    const zone = applyPlan(zoneWith(), planFor(collapsing, one));
    const grow = planFor(collapsing, [...one, ...big], zone.records());
    expect(grow.changeBatches).toHaveLength(1);
  });
});

describe('more than 100 instances in a region', () => {
  const weighted = serviceSpec({ regions: [regionSpec(EU)] });
  const fleet = Array.from({ length: 250 }, (_, i) =>
    instance({ n: 1000 + i, zone: `eu-west-1${'abc'[i % 3] ?? 'a'}` }),
  );

  function largestSet(records: readonly ResourceRecordSet[]): number {
    const counts = new Map<string, number>();
    for (const r of records) counts.set(rrsetKey(r), (counts.get(rrsetKey(r)) ?? 0) + 1);
    return Math.max(...counts.values());
  }

  it('splits the weighted set into shards of at most 100 behind weighted aliases', () => {
    const result = planFor(weighted, fleet);
    const zone = applyPlan(zoneWith(), result);
    expect(result.services[0]?.regions[0]?.shards).toBe(3);
    expect(largestSet(zone.records())).toBeLessThanOrEqual(100);
    expect(zone.get(`${EU}.api.example.com.`, 'A', `${OWNER}/shard-a`)?.AliasTarget?.DNSName).toBe(
      `shard-a.${EU}.api.example.com.`,
    );
    const shares = result.services[0]?.regions[0]?.routes.map((r) => r.share) ?? [];
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    for (const s of shares) expect(Math.abs(s - 1 / 250)).toBeLessThan(0.0005);
  });

  it('keeps shards stable and converges', () => {
    const zone = applyPlan(zoneWith(), planFor(weighted, fleet));
    expect(planFor(weighted, fleet, zone.records()).changeBatches).toEqual([]);
    const grown = [...fleet, instance({ n: 5000, zone: 'eu-west-1a' })];
    const next = planFor(weighted, grown, zone.records());
    const created = next.changeBatches
      .flatMap((b) => b.Changes)
      .filter((c) => c.Action === 'CREATE' && c.ResourceRecordSet.AliasTarget === undefined);
    expect(created).toHaveLength(1);
  });

  it('keeps every other instance in its shard when one joins ahead of them all (its id sorts first)', () => {
    const zone = applyPlan(zoneWith(), planFor(weighted, fleet));
    // Placed afresh by id, it would take shard-a's first place and move one instance along each shard.
    const first = instance({ n: 999, zone: 'eu-west-1a' });
    const next = planFor(weighted, [first, ...fleet], zone.records());
    const moved = next.changeBatches
      .flatMap((b) => b.Changes)
      .filter((c) => c.ResourceRecordSet.AliasTarget === undefined)
      .map((c) => `${c.Action} ${c.ResourceRecordSet.SetIdentifier ?? ''}`);
    expect(moved).toEqual([`CREATE ${OWNER}/${first.id}`]);
  });

  it('splits a large plan into several batches within Route 53 limits, never splitting a weighted set', () => {
    const names = [
      'eu-west-1',
      'eu-west-2',
      'eu-west-3',
      'eu-central-1',
      'eu-north-1',
      'eu-south-1',
      'us-east-1',
      'us-east-2',
      'us-west-1',
      'us-west-2',
      'ap-south-1',
      'sa-east-1',
    ];
    const many = serviceSpec({ regions: names.map((r) => regionSpec(r)) });
    const regions = new Map(
      many.regions.map((r) => [
        r.region,
        observation(
          r.region,
          Array.from({ length: 100 }, (_, i) => instance({ n: 10_000 + i, zone: `${r.region}a` })),
        ),
      ]),
    );
    const result = plan({ spec: spec([many]), records: [], regions });
    expect(result.changeBatches.length).toBeGreaterThan(1);
    for (const batch of result.changeBatches) {
      const values = batch.Changes.reduce(
        (n, c) => n + (c.ResourceRecordSet.ResourceRecords?.length ?? 1),
        0,
      );
      expect(values).toBeLessThanOrEqual(1000);
    }
    const batchOf = new Map<string, Set<number>>();
    result.changeBatches.forEach((b, i) => {
      for (const c of b.Changes) {
        const name = c.ResourceRecordSet.Name;
        batchOf.set(name, (batchOf.get(name) ?? new Set()).add(i));
      }
    });
    for (const batches of batchOf.values()) expect(batches.size).toBe(1);
    applyPlan(zoneWith(), result);
  });
});

/** Names on the longest answer path from `name`: the name itself, then each same-zone alias hop. */
function deepestAnswer(records: readonly ResourceRecordSet[], name: string, type = 'A'): number {
  const below = records
    .filter((r) => r.Name === name && r.Type === type && r.AliasTarget?.HostedZoneId === ZONE_ID)
    .map((r) => deepestAnswer(records, r.AliasTarget?.DNSName ?? '', type));
  return 1 + Math.max(0, ...below);
}

describe('more than 100 groups in a grouped region', () => {
  const grouped = serviceSpec({ regions: [regionSpec(EU, { mode: 'grouped', groupSize: 4 })] });
  const regional = `${EU}.api.example.com.`;
  const fleet = Array.from({ length: 404 }, (_, i) =>
    instance({ n: 2000 + i, zone: `eu-west-1${'abc'[i % 3] ?? 'a'}` }),
  );

  it('keeps every answer path within three levels (latency -> regional -> group): 100 groups at most, never sharded', () => {
    const big = Array.from({ length: 600 }, (_, i) =>
      instance({ n: 3000 + i, zone: `eu-west-1${'abc'[i % 3] ?? 'a'}` }),
    );
    const result = planFor(grouped, big);
    const zone = applyPlan(zoneWith(), result);
    expect(deepestAnswer(zone.records(), 'api.example.com.')).toBe(3);
    expect(result.services[0]?.regions[0]?.shards).toBe(0);
    expect(result.services[0]?.regions[0]?.groups).toHaveLength(100);
    expect(zone.records().filter((r) => r.Name.startsWith('shard-'))).toEqual([]);
    expect(result.warnings).toEqual([
      `${EU}: 600 serving instances in 100 groups of up to 6 addresses (groupSize 4): a grouped region has at most 100 groups, so that every answer stays within Route 53's three levels of aliases`,
    ]);
    expect(planFor(grouped, big, zone.records()).changeBatches).toEqual([]);
  });

  it('flattens a tree an earlier version built four levels deep (latency -> regional -> shard -> group)', () => {
    const owned = (key: string) => `${OWNER}/${key}`;
    const alias = (name: string, target: string, key: string): ResourceRecordSet => ({
      Name: name,
      Type: 'A',
      SetIdentifier: owned(key),
      Weight: 255,
      AliasTarget: { HostedZoneId: ZONE_ID, DNSName: target, EvaluateTargetHealth: true },
    });
    const groups = Array.from({ length: 101 }, (_, g) => `endpoint-${binLabel(g)}.${regional}`);
    const legacy: ResourceRecordSet[] = [
      ...groups.flatMap((name, g): ResourceRecordSet[] => [
        {
          Name: name,
          Type: 'A',
          TTL: 60,
          ResourceRecords: fleet.slice(g * 4, g * 4 + 4).map((i) => ({ Value: i.publicIp ?? '' })),
        },
        {
          Name: name,
          Type: 'TXT',
          TTL: 60,
          ResourceRecords: [{ Value: `"heritage=route53-rebalancer,owner=${OWNER}"` }],
        },
      ]),
      ...groups.map((name, g) =>
        alias(`shard-${g < 51 ? 'a' : 'b'}.${regional}`, name, `endpoint-${binLabel(g)}`),
      ),
      alias(regional, `shard-a.${regional}`, 'shard-a'),
      alias(regional, `shard-b.${regional}`, 'shard-b'),
      {
        Name: 'api.example.com.',
        Type: 'A',
        SetIdentifier: owned(EU),
        Region: EU,
        AliasTarget: { HostedZoneId: ZONE_ID, DNSName: regional, EvaluateTargetHealth: true },
      },
    ];
    const zone = zoneWith(legacy);
    expect(deepestAnswer(zone.records(), 'api.example.com.')).toBe(4);
    const result = planFor(grouped, fleet, zone.records());
    applyPlan(zone, result);
    expect(deepestAnswer(zone.records(), 'api.example.com.')).toBe(3);
    expect(zone.records().filter((r) => r.Name.startsWith('shard-'))).toEqual([]);
    expect(planFor(grouped, fleet, zone.records()).changeBatches).toEqual([]);
  });
});

describe('a grouped region beyond 100 groups of 100', () => {
  it('is skipped with a reason rather than given a fourth level of aliases', () => {
    const grouped = serviceSpec({ regions: [regionSpec(EU, { mode: 'grouped', groupSize: 8 })] });
    const fleet = Array.from({ length: 10_001 }, (_, i) =>
      instance({ n: 20_000 + i, zone: `eu-west-1${'ab'[i % 2] ?? 'a'}` }),
    );
    const region = planFor(grouped, fleet).services[0]?.regions[0];
    expect(region?.status).toBe('skipped');
    expect(region?.reasons).toEqual([
      "10001 serving instances exceed a grouped region's 10000 (100 groups of at most 100 addresses: more groups would need a fourth level of aliases, beyond Route 53's three)",
    ]);
  });
});
