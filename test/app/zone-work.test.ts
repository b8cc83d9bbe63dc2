import { describe, expect, it } from 'vitest';
import { reconcileQueued } from '../../shared/app/queued-work.js';
import { workByZone } from '../../shared/app/zone-work.js';
import type { WorkItem } from '../../shared/domain/scope.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import { parseWorkItem } from '../../shared/formats/work-item.js';
import { instance, serviceSpec } from '../support/builders.js';
import {
  PRIVATE,
  PUBLIC,
  twoZoneSpec as spec,
  twoZoneWorld as world,
} from '../support/two-zones.js';

const duty = {
  kind: 'notice' as const,
  region: 'eu-west-1',
  instanceId: 'i-1',
  notice: 'spot-interruption' as const,
};

describe('workByZone', () => {
  it('gives a one-zone configuration its item as it is', () => {
    const one: RebalancerSpec = { hostedZoneId: PUBLIC, ownerId: 'o', services: [serviceSpec()] };
    const item: WorkItem = { scope: [], reason: 'schedule', events: 1 };
    expect(workByZone(item, one)).toEqual([item]);
  });

  it('fans a full reconcile out into one item per zone', () => {
    const items = workByZone({ scope: [], reason: 'schedule', events: 1 }, spec);
    expect(items.map((i) => [i.zone, i.scope])).toEqual([
      [PUBLIC, []],
      [PRIVATE, []],
    ]);
  });

  it('gives each zone only the selectors that touch it, and a zone none touches no item', () => {
    const item: WorkItem = {
      scope: [{ region: 'us-east-2' }, { service: 'admin', region: 'eu-west-1' }],
      reason: '2 instance state change',
      events: 2,
    };
    expect(workByZone(item, spec).map((i) => [i.zone, i.scope])).toEqual([
      [PUBLIC, [{ region: 'us-east-2' }]],
      [PRIVATE, [{ region: 'us-east-2' }, { service: 'admin', region: 'eu-west-1' }]],
    ]);
    const adminOnly = { ...item, scope: [{ service: 'admin' }] };
    expect(workByZone(adminOnly, spec).map((i) => i.zone)).toEqual([PRIVATE]);
  });

  it('sends a notice to every zone, so that each drains the instance', () => {
    const items = workByZone({ scope: [], reason: 'x', events: 1, duties: [duty] }, spec);
    expect(items.map((i) => i.duties)).toEqual([[duty], [duty]]);
  });

  it('sends a hook to the first zone, naming the others still to confirm it', () => {
    const hook = {
      kind: 'hook' as const,
      region: 'eu-west-1',
      transition: 'terminating' as const,
      action: {
        autoScalingGroupName: 'api-prod',
        lifecycleHookName: 'drain-dns',
        lifecycleActionToken: 't-1',
        instanceId: 'i-1',
      },
      warmPool: false,
      startedAt: 0,
    };
    const ramp = { kind: 'ramp' as const, service: 'api', region: 'eu-west-1', at: 5 };
    const items = workByZone({ scope: [], reason: 'x', events: 1, duties: [hook, ramp] }, spec);
    expect(items.map((i) => i.duties)).toEqual([
      [{ ...hook, zonesLeft: [PRIVATE] }, ramp],
      undefined,
    ]);
  });
});

describe('parseWorkItem', () => {
  it('keeps the zone of an item', () => {
    const item = { scope: [], reason: 'x', events: 1, zone: PRIVATE };
    expect(parseWorkItem(item, 'item')).toEqual(item);
  });

  it('keeps the zones a hook has still to be confirmed by, and refuses what is no zone id', () => {
    const hook = {
      kind: 'hook',
      region: 'eu-west-1',
      transition: 'launching',
      action: {
        autoScalingGroupName: 'g',
        lifecycleHookName: 'h',
        lifecycleActionToken: 't',
        instanceId: 'i-1',
      },
      warmPool: false,
      startedAt: 0,
      zonesLeft: [PRIVATE],
    };
    const item = { scope: [], reason: 'x', events: 1, duties: [hook] };
    expect(parseWorkItem(item, 'item')).toEqual(item);
    const bad = { ...item, duties: [{ ...hook, zonesLeft: ['private'] }] };
    expect(() => parseWorkItem(bad, 'item')).toThrow(
      'expected a hosted zone id like Z0EXAMPLE12345',
    );
    const many = {
      ...item,
      duties: [{ ...hook, zonesLeft: Array.from({ length: 101 }, () => PRIVATE) }],
    };
    expect(() => parseWorkItem(many, 'item')).toThrow('expected at most 100 hosted zones');
  });

  it('refuses a zone that is no hosted zone id', () => {
    expect(() =>
      parseWorkItem({ scope: [], reason: 'x', events: 1, zone: 'nope' }, 'item'),
    ).toThrow('zone: expected a hosted zone id like Z0EXAMPLE12345');
  });
});

