import { describe, expect, it } from 'vitest';
import {
  fixedPolicyCharacters,
  ROLE_INLINE_POLICY_LIMIT,
  writerNames,
  writerNamesSummary,
  type WriterNames,
} from '../../scripts/lib/writer-policy.js';
import { hookPolicyCharacters, hookStatements } from '../../scripts/lib/hook-policy.js';
import { LATENCY_REGIONS } from '../../shared/domain/dns/latency-regions.js';
import { createHostedZone } from '../../shared/domain/dns/zone/index.js';
import { ConfigError } from '../../shared/domain/errors.js';
import { plan } from '../../shared/domain/plan/planner.js';
import { conditionName } from '../../shared/domain/plan/roots.js';
import type { RebalancerSpec, ServiceSpec } from '../../shared/domain/spec.js';
import {
  instance,
  observation,
  regionSpec,
  serviceSpec,
  spec,
  ZONE_ID,
} from '../support/builders.js';
import { permits, stringLike } from '../support/iam.js';

/** The README's large fleet: `services` services over the first `regions` latency regions. */
function fleet(services: number, regions: number): RebalancerSpec {
  return spec(
    Array.from({ length: services }, (_, i) => {
      const recordName = `service-${i}.example.com.`;
      return serviceSpec({
        name: `service-${i}`,
        recordName,
        memberTags: { svc: `service-${i}` },
        regions: LATENCY_REGIONS.slice(0, regions).map((r) =>
          regionSpec(r, { mode: i % 2 === 0 ? 'grouped' : 'weighted' }, recordName),
        ),
      });
    }),
  );
}

const bare = (name: string) => conditionName(name);

/** Names the planner writes below a regional name, up to three-letter group labels. */
const writtenBelow = (regional: string): string[] =>
  ['', 'endpoint-a.', 'endpoint-zz.', 'endpoint-abv.', 'shard-a.', 'shard-cv.'].map(
    (prefix) => `${prefix}${bare(regional)}`,
  );

/** Names no plan writes: deeper than a group or shard, or beside them. */
const deeperThan = (regional: string): string[] =>
  [
    'x.endpoint-a.',
    'endpoint-a.b.',
    'shard-a.b.',
    'a.b.c.',
    'x.shard-cv.',
    '_acme-challenge.endpoint-a.',
  ].map((prefix) => `${prefix}${bare(regional)}`);

function expectExactly(names: WriterNames, service: ServiceSpec): void {
  expect(permits(names, [bare(service.recordName)])).toBe(true);
  for (const region of service.regions) {
    for (const name of writtenBelow(region.name)) expect(permits(names, [name]), name).toBe(true);
    for (const name of deeperThan(region.name)) expect(permits(names, [name]), name).toBe(false);
  }
}

