import { describe, expect, it } from 'vitest';
import { PlanInvariantError } from '../../../shared/domain/errors.js';
import type { Instance, RegionRead } from '../../../shared/domain/fleet/fleet.js';
import { plan, preflight, type PlanInput } from '../../../shared/domain/plan/planner.js';
import type { ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import type { ServiceSpec } from '../../../shared/domain/spec.js';
import {
  instance,
  observation,
  OWNER,
  regionSpec,
  serviceSpec,
  spec,
} from '../../support/builders.js';
import { applyPlan, zoneWith } from '../../support/zone.js';

const EAST = 'us-east-2';
const WEST = 'us-west-2';
const NEW = 'us-east-1';
const API = 'api.example.com.';

const fleet = (region: string, from: number, count = 2): Instance[] =>
  Array.from({ length: count }, (_, i) =>
    instance({ n: from + i, region, zone: `${region}${'ab'[i % 2] ?? 'a'}` }),
  );

function reads(entries: Record<string, Instance[] | string>): Map<string, RegionRead> {
  return new Map(
    Object.entries(entries).map(([region, value]): [string, RegionRead] => [
      region,
      typeof value === 'string' ? { region, error: value } : observation(region, value),
    ]),
  );
}

function input(
  services: readonly ServiceSpec[],
  regions: Map<string, RegionRead>,
  records: readonly ResourceRecordSet[],
  extra: Partial<PlanInput> = {},
): PlanInput {
  return { spec: spec(services), records, regions, ...extra };
}

/** The zone after planning `service` over `regions` on an empty zone. */
function convergedFor(services: readonly ServiceSpec[], regions: Map<string, RegionRead>) {
  return applyPlan(zoneWith(), plan(input(services, regions, [])));
}

const latencyRegions = (records: readonly ResourceRecordSet[], name = API) =>
  records
    .filter((r) => r.Name === name && r.Region !== undefined)
    .map((r) => r.Region)
    .sort();

describe('orphans: our latency records for regions the configuration no longer names', () => {
  // The service ran in us-west-2; the configuration now says us-east-1 (a move, or a typo fixed).
  const before = serviceSpec({ regions: [regionSpec(WEST)] });
  const moved = serviceSpec({ regions: [regionSpec(NEW)] });
  const westFleet = fleet(WEST, 1);
  const zone = () => convergedFor([before], reads({ [WEST]: westFleet }));

  it('are kept while the region that should replace them could not be read', () => {
    const z = zone();
    const next = plan(input([moved], reads({ [NEW]: 'Throttling: Rate exceeded' }), z.records()));
    expect(next.orphans).toEqual([]);
    expect(next.keptOrphans.map((r) => r.SetIdentifier)).toEqual([`${OWNER}/${WEST}`]);
    expect(next.warnings).toContainEqual(
      expect.stringMatching(
        /^api: keeping 1 record\(s\) of ours no configured region claims \(api-prod\/us-west-2\): waiting until every region of api has been read \(could not read us-east-1: Throttling: Rate exceeded\)/,
      ),
    );
    applyPlan(z, next);
    expect(latencyRegions(z.records())).toEqual([WEST]);
  });

  it('are kept while the region that should replace them has no instance yet (fail open)', () => {
    const z = zone();
    const next = plan(input([moved], reads({ [NEW]: [] }), z.records()));
    expect(next.changeBatches).toEqual([]);
    expect(next.services[0]?.failOpen).toBe(true);
    expect(next.keptOrphans).toHaveLength(1);
    expect(next.warnings).toContainEqual(expect.stringContaining('api fails open'));
  });

  it('are deleted once a configured region serves the name', () => {
    const z = zone();
    const next = plan(input([moved], reads({ [NEW]: fleet(NEW, 20) }), z.records()));
    expect(next.orphans.map((r) => r.SetIdentifier)).toEqual([`${OWNER}/${WEST}`]);
    applyPlan(z, next);
    expect(latencyRegions(z.records())).toEqual([NEW]);
  });

  it('wait while any region of the service is unread, even when another serves', () => {
    const z = zone();
    const two = serviceSpec({ regions: [regionSpec(NEW), regionSpec(EAST)] });
    const next = plan(
      input([two], reads({ [NEW]: fleet(NEW, 20), [EAST]: 'AccessDenied' }), z.records()),
    );
    expect(next.orphans).toEqual([]);
    expect(next.keptOrphans).toHaveLength(1);
    applyPlan(z, next);
    expect(latencyRegions(z.records())).toEqual([NEW, WEST]);
  });

  it('count in the capacity-removal limit: kept unless forced', () => {
    const z = zone();
    const limited = { ...moved, safety: { maxCapacityRemovedShare: 0.5 } };
    const regions = reads({ [NEW]: fleet(NEW, 20) });
    const refused = plan(input([limited], regions, z.records()));
    expect(refused.orphans).toEqual([]);
    expect(refused.warnings).toContainEqual(
      expect.stringContaining(
        'deleting them would stop routing to 100% of the capacity behind us-west-2 at api.example.com (limit 50%): refused; re-run with force to apply',
      ),
    );
    // The new region still gets its records: the name now routes to both.
    applyPlan(z, refused);
    expect(latencyRegions(z.records())).toEqual([NEW, WEST]);
    const forced = plan(input([limited], regions, z.records(), { force: true }));
    expect(forced.orphans).toHaveLength(1);
    expect(forced.warnings).toContainEqual(expect.stringMatching(/: forced$/));
    applyPlan(z, forced);
    expect(latencyRegions(z.records())).toEqual([NEW]);
  });

  it('count in fail-open: a region may evacuate while an orphan still answers for the name', () => {
    // A scoped plan never deletes orphans, so the one left answers for the name.
    const z = zone();
    const east = serviceSpec({ regions: [regionSpec(EAST)] });
    const eastFleet = fleet(EAST, 30);
    const scope = [{ region: EAST }];
    applyPlan(z, plan(input([east], reads({ [EAST]: eastFleet }), z.records(), { scope })));
    expect(latencyRegions(z.records())).toEqual([EAST, WEST]);
    const stopped = eastFleet.map((i) => ({ ...i, state: 'stopped' as const }));
    const next = plan(input([east], reads({ [EAST]: stopped }), z.records(), { scope }));
    expect(next.services[0]?.failOpen).toBe(false);
    expect(next.services[0]?.regions[0]?.status).toBe('evacuated');
    applyPlan(z, next);
    expect(latencyRegions(z.records())).toEqual([WEST]);
  });

  it('count in fail-open: the last configured region does not evacuate once the orphans are gone', () => {
    const z = zone();
    const east = serviceSpec({ regions: [regionSpec(EAST)] });
    const eastFleet = fleet(EAST, 30);
    applyPlan(z, plan(input([east], reads({ [EAST]: eastFleet }), z.records())));
    expect(latencyRegions(z.records())).toEqual([EAST]);
    const stopped = eastFleet.map((i) => ({ ...i, state: 'stopped' as const }));
    const next = plan(input([east], reads({ [EAST]: stopped }), z.records()));
    expect(next.services[0]?.failOpen).toBe(true);
    expect(next.changeBatches).toEqual([]);
  });
});

describe("records in a region's own slots", () => {
  it("replaces a record of ours in a region's latency slot whatever it says, even while orphans wait", () => {
    const two = serviceSpec({ regions: [regionSpec(EAST), regionSpec(WEST)] });
    // Ours by its set identifier, but routing another region: it still occupies us-east-2's slot.
    const odd: ResourceRecordSet = {
      Name: API,
      Type: 'A',
      SetIdentifier: `${OWNER}/${EAST}`,
      Region: NEW,
      TTL: 60,
      ResourceRecords: [{ Value: '192.0.2.1' }],
    };
    const next = plan(
      input([two], reads({ [EAST]: fleet(EAST, 1), [WEST]: 'AccessDenied' }), [odd]),
    );
    expect(next.services[0]?.regions[0]?.status).toBe('changed');
    const zone = applyPlan(zoneWith([odd]), next);
    expect(zone.get(API, 'A', `${OWNER}/${EAST}`)?.Region).toBe(EAST);
  });

  it('leaves a region alone when its tagged instances are all outside the configured Auto Scaling groups', () => {
    const east = serviceSpec({ regions: [regionSpec(EAST)] });
    const zone = convergedFor([east], reads({ [EAST]: fleet(EAST, 1) }));
    const narrowed = { ...east, memberAutoScalingGroups: ['api-asg'] };
    const next = plan(input([narrowed], reads({ [EAST]: fleet(EAST, 1) }), zone.records()));
    expect(next.changeBatches).toEqual([]);
    expect(next.services[0]?.regions[0]?.reasons).toEqual([
      'no instance tagged rebalancer:service=api in api-asg found while 3 records exist: leaving them (a tag typo or a partial read must not empty a region)',
    ]);
    expect(next.warnings).toEqual([
      expect.stringMatching(/^us-east-2: leaving out 2 instance\(s\) that carry the member tags/),
    ]);
  });
});

describe('one bad value does not freeze the zone', () => {
  const api = serviceSpec({ regions: [regionSpec(EAST)] });
  const web = serviceSpec({
    name: 'web',
    recordName: 'web.example.com.',
    memberTags: { 'rebalancer:service': 'web' },
    regions: [regionSpec('eu-west-1', {}, 'web.example.com.')],
  });
  const webFleet = Array.from({ length: 2 }, (_, i) =>
    instance({ n: 50 + i, zone: 'eu-west-1a', tags: { 'rebalancer:service': 'web' } }),
  );

  it('plans every service when an instance carries capacity=1e308: the tag is ignored, with a warning', () => {
    const poisoned = instance({
      n: 1,
      tags: { 'rebalancer:service': 'api', 'rebalancer:capacity': '1e308' },
    });
    const next = plan(
      input(
        [api, web],
        reads({ [EAST]: [poisoned, instance({ n: 2 })], 'eu-west-1': webFleet }),
        [],
      ),
    );
    expect(next.warnings).toContain(
      `${poisoned.id}: ignoring rebalancer:capacity=1e308 (not a number above 0 and at most 1000000000)`,
    );
    expect(next.services.map((s) => s.regions[0]?.status)).toEqual(['changed', 'changed']);
    const weights = next.changeBatches
      .flatMap((b) => b.Changes)
      .flatMap((c) =>
        c.ResourceRecordSet.Weight === undefined ? [] : [c.ResourceRecordSet.Weight],
      );
    expect(weights.every((w) => Number.isInteger(w) && w >= 0 && w <= 255)).toBe(true);
    applyPlan(zoneWith(), next);
  });

  it('skips only the region Route 53 would refuse, with the rule, and plans the rest', () => {
    // An address EC2 would never hand out, as a hand-edited state file can hold.
    const bad = instance({ n: 1, publicIp: '198.51.100.300' });
    const next = plan(input([api, web], reads({ [EAST]: [bad], 'eu-west-1': webFleet }), []));
    const east = next.services[0]?.regions[0];
    expect(east?.status).toBe('skipped');
    expect(east?.reasons[0]).toContain(
      'its changes fail the pre-flight check, so it is left as it is',
    );
    expect(east?.reasons[0]).toContain(
      "ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '198.51.100.300'",
    );
    expect(next.services[1]?.regions[0]?.status).toBe('changed');
    const zone = applyPlan(zoneWith(), next);
    expect(latencyRegions(zone.records(), 'web.example.com.')).toEqual(['eu-west-1']);
    expect(zone.records().filter((r) => r.Name.includes(EAST))).toEqual([]);
  });

  it('skips a region whose evacuation would strand an alias of someone else, and keeps the others', () => {
    const two = serviceSpec({ regions: [regionSpec(EAST), regionSpec(WEST)] });
    const eastFleet = fleet(EAST, 1);
    const regions = reads({ [EAST]: eastFleet, [WEST]: fleet(WEST, 10), 'eu-west-1': webFleet });
    const zone = convergedFor([two, web], regions);
    const theirs: ResourceRecordSet = {
      Name: 'www.example.com.',
      Type: 'A',
      AliasTarget: {
        HostedZoneId: 'Z0EXAMPLE12345',
        DNSName: `${EAST}.api.example.com.`,
        EvaluateTargetHealth: false,
      },
    };
    zone.apply({ Changes: [{ Action: 'CREATE', ResourceRecordSet: theirs }] });
    const stopped = eastFleet.map((i) => ({ ...i, state: 'stopped' as const }));
    const webMore = [
      ...webFleet,
      instance({ n: 60, zone: 'eu-west-1b', tags: { 'rebalancer:service': 'web' } }),
    ];
    const next = plan(
      input(
        [two, web],
        reads({ [EAST]: stopped, [WEST]: fleet(WEST, 10, 1), 'eu-west-1': webMore }),
        zone.records(),
      ),
    );
    const [east, west] = next.services[0]?.regions ?? [];
    expect(east?.status).toBe('skipped');
    expect(east?.reasons[0]).toContain(
      `Alias [name='www.example.com.', type='A'] would be left pointing at ${EAST}.api.example.com., type A, which no longer exists (rebalancer invariant)`,
    );
    expect(west?.status).toBe('changed');
    expect(next.services[1]?.regions[0]?.status).toBe('changed');
    applyPlan(zone, next);
    expect(zone.get('www.example.com.', 'A')).toEqual(theirs);
    expect(latencyRegions(zone.records())).toEqual([EAST, WEST]);
  });

  it('leaves a whole service as it is when its regions are refused only together, and plans the others', () => {
    const two = serviceSpec({ regions: [regionSpec(EAST), regionSpec(WEST)] });
    // 99 latency records of someone else: each of our two fits beside them, both do not (100 per name).
    const theirs = Array.from({ length: 99 }, (_, i): ResourceRecordSet => ({
      Name: API,
      Type: 'A',
      SetIdentifier: `theirs-${i}`,
      Region: `xx-other-${i}`,
      TTL: 60,
      ResourceRecords: [{ Value: '192.0.2.1' }],
    }));
    const next = plan(
      input(
        [two, web],
        reads({ [EAST]: fleet(EAST, 1), [WEST]: fleet(WEST, 10), 'eu-west-1': webFleet }),
        theirs,
      ),
    );
    expect(next.services[0]?.regions.map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect(next.services[0]?.regions[0]?.reasons[0]).toMatch(
      /^the changes of api fail the pre-flight check together, so it is left as it is: batch 1 of 1 fails: InvalidChangeBatch: Exceeded limit on number of latency RRSets for api\.example\.com\., type A in this zone\./,
    );
    expect(next.services[1]?.regions[0]?.status).toBe('changed');
    applyPlan(zoneWith(theirs), next);
  });
});

describe('the pre-flight guard', () => {
  it('refuses, with PlanInvariantError, batches the model of the zone rejects', () => {
    const missing: ResourceRecordSet = {
      Name: API,
      Type: 'A',
      TTL: 60,
      ResourceRecords: [{ Value: '192.0.2.1' }],
    };
    const run = () => {
      preflight(spec(), [], [{ Changes: [{ Action: 'DELETE', ResourceRecordSet: missing }] }]);
    };
    expect(run).toThrow(PlanInvariantError);
    expect(run).toThrow(
      "refusing to use an invalid plan: batch 1 of 1 fails: InvalidChangeBatch: Tried to delete resource record set [name='api.example.com.', type='A'] but it was not found",
    );
  });

  it('judges each batch on the zone the earlier ones left', () => {
    const record: ResourceRecordSet = {
      Name: API,
      Type: 'A',
      TTL: 60,
      ResourceRecords: [{ Value: '192.0.2.1' }],
    };
    const create = { Changes: [{ Action: 'CREATE' as const, ResourceRecordSet: record }] };
    expect(() => {
      preflight(spec(), [], [create]);
    }).not.toThrow();
    expect(() => {
      preflight(spec(), [], [create, create]);
    }).toThrow(
      /^refusing to use an invalid plan: batch 2 of 2 fails: InvalidChangeBatch: Tried to create/,
    );
  });
});