const message = (id: string, item: WorkItem) => ({ messageId: id, body: JSON.stringify(item) });

describe('the writer, zone by zone', () => {
  it('writes two zones from two work items in parallel, each through its own port and spec', async () => {
    const { events, zones, deps } = world();
    const [pub, priv] = workByZone({ scope: [], reason: 'schedule', events: 1 }, spec);
    // Two FIFO groups: Lambda runs one invocation per group at once.
    const results = await Promise.all([
      reconcileQueued([message('m-pub', pub as WorkItem)], deps),
      reconcileQueued([message('m-priv', priv as WorkItem)], deps),
    ]);
    expect(results).toEqual([[], []]);
    // Both zones were read before either was written: neither waited for the other.
    const firstWrite = events.findIndex((e) => e.endsWith('write'));
    expect(events.slice(0, firstWrite)).toEqual(
      expect.arrayContaining([`${PUBLIC} read`, `${PRIVATE} read`]),
    );
    const values = (id: string) =>
      new Set(
        zones
          .get(id)
          ?.records()
          .flatMap((r) => (r.Type === 'A' ? (r.ResourceRecords ?? []).map((v) => v.Value) : [])),
      );
    const fleet = [901, 902, 903].map((n) => instance({ n }));
    expect(values(PUBLIC)).toEqual(new Set(fleet.map((i) => i.publicIp)));
    expect(values(PRIVATE)).toEqual(new Set(fleet.map((i) => i.privateIp)));
    expect(
      zones
        .get(PUBLIC)
        ?.records()
        .some((r) => r.Name.startsWith('admin.')),
    ).toBe(false);
    expect(
      zones
        .get(PRIVATE)
        ?.records()
        .some((r) => r.Name.startsWith('admin.')),
    ).toBe(true);
  });

  it("reconciles each zone of a batch that holds several zones' groups on its own", async () => {
    const { events, deps } = world();
    const [pub, priv] = workByZone({ scope: [], reason: 'schedule', events: 1 }, spec);
    await reconcileQueued(
      [message('m-1', pub as WorkItem), message('m-2', priv as WorkItem)],
      deps,
    );
    expect(events.filter((e) => e.endsWith(' read') && e.startsWith('Z'))).toEqual([
      `${PUBLIC} read`,
      `${PRIVATE} read`,
    ]);
  });

  it('hands back the work of a zone that cannot be read, deletes nothing there, and writes the others', async () => {
    const { zones, deps, log } = world({ failPrivate: true });
    const before = [...(zones.get(PRIVATE)?.records() ?? [])];
    const [pub, priv] = workByZone({ scope: [], reason: 'schedule', events: 1 }, spec);
    const failures = await reconcileQueued(
      [message('m-pub', pub as WorkItem), message('m-priv', priv as WorkItem)],
      deps,
    );
    expect(failures).toEqual(['m-priv']);
    expect(zones.get(PRIVATE)?.records()).toEqual(before);
    expect(zones.get(PUBLIC)?.records().length).toBeGreaterThan(0);
    expect(
      log.entries.some((l) => l.message === 'zone not reconciled; its work is handed back'),
    ).toBe(true);
  });

  it('acknowledges, with a logged problem, an item of a zone the configuration does not have', async () => {
    const { deps, log } = world();
    const failures = await reconcileQueued(
      [message('m-x', { scope: [], reason: 'x', events: 1, zone: 'Z0GONE' })],
      deps,
    );
    expect(failures).toEqual([]);
    expect(JSON.stringify(log.entries)).toContain('zone: hosted zone Z0GONE is not configured');
  });
});