describe('the writer roles’ names, exact while they fit', () => {
  const small = fleet(2, 3);
  const names = writerNames(small, 'prod', 'config.yml');

  it('lists each record name and regional name, and endpoint-* / shard-* below each', () => {
    expect(names.widened).toEqual([]);
    expect(names.allowed).toEqual([
      'service-0.example.com',
      'af-south-1.service-0.example.com',
      'endpoint-*.af-south-1.service-0.example.com',
      'shard-*.af-south-1.service-0.example.com',
      'ap-east-1.service-0.example.com',
      'endpoint-*.ap-east-1.service-0.example.com',
      'shard-*.ap-east-1.service-0.example.com',
      'ap-east-2.service-0.example.com',
      'endpoint-*.ap-east-2.service-0.example.com',
      'shard-*.ap-east-2.service-0.example.com',
      'service-1.example.com',
      'af-south-1.service-1.example.com',
      'endpoint-*.af-south-1.service-1.example.com',
      'shard-*.af-south-1.service-1.example.com',
      'ap-east-1.service-1.example.com',
      'endpoint-*.ap-east-1.service-1.example.com',
      'shard-*.ap-east-1.service-1.example.com',
      'ap-east-2.service-1.example.com',
      'endpoint-*.ap-east-2.service-1.example.com',
      'shard-*.ap-east-2.service-1.example.com',
    ]);
    expect(names.deeper).toEqual(['*.*.*.service-0.example.com', '*.*.*.service-1.example.com']);
  });

  it('allows the names the planner writes, and nothing deeper, beside or elsewhere', () => {
    for (const service of small.services) expectExactly(names, service);
    for (const name of [
      'x.service-0.example.com',
      'mail.af-south-1.service-0.example.com',
      'eu-west-1.service-0.example.com',
      'example.com',
      'other.example.com',
      'af-south-1.service-0.example.com.evil.com',
    ])
      expect(permits(names, [name]), name).toBe(false);
  });

  it('judges a batch as IAM does: one name outside refuses the whole call', () => {
    const good = bare('endpoint-a.af-south-1.service-0.example.com.');
    expect(permits(names, [good, bare('service-1.example.com.')])).toBe(true);
    expect(permits(names, [good, 'endpoint-a.b.af-south-1.service-0.example.com'])).toBe(false);
    expect(permits(names, [good, 'www.example.com'])).toBe(false);
  });

  it('counts the role’s policy characters: the fixed part plus both lists as JSON', () => {
    expect(names.characters).toBe(
      fixedPolicyCharacters('prod', ZONE_ID, ['rebalancer:drain']) +
        hookPolicyCharacters(hookStatements(small, 'config.yml')) +
        JSON.stringify(names.allowed).length +
        JSON.stringify(names.deeper).length,
    );
    expect(writerNamesSummary(names)).toBe(
      `IAM: exact record names, ${names.characters.toLocaleString('en-US')} of 10,240 characters`,
    );
  });

  it('denies below each regional name when the regional names do not sit right below the record name', () => {
    const custom = spec([
      serviceSpec({
        recordName: 'b.example.com.',
        regions: [regionSpec('us-east-2', { name: 'b-us.example.com.' })],
      }),
    ]);
    const own = writerNames(custom, 'prod', 'config.yml');
    expect(own.deeper).toEqual(['*.*.b-us.example.com']);
    expectExactly(own, custom.services[0] as ServiceSpec);
  });

  it('falls back to a deny per regional name when another service lies deep below a record name', () => {
    const nested = spec([
      serviceSpec({
        name: 'a',
        recordName: 'example.com.',
        regions: [regionSpec('us-east-2', {}, 'example.com.')],
      }),
      serviceSpec({
        name: 'b',
        recordName: 'api.example.com.',
        regions: [regionSpec('us-east-2')],
      }),
    ]);
    const own = writerNames(nested, 'prod', 'config.yml');
    // *.*.*.example.com would refuse b's groups: endpoint-a.us-east-2.api.example.com.
    expect(own.deeper).toEqual(['*.*.us-east-2.example.com', '*.*.*.api.example.com']);
    for (const service of nested.services) expectExactly(own, service);
  });

  it('refuses, by name, a service that writes two labels below another’s regional name', () => {
    const clash = spec([
      serviceSpec({ name: 'a', regions: [regionSpec('us-east-2')] }),
      serviceSpec({
        name: 'b',
        recordName: 'b.us-east-2.api.example.com.',
        regions: [regionSpec('eu-west-1', {}, 'b.us-east-2.api.example.com.')],
      }),
    ]);
    expect(() => writerNames(clash, 'prod', 'config/prod.yml')).toThrow(
      new ConfigError('config/prod.yml', [
        'service b writes below us-east-2.api.example.com., the regional name of service a, two labels deep or more: the IAM policy cannot allow those names and refuse names that deep below us-east-2.api.example.com.; give one of them a name elsewhere',
      ]),
    );
  });
});

