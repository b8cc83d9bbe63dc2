import { describe, expect, it } from 'vitest';
import type { Instance, RegionRead } from '../../../shared/domain/fleet/fleet.js';
import { plan, type PlanInput } from '../../../shared/domain/plan/planner.js';
import type { ResourceRecordSet } from '../../../shared/domain/dns/records.js';
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
import { applyPlan, changedKeys, zoneWith } from '../../support/zone.js';

const EAST = 'us-east-2';
const WEST = 'us-west-2';

function input(
  service: ServiceSpec,
  regions: Record<string, RegionRead>,
  records: readonly ResourceRecordSet[] = [],
  extra: Partial<PlanInput> = {},
): PlanInput {
  return { spec: spec([service]), records, regions: new Map(Object.entries(regions)), ...extra };
}

const twoRegions = serviceSpec({ regions: [regionSpec(EAST), regionSpec(WEST)] });
const eastFleet = [
  instance({ n: 1, zone: 'us-east-2a', instanceType: 'm5.large' }),
  instance({ n: 2, zone: 'us-east-2b', instanceType: 'm5.xlarge' }),
  instance({ n: 3, zone: 'us-east-2c', instanceType: 'm5.large' }),
];
const westFleet = [
  instance({ n: 11, zone: 'us-west-2a' }),
  instance({ n: 12, zone: 'us-west-2b' }),
];
const [e1, e2, e3] = eastFleet as [Instance, Instance, Instance];
const fleets = { [EAST]: observation(EAST, eastFleet), [WEST]: observation(WEST, westFleet) };

/** The zone after the first plan for `fleets` was applied. */
function converged(
  service: ServiceSpec = twoRegions,
  regions: Record<string, RegionRead> = fleets,
) {
  const zone = zoneWith();
  applyPlan(zone, plan(input(service, regions)));
  return zone;
}

function record(zone: ReturnType<typeof zoneWith>, name: string, id: string) {
  return zone.get(name, 'A', `${OWNER}/${id}`);
}

describe('plan on an empty zone', () => {
  const result = plan(input(twoRegions, fleets, [], { reason: 'manual invoke' }));
  const changes = result.changeBatches.flatMap((b) => b.Changes);

  it('creates one weighted record per instance with weights following vCPUs', () => {
    const weights = changes
      .filter((c) => c.ResourceRecordSet.Name === `${EAST}.api.example.com.`)
      .map((c) => [
        c.ResourceRecordSet.SetIdentifier,
        c.ResourceRecordSet.Weight,
        c.ResourceRecordSet.ResourceRecords?.[0]?.Value,
      ]);
    expect(weights).toEqual([
      [`${OWNER}/${e1.id}`, 127, e1.publicIp],
      [`${OWNER}/${e2.id}`, 254, e2.publicIp],
      [`${OWNER}/${e3.id}`, 127, e3.publicIp],
    ]);
  });

  it('creates a latency alias per region that evaluates target health', () => {
    const latency = changes
      .filter((c) => c.ResourceRecordSet.Name === 'api.example.com.')
      .map((c) => c.ResourceRecordSet);
    expect(latency).toEqual([
      {
        Name: 'api.example.com.',
        Type: 'A',
        SetIdentifier: `${OWNER}/${EAST}`,
        Region: EAST,
        AliasTarget: {
          HostedZoneId: ZONE_ID,
          DNSName: `${EAST}.api.example.com.`,
          EvaluateTargetHealth: true,
        },
      },
      expect.objectContaining({ Region: WEST, SetIdentifier: `${OWNER}/${WEST}` }),
    ]);
  });

  it('creates the weighted records before the aliases that point at them', () => {
    const order = changes.map((c) => c.ResourceRecordSet.Name);
    expect(order.lastIndexOf(`${EAST}.api.example.com.`)).toBeLessThan(
      order.indexOf('api.example.com.'),
    );
  });

  it('says what triggered it in the batch comment', () => {
    expect(result.changeBatches[0]?.Comment).toBe(`route53-rebalancer ${OWNER}: manual invoke`);
  });

  it('reports each instance with its weight and share of the region', () => {
    const east = result.services[0]?.regions.find((r) => r.region === EAST);
    expect(east?.status).toBe('changed');
    expect(
      east?.routes.map((r) => [r.member.instance.id, r.weight, Number(r.share.toFixed(3))]),
    ).toEqual([
      [e1.id, 127, 0.25],
      [e2.id, 254, 0.5],
      [e3.id, 127, 0.25],
    ]);
  });
});

