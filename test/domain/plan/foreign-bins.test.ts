import { describe, expect, it } from 'vitest';
import { renderPlanText } from '../../../cli/render/plan-text.js';
import type { Instance } from '../../../shared/domain/fleet/fleet.js';
import type { Plan, RegionPlan } from '../../../shared/domain/plan/plan.js';
import { plan } from '../../../shared/domain/plan/planner.js';
import { recordKey, type ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import type { ServiceSpec } from '../../../shared/domain/spec.js';
import { instance, observation, regionSpec, serviceSpec, spec } from '../../support/builders.js';
import { applyPlan, zoneWith } from '../../support/zone.js';

/**
 * Records of others at the names below a region that we write ourselves: the
 * multi-value groups (`endpoint-a.<regional>`) and the shards of a large
 * weighted set (`shard-a.<regional>`). Ours carry the `<ownerId>/` prefix (or,
 * for a group, sit beside our TXT marker); anything else there is someone
 * else's. The planner never deletes or overwrites it, and says so: the region
 * lists it, and when it blocks our records the region is skipped with why.
 */
const EU = 'eu-west-1';
const REGIONAL = `${EU}.api.example.com.`;
const group = (label: string) => `endpoint-${label}.${REGIONAL}`;
const shard = (label: string) => `shard-${label}.${REGIONAL}`;

const grouped = serviceSpec({ regions: [regionSpec(EU, { mode: 'grouped', groupSize: 4 })] });
const weighted = serviceSpec({ regions: [regionSpec(EU)] });
const endpoints = (n: number): Instance[] =>
  Array.from({ length: n }, (_, i) =>
    instance({ n: 100 + i, zone: i % 2 === 0 ? 'eu-west-1a' : 'eu-west-1b' }),
  );
// More than 100 instances: the weighted set is split into shards behind aliases.
const large = (n: number): Instance[] =>
  Array.from({ length: n }, (_, i) =>
    instance({ n: 1000 + i, zone: `eu-west-1${'abc'[i % 3] ?? 'a'}` }),
  );

function planFor(
  service: ServiceSpec,
  fleet: readonly Instance[],
  records: readonly ResourceRecordSet[],
) {
  return plan({ spec: spec([service]), records, regions: new Map([[EU, observation(EU, fleet)]]) });
}

const regionOf = (result: Plan): RegionPlan | undefined => result.services[0]?.regions[0];

/** Every change that names the record (same name, type and set identifier): a DELETE, CREATE or UPSERT of it. */
function changesTo(result: Plan, record: ResourceRecordSet) {
  return result.changeBatches
    .flatMap((b) => b.Changes)
    .filter((c) => recordKey(c.ResourceRecordSet) === recordKey(record));
}

const simple = (name: string, type: string, value: string): ResourceRecordSet => ({
  Name: name,
  Type: type,
  TTL: 60,
  ResourceRecords: [{ Value: value }],
});
const weightedOf = (name: string, setIdentifier: string, ttl = 60): ResourceRecordSet => ({
  Name: name,
  Type: 'A',
  SetIdentifier: setIdentifier,
  Weight: 10,
  TTL: ttl,
  ResourceRecords: [{ Value: '192.0.2.50' }],
});

/** The region is skipped, says why, lists the record, and no change touches any name of the region. */
function expectLeftAlone(result: Plan, theirs: ResourceRecordSet, reason: string): void {
  const region = regionOf(result);
  expect(region).toMatchObject({ status: 'skipped', reasons: [reason], changes: [] });
  expect(region?.foreign).toEqual([theirs]);
  expect(result.changeBatches.flatMap((b) => b.Changes)).toEqual([]);
  const text = renderPlanText(result, new Map([[`api|${EU}`, REGIONAL]]));
  expect(text).toContain(`! ${reason}`);
  expect(text).toContain(
    `record of others, left alone: ${theirs.Name.slice(0, -1)} ${theirs.Type}`,
  );
}

describe('a record of others at one of our group names', () => {
  it.each([
    {
      what: 'a simple A record without our TXT marker',
      theirs: simple(group('a'), 'A', '192.0.2.1'),
      reason: `simple A record ${group('a')} is not ours and blocks ours`,
    },
    {
      what: 'a TXT record that is not our marker',
      theirs: simple(group('a'), 'TXT', '"v=spf1 -all"'),
      reason: `simple TXT record ${group('a')} is not ours and blocks our ownership marker`,
    },
    {
      what: 'a CNAME',
      theirs: simple(group('b'), 'CNAME', 'elsewhere.example.com.'),
      reason: `a CNAME at ${group('b')} excludes every other record there`,
    },
  ])('skips the region rather than write over $what', ({ theirs, reason }) => {
    expectLeftAlone(planFor(grouped, endpoints(8), [theirs]), theirs, reason);
  });

  it('writes our group beside a record of another type, keeps it when the group goes, and lists it each time', () => {
    const theirs = simple(group('b'), 'MX', '10 mail.example.com.');
    const first = planFor(grouped, endpoints(8), [theirs]);
    expect(regionOf(first)).toMatchObject({ status: 'changed', foreign: [theirs] });
    expect(changesTo(first, theirs)).toEqual([]);
    const zone = applyPlan(zoneWith([theirs]), first);
    expect(zone.get(group('b'), 'A')?.ResourceRecords).toHaveLength(4);

    // Three instances fill one group: our endpoint-b A and its marker go, their MX stays.
    const shrink = planFor(grouped, endpoints(3), zone.records());
    const deleted = shrink.changeBatches
      .flatMap((b) => b.Changes)
      .filter((c) => c.Action === 'DELETE' && c.ResourceRecordSet.Name === group('b'))
      .map((c) => c.ResourceRecordSet.Type);
    expect(deleted.sort()).toEqual(['A', 'TXT']);
    expect(changesTo(shrink, theirs)).toEqual([]);
    expect(regionOf(shrink)?.foreign).toEqual([theirs]);
    applyPlan(zone, shrink);
    expect(zone.get(group('b'), 'MX')).toEqual(theirs);
    expect(zone.get(group('b'), 'A')).toBeUndefined();
  });
});

describe('a record of others at one of our shard names', () => {
  it.each([
    {
      what: 'a simple record',
      theirs: simple(shard('a'), 'A', '192.0.2.1'),
      reason: `simple A record ${shard('a')} is not ours and blocks ours`,
    },
    {
      what: 'a weighted record with another TTL',
      theirs: weightedOf(shard('a'), 'hand-made', 300),
      reason: `record hand-made of others at ${shard('a')} has TTL 300 and ours 60: a weighted set must share one TTL`,
    },
    {
      what: 'a simple record at a shard we do not use yet',
      theirs: simple(shard('d'), 'A', '192.0.2.1'),
      reason: `simple A record ${shard('d')} is not ours and blocks ours`,
    },
  ])('skips the region rather than write over $what', ({ theirs, reason }) => {
    expectLeftAlone(planFor(weighted, large(250), [theirs]), theirs, reason);
  });

  it.each([
    { what: 'set identifier written by hand', setIdentifier: 'hand-made' },
    { what: "another owner's, whose id starts with ours", setIdentifier: 'api-prodx/i-1' },
  ])(
    'shares a shard with a weighted record of others ($what), and keeps it when the shards go',
    ({ setIdentifier }) => {
      const theirs = weightedOf(shard('c'), setIdentifier);
      const zone = zoneWith([theirs]);
      const first = planFor(weighted, large(250), zone.records());
      expect(regionOf(first)).toMatchObject({ status: 'changed', shards: 3, foreign: [theirs] });
      expect(changesTo(first, theirs)).toEqual([]);
      applyPlan(zone, first);
      // Converged beside it: nothing left to change, and still reported.
      const again = planFor(weighted, large(250), zone.records());
      expect(again.changeBatches).toEqual([]);
      expect(regionOf(again)?.foreign).toEqual([theirs]);

      // 80 instances need no shards: every shard record of ours goes, theirs stays.
      const shrink = planFor(weighted, large(80), zone.records());
      expect(regionOf(shrink)).toMatchObject({ status: 'changed', shards: 0, foreign: [theirs] });
      expect(changesTo(shrink, theirs)).toEqual([]);
      applyPlan(zone, shrink);
      expect(zone.records().filter((r) => r.Name.startsWith('shard-'))).toEqual([theirs]);
    },
  );
});