describe('the writer roles’ names for the README’s 50 services × 20 regions', () => {
  const large = fleet(50, 20);
  const names = writerNames(large, 'prod', 'config.yml');

  it('fit a role’s 10,240 inline characters by widening services, largest saving first', () => {
    expect(names.characters).toBeLessThanOrEqual(ROLE_INLINE_POLICY_LIMIT);
    expect(names.widened.length).toBeGreaterThan(0);
    expect(writerNames(fleet(8, 10), 'prod', 'x').widened.length).toBeGreaterThan(0);
    expect(writerNamesSummary(names)).toMatch(
      /^IAM: [\d,]+ of 10,240 characters; exact names did not fit, so \d+ service\(s\) may write names one or two labels below their record name instead: service-/,
    );
  });

  it('widen a service to region-shaped labels one or two deep below its record name, never deeper', () => {
    const widened = large.services.find((s) => s.name === names.widened[0]) as ServiceSpec;
    const n = bare(widened.recordName);
    expect(names.allowed).toContain(`*-?.${n}`);
    expectExactly(names, widened);
    for (const name of [`www.${n}`, `_acme-challenge.${n}`, `x.y.eu-west-1.${n}`, `x.${n}`])
      expect(permits(names, [name]), name).toBe(false);
    expect(permits(names, [`mail.us-west-2.${n}`])).toBe(true);
  });

  it('widen to any label below the record name when a regional label is not region-shaped', () => {
    const custom = spec(
      fleet(50, 20).services.map((service, i) =>
        i > 0
          ? service
          : {
              ...service,
              regions: service.regions.map((r) => ({
                ...r,
                name: `east-${r.region}x.${service.recordName}`,
              })),
            },
      ),
    );
    const own = writerNames(custom, 'prod', 'x');
    expect(own.widened).toContain('service-0');
    expect(own.allowed).toContain('*.service-0.example.com');
    expectExactly(own, custom.services[0] as ServiceSpec);
  });

  it('keep the services left exact, exact', () => {
    const exact = large.services.filter((s) => !names.widened.includes(s.name));
    for (const service of exact) expectExactly(names, service);
  });

  it('stop at the ceiling: a config beyond it is refused with the figures', () => {
    expect(() => writerNames(fleet(150, 20), 'prod', 'config/prod.yml')).toThrow(
      /^config\/prod\.yml: the IAM policy of the writer roles needs [\d,]+ characters with every service it can widen widened \([\d,]+ with exact names\), more than the 10,240 IAM allows a role's inline policies: split the services over more than one stage, each with its own ownerId$/,
    );
  });
});

describe('every batch the planner sends passes the writer roles’ conditions', () => {
  // The conditions beside the names in serverless.yml (test/deploy/package.test.ts pins them).
  const TYPES = ['A', 'AAAA', 'TXT'];
  const ACTIONS = ['CREATE', 'DELETE'];

  function expectPermitted(s: RebalancerSpec, names: WriterNames, grow: number, shrink: number) {
    // The first two services in their first two regions; the rest are not read (skipped).
    const world = (count: number) =>
      new Map(
        (s.services[0]?.regions ?? []).slice(0, 2).map((r, j) => {
          const instances = s.services.slice(0, 2).flatMap((service, k) =>
            Array.from({ length: count }, (_, i) =>
              instance({
                n: 1 + 10_000 * (2 * k + j) + i,
                zone: `${r.region}${i % 2 === 0 ? 'a' : 'b'}`,
                tags: service.memberTags,
              }),
            ),
          );
          return [r.region, observation(r.region, instances)] as const;
        }),
      );
    const zone = createHostedZone({ zoneId: ZONE_ID });
    let sent = 0;
    for (const count of [grow, shrink]) {
      const result = plan({ spec: s, records: zone.records(), regions: world(count) });
      for (const batch of result.changeBatches) {
        const changes = batch.Changes;
        expect(
          permits(
            names,
            changes.map((c) => bare(c.ResourceRecordSet.Name)),
          ),
        ).toBe(true);
        expect(changes.every((c) => TYPES.includes(c.ResourceRecordSet.Type))).toBe(true);
        expect(changes.every((c) => ACTIONS.includes(c.Action))).toBe(true);
        expect(zone.apply(batch)).toBeUndefined();
        sent += changes.length;
      }
    }
    expect(sent).toBeGreaterThan(0);
  }

  it('with exact names: shards, groups past endpoint-zz, ownership markers, then deletes', () => {
    const s = fleet(2, 2);
    const names = writerNames(s, 'prod', 'x');
    expect(names.widened).toEqual([]);
    expectPermitted(s, names, 3000, 40);
  });

  it('with widened names', () => {
    const s = fleet(50, 20);
    const names = writerNames(s, 'prod', 'x');
    expect(names.widened).toContain('service-0');
    expectPermitted(s, names, 500, 40);
  });
});

describe('stringLike, as IAM matches', () => {
  it('lets * and ? match dots', () => {
    expect(stringLike('endpoint-a.b.x.com', 'endpoint-*.x.com')).toBe(true);
    expect(stringLike('a.x.com', '?.x.com')).toBe(true);
    expect(stringLike('ab.x.com', '?.x.com')).toBe(false);
    expect(stringLike('x.com', '*.x.com')).toBe(false);
  });
});