describe('plan on a converged zone', () => {
  it('changes nothing when nothing changed', () => {
    const zone = converged();
    const again = plan(input(twoRegions, fleets, zone.records()));
    expect(again.changeBatches).toEqual([]);
    expect(again.services[0]?.regions.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
  });

  it('removes the record of a stopped instance and re-weights the rest in one batch', () => {
    const zone = converged();
    const stopped = [e1, { ...e2, state: 'stopped' as const }, e3];
    const next = plan(
      input(twoRegions, { ...fleets, [EAST]: observation(EAST, stopped) }, zone.records()),
    );
    expect(changedKeys(next)).toEqual([
      `DELETE ${EAST}.api.example.com. A ${OWNER}/${e1.id}`,
      `DELETE ${EAST}.api.example.com. A ${OWNER}/${e2.id}`,
      `DELETE ${EAST}.api.example.com. A ${OWNER}/${e3.id}`,
      `CREATE ${EAST}.api.example.com. A ${OWNER}/${e1.id}`,
      `CREATE ${EAST}.api.example.com. A ${OWNER}/${e3.id}`,
    ]);
    applyPlan(zone, next);
    expect(record(zone, `${EAST}.api.example.com.`, e1.id)?.Weight).toBe(255);
  });

  it('repeats the current record exactly in the DELETE of a modification', () => {
    const zone = converged();
    const before = record(zone, `${EAST}.api.example.com.`, e1.id);
    const moved = [{ ...e1, publicIp: '203.0.113.9' }, e2, e3];
    const next = plan(
      input(twoRegions, { ...fleets, [EAST]: observation(EAST, moved) }, zone.records()),
    );
    const changes = next.changeBatches.flatMap((b) => b.Changes);
    expect(changes).toEqual([
      { Action: 'DELETE', ResourceRecordSet: before },
      {
        Action: 'CREATE',
        ResourceRecordSet: { ...before, ResourceRecords: [{ Value: '203.0.113.9' }] },
      },
    ]);
    expect(next.changeBatches).toHaveLength(1);
  });

  it.each([
    [
      'a drain tag',
      { tags: { 'rebalancer:service': 'api', 'rebalancer:drain': 'true' } },
      {},
      'draining',
    ],
    [
      'an impaired status check',
      {},
      {
        statuses: new Map([
          ['i-00000000000000002', { instance: 'impaired' as const, system: 'ok' as const }],
        ]),
      },
      'impaired',
    ],
    [
      'an alarm naming it',
      {},
      {
        alarms: [
          { name: 'api-cpu-high', state: 'ALARM' as const, instanceIds: ['i-00000000000000002'] },
        ],
      },
      'alarm',
    ],
  ])('keeps the record of an instance with %s at weight 0', (_, change, extra, status) => {
    const zone = converged();
    const fleet = eastFleet.map((i) => (i.id === 'i-00000000000000002' ? { ...i, ...change } : i));
    const next = plan(
      input(twoRegions, { ...fleets, [EAST]: observation(EAST, fleet, extra) }, zone.records()),
    );
    applyPlan(zone, next);
    expect(record(zone, `${EAST}.api.example.com.`, 'i-00000000000000002')?.Weight).toBe(0);
    const row = next.services[0]?.regions[0]?.routes.find(
      (r) => r.member.instance.id === 'i-00000000000000002',
    );
    expect(row?.member.health.status).toBe(status);
    expect(row?.share).toBe(0);
  });

  it('ignores an alarm without the configured prefix', () => {
    const zone = converged();
    const alarms = [
      { name: 'other-cpu', state: 'ALARM' as const, instanceIds: ['i-00000000000000002'] },
    ];
    const next = plan(
      input(
        twoRegions,
        { ...fleets, [EAST]: observation(EAST, eastFleet, { alarms }) },
        zone.records(),
      ),
    );
    expect(next.changeBatches).toEqual([]);
  });

  it('rewrites every record of a weighted set in one batch, deletes first, when the TTL changes', () => {
    const zone = converged();
    const next = plan(input({ ...twoRegions, ttl: 300 }, fleets, zone.records()));
    const east = next.changeBatches
      .flatMap((b) => b.Changes)
      .filter((c) => c.ResourceRecordSet.Name === `${EAST}.api.example.com.`);
    expect(east.map((c) => c.Action)).toEqual([
      'DELETE',
      'DELETE',
      'DELETE',
      'CREATE',
      'CREATE',
      'CREATE',
    ]);
    applyPlan(zone, next);
    expect(plan(input({ ...twoRegions, ttl: 300 }, fleets, zone.records())).changeBatches).toEqual(
      [],
    );
  });
});

describe('never making things worse', () => {
  it('skips a region it could not read and leaves its records alone', () => {
    const zone = converged();
    const next = plan(
      input(
        twoRegions,
        { ...fleets, [EAST]: { region: EAST, error: 'Throttling: Rate exceeded' } },
        zone.records(),
      ),
    );
    expect(next.changeBatches).toEqual([]);
    expect(next.services[0]?.regions[0]).toMatchObject({
      status: 'skipped',
      reasons: [`could not read ${EAST}: Throttling: Rate exceeded`],
    });
  });

  it('skips a region missing from the data', () => {
    const zone = converged();
    const next = plan(input(twoRegions, { [WEST]: fleets[WEST] }, zone.records()));
    expect(next.changeBatches).toEqual([]);
    expect(next.services[0]?.regions[0]).toMatchObject({
      status: 'skipped',
      reasons: [`no data for ${EAST}`],
    });
  });

  it('skips a region where no instance carries the tags while it has records', () => {
    const zone = converged();
    const next = plan(
      input(twoRegions, { ...fleets, [EAST]: observation(EAST, []) }, zone.records()),
    );
    expect(next.changeBatches).toEqual([]);
    expect(next.services[0]?.regions[0]?.status).toBe('skipped');
    expect(next.services[0]?.regions[0]?.reasons[0]).toMatch(
      /no instance tagged rebalancer:service=api found while 4 records exist/,
    );
  });

  it('evacuates a region with no healthy instance by removing its latency record', () => {
    const zone = converged();
    const drained = eastFleet.map((i) => ({
      ...i,
      tags: { ...i.tags, 'rebalancer:drain': 'true' },
    }));
    const next = plan(
      input(twoRegions, { ...fleets, [EAST]: observation(EAST, drained) }, zone.records()),
    );
    applyPlan(zone, next);
    expect(zone.get('api.example.com.', 'A', `${OWNER}/${EAST}`)).toBeUndefined();
    expect(zone.get('api.example.com.', 'A', `${OWNER}/${WEST}`)).toBeDefined();
    expect(next.services[0]?.regions[0]?.status).toBe('evacuated');
  });

  it('deletes the latency alias before the records it points at when a region empties', () => {
    const zone = converged();
    const stopped = eastFleet.map((i) => ({ ...i, state: 'stopped' as const }));
    const next = plan(
      input(twoRegions, { ...fleets, [EAST]: observation(EAST, stopped) }, zone.records()),
    );
    const order = next.changeBatches.flatMap((b) => b.Changes.map((c) => c.ResourceRecordSet.Name));
    expect(order.indexOf('api.example.com.')).toBeLessThan(
      order.indexOf(`${EAST}.api.example.com.`),
    );
    applyPlan(zone, next);
    expect(zone.records().filter((r) => r.Name.startsWith(EAST))).toEqual([]);
  });

  it('fails open, changing nothing, when no region of the service has a healthy instance', () => {
    const zone = converged();
    const stop = (fleet: typeof eastFleet) =>
      fleet.map((i) => ({ ...i, state: 'stopped' as const }));
    const next = plan(
      input(
        twoRegions,
        { [EAST]: observation(EAST, stop(eastFleet)), [WEST]: observation(WEST, stop(westFleet)) },
        zone.records(),
      ),
    );
    expect(next.changeBatches).toEqual([]);
    expect(next.services[0]?.failOpen).toBe(true);
    expect(next.services[0]?.regions.map((r) => r.status)).toEqual(['fail-open', 'fail-open']);
    expect(next.services[0]?.regions[0]?.reasons[0]).toMatch(/fail open/);
  });

  it('refuses a plan that removes more capacity than the limit allows, unless forced', () => {
    const zone = converged();
    const limited = { ...twoRegions, safety: { maxCapacityRemovedShare: 0.3 } };
    const fleet = [e1, { ...e2, state: 'terminated' as const }, e3];
    const regions = { ...fleets, [EAST]: observation(EAST, fleet) };
    const refused = plan(input(limited, regions, zone.records()));
    expect(refused.changeBatches).toEqual([]);
    expect(refused.services[0]?.regions[0]).toMatchObject({
      status: 'refused',
      capacityRemoved: 0.5,
    });
    expect(refused.services[0]?.regions[0]?.reasons[0]).toBe(
      `would stop routing to 50% of ${EAST}'s capacity (limit 30%): refused; re-run with force to apply`,
    );
    const forced = plan(input(limited, regions, zone.records(), { force: true }));
    expect(forced.changeBatches).not.toEqual([]);
    expect(forced.services[0]?.regions[0]?.status).toBe('changed');
  });

  it('allows scale-in by default', () => {
    const zone = converged();
    const next = plan(
      input(
        twoRegions,
        { ...fleets, [EAST]: observation(EAST, eastFleet.slice(0, 1)) },
        zone.records(),
      ),
    );
    expect(next.services[0]?.regions[0]?.status).toBe('changed');
  });
});

describe('records of others', () => {
  const foreignWeighted: ResourceRecordSet = {
    Name: `${EAST}.api.example.com.`,
    Type: 'A',
    SetIdentifier: 'hand-made',
    Weight: 10,
    TTL: 60,
    ResourceRecords: [{ Value: '192.0.2.50' }],
  };

  it('leaves a foreign weighted record in our set alone and reports it', () => {
    const zone = converged();
    zone.apply({ Changes: [{ Action: 'CREATE', ResourceRecordSet: foreignWeighted }] });
    const next = plan(input(twoRegions, fleets, zone.records()));
    expect(next.changeBatches).toEqual([]);
    expect(next.services[0]?.regions[0]?.foreign).toEqual([foreignWeighted]);
  });

  it('skips a region whose latency slot is taken by a record of someone else', () => {
    const theirs: ResourceRecordSet = {
      Name: 'api.example.com.',
      Type: 'A',
      SetIdentifier: EAST,
      Region: EAST,
      TTL: 60,
      ResourceRecords: [{ Value: '192.0.2.1' }],
    };
    const next = plan(input(twoRegions, fleets, [theirs]));
    expect(next.services[0]?.regions[0]).toMatchObject({ status: 'skipped', changes: [] });
    expect(next.services[0]?.regions[0]?.reasons[0]).toMatch(
      /already routes us-east-2 at api.example.com./,
    );
    expect(next.services[0]?.regions[1]?.status).toBe('changed');
  });

  it('skips a region whose weighted set holds a record of someone else with another TTL', () => {
    const theirs = { ...foreignWeighted, TTL: 300 };
    const next = plan(input(twoRegions, fleets, [theirs]));
    expect(next.services[0]?.regions[0]?.status).toBe('skipped');
    expect(next.services[0]?.regions[0]?.reasons).toEqual([
      `record hand-made of others at ${EAST}.api.example.com. has TTL 300 and ours 60: a weighted set must share one TTL`,
    ]);
  });

  it('skips a region whose weighted set would exceed 100 records with those of others', () => {
    const theirs = Array.from({ length: 98 }, (_, i) => ({
      ...foreignWeighted,
      SetIdentifier: `hand-${i}`,
    }));
    const next = plan(input(twoRegions, fleets, theirs));
    expect(next.services[0]?.regions[0]?.reasons[0]).toBe(
      `${EAST}.api.example.com. A would hold 3 records of ours and 98 of others: over Route 53's limit of 100`,
    );
  });

  it('skips a region whose regional name holds a simple record of someone else', () => {
    const theirs: ResourceRecordSet = {
      Name: `${EAST}.api.example.com.`,
      Type: 'A',
      TTL: 60,
      ResourceRecords: [{ Value: '192.0.2.1' }],
    };
    const next = plan(input(twoRegions, fleets, [theirs]));
    expect(next.services[0]?.regions[0]?.status).toBe('skipped');
    expect(
      next.changeBatches
        .flatMap((b) => b.Changes)
        .every((c) => !c.ResourceRecordSet.Name.startsWith(EAST)),
    ).toBe(true);
  });

  it('never touches the records of a deployment with another owner id', () => {
    const zone = converged();
    const other = { ...spec([twoRegions]), ownerId: 'api-staging' };
    const next = plan({
      spec: other,
      records: zone.records(),
      regions: new Map(Object.entries(fleets)),
    });
    const touched = next.changeBatches
      .flatMap((b) => b.Changes)
      .filter((c) => c.ResourceRecordSet.SetIdentifier?.startsWith(`${OWNER}/`));
    expect(touched).toEqual([]);
    // Its own latency records collide with ours region by region: it must stand back.
    expect(next.services[0]?.regions.map((r) => r.status)).toEqual(['skipped', 'skipped']);
  });
});

describe('scope and clean-up', () => {
  it('plans only the requested region', () => {
    const next = plan(input(twoRegions, fleets, [], { scope: [{ region: WEST }] }));
    expect(next.services[0]?.regions.map((r) => r.region)).toEqual([WEST]);
    expect(changedKeys(next).every((k) => k.includes(WEST))).toBe(true);
  });

  it('stops routing to a region removed from the configuration, and reports what it may no longer touch', () => {
    const zone = converged();
    const eastOnly = { ...twoRegions, regions: [regionSpec(EAST)] };
    const next = plan(input(eastOnly, fleets, zone.records()));
    // The latency record sits at a name still managed: it goes.
    expect(next.orphans.map((r) => `${r.Name} ${r.SetIdentifier ?? ''}`)).toEqual([
      `api.example.com. ${OWNER}/${WEST}`,
    ]);
    // The regional records sit under a name no longer managed (the deployed role may not write there): left, reported.
    expect(next.stranded.map((r) => `${r.Name} ${r.SetIdentifier ?? ''}`)).toEqual(
      westFleet.map((i) => `${WEST}.api.example.com. ${OWNER}/${i.id}`),
    );
    applyPlan(zone, next);
    expect(zone.records().filter((r) => r.Region === WEST)).toEqual([]);
    expect(zone.records().filter((r) => r.Name.startsWith(WEST))).toHaveLength(westFleet.length);
  });

  it('leaves orphans alone when the plan is scoped', () => {
    const zone = converged();
    const eastOnly = { ...twoRegions, regions: [regionSpec(EAST)] };
    expect(
      plan(input(eastOnly, fleets, zone.records(), { scope: [{ service: 'api' }] })).orphans,
    ).toEqual([]);
  });
});
