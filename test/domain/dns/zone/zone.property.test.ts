/**
 * The indexed model against a naive one that scans arrays: same verdict, same
 * messages, same records, for random zones and random batches.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames } from '../../../../shared/domain/dns/names.js';
import type {
  Change,
  ChangeAction,
  ResourceRecordSet,
} from '../../../../shared/domain/dns/records.js';
import { sameRecord } from '../../../../shared/domain/dns/record-equality.js';
import { recordKey, routingPolicy, rrsetKey } from '../../../../shared/domain/dns/records.js';
import type { Rejection } from '../../../../shared/domain/dns/zone/index.js';
import * as say from '../../../../shared/domain/dns/zone/messages.js';
import { ZONE_ID, zoneOf } from './fixtures.js';

const ZONE = 'example.com.';
const NAMES = [ZONE, 'www.example.com.', 'api.example.com.'];

function listOrder(a: ResourceRecordSet, b: ResourceRecordSet): number {
  const byString = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    compareNames(a.Name, b.Name) ||
    byString(a.Type, b.Type) ||
    byString(a.SetIdentifier ?? '', b.SetIdentifier ?? '')
  );
}

function isSameZoneAlias(record: ResourceRecordSet): boolean {
  return record.AliasTarget?.HostedZoneId === ZONE_ID;
}

/** The first rule `record` breaks joining `others` (its own key already removed). */
function naiveProblem(others: ResourceRecordSet[], record: ResourceRecordSet): string | undefined {
  const group = others.filter((r) => rrsetKey(r) === rrsetKey(record));
  const policy = routingPolicy(record);
  if (group.length > 0 && policy === 'simple') return say.otherRRSetsExist(record);
  if (group.some((r) => routingPolicy(r) !== policy)) return say.otherPolicyExists(record, policy);
  if (record.Type === 'CNAME' && record.Name === ZONE) return say.cnameAtApex(ZONE);
  const atName = others.filter((r) => r.Name === record.Name);
  const conflict =
    record.Type === 'CNAME'
      ? atName.some((r) => r.Type !== 'CNAME')
      : atName.some((r) => r.Type === 'CNAME');
  if (conflict) return say.cnameConflict(record.Name, ZONE);
  if (record.Region !== undefined && group.some((r) => r.Region === record.Region)) {
    return say.latencyRegionTaken(record, record.Region);
  }
  if (policy === 'weighted' && record.TTL !== undefined) {
    if (group.some((r) => r.AliasTarget === undefined && r.TTL !== record.TTL)) {
      return say.weightedTtlDiffers(record);
    }
  }
  if (policy !== 'simple' && group.length >= 100) return say.policyLimit(record, policy);
  const target = record.AliasTarget?.DNSName;
  if (target !== undefined && isSameZoneAlias(record)) {
    if (!others.some((r) => r.Name === target && r.Type === record.Type)) {
      return say.aliasTargetNotFound(target, record.Type, ZONE_ID);
    }
  }
  return undefined;
}

/** Names on the longest alias chain through `rrset` (each side capped at 4; a loop counts as endless). */
function naivePathLength(records: readonly ResourceRecordSet[], rrset: string): number {
  const aliases = records.filter(isSameZoneAlias);
  const targetOf = (r: ResourceRecordSet) =>
    rrsetKey({ Name: r.AliasTarget?.DNSName ?? '', Type: r.Type });
  const down = (key: string, seen: ReadonlySet<string>): number => {
    if (seen.has(key)) return Infinity;
    const below = aliases.filter((r) => rrsetKey(r) === key).map(targetOf);
    return 1 + Math.max(0, ...below.map((t) => down(t, new Set(seen).add(key))));
  };
  const up = (key: string, seen: ReadonlySet<string>): number => {
    if (seen.has(key)) return Infinity;
    const parents = aliases.filter((r) => targetOf(r) === key).map((r) => rrsetKey(r));
    return Math.max(0, ...parents.map((p) => 1 + up(p, new Set(seen).add(key))));
  };
  return Math.min(4, up(rrset, new Set())) + Math.min(4, down(rrset, new Set()));
}

/** The depth rule's messages with their path left out: which path is shown on a tie is the model's choice. */
function withoutPaths(rejection: Rejection | undefined): Rejection | undefined {
  if (rejection === undefined) return undefined;
  const messages = rejection.messages.map((m) =>
    m.replace(
      /levels of alias recursion \(.*\); Route 53/,
      'levels of alias recursion (…); Route 53',
    ),
  );
  return { ...rejection, messages };
}

/** Route 53's semantics as plainly as they can be written; O(n) per change. */
function naiveApply(
  start: readonly ResourceRecordSet[],
  changes: readonly Change[],
  strict: boolean,
): { records: ResourceRecordSet[]; rejection: Rejection | undefined } {
  let records = [...start];
  const messages: string[] = [];
  const emptied = new Set<string>();
  for (const { Action, ResourceRecordSet: record } of changes) {
    const key = recordKey(record);
    const current = records.find((r) => recordKey(r) === key);
    const others = records.filter((r) => recordKey(r) !== key);
    if (Action === 'DELETE') {
      if (current === undefined) messages.push(say.notFound(record));
      else if (!sameRecord(current, record)) messages.push(say.valuesDiffer(record));
      else {
        records = others;
        if (!records.some((r) => rrsetKey(r) === rrsetKey(record))) emptied.add(rrsetKey(record));
      }
      continue;
    }
    if (Action === 'CREATE' && current !== undefined) {
      messages.push(say.alreadyExists(record));
      continue;
    }
    const problem = naiveProblem(others, record);
    if (problem === undefined) records = [...others, record];
    else messages.push(problem);
  }
  if (strict && messages.length === 0) {
    const stranded = records
      .filter((r) => isSameZoneAlias(r) && r.AliasTarget !== undefined)
      .filter((r) => {
        const target = rrsetKey({ Name: r.AliasTarget?.DNSName ?? '', Type: r.Type });
        return emptied.has(target) && !records.some((t) => rrsetKey(t) === target);
      })
      .sort(listOrder);
    messages.push(...stranded.map((r) => say.danglingAlias(r, r.AliasTarget?.DNSName ?? '')));
  }
  if (strict && messages.length === 0) {
    const growing = [
      ...new Set(
        changes.filter((c) => c.Action !== 'DELETE').map((c) => rrsetKey(c.ResourceRecordSet)),
      ),
    ];
    for (const key of growing) {
      const after = naivePathLength(records, key);
      if (after > 3 && after > naivePathLength(start, key)) {
        const [name = '', type = ''] = key.split('|');
        messages.push(say.aliasTooDeep(name, type, ['…'], 3));
      }
    }
  }
  if (messages.length > 0) {
    return {
      records: [...start].sort(listOrder),
      rejection: { code: 'InvalidChangeBatch', messages },
    };
  }
  return { records: records.sort(listOrder), rejection: undefined };
}

const ipv4 = fc.constantFrom('192.0.2.1', '192.0.2.2', '198.51.100.7');
const cnameTarget = fc.constantFrom('a.example.net.', 'b.example.net.');

const recordArbitrary: fc.Arbitrary<ResourceRecordSet> = fc
  .record({
    name: fc.constantFrom(...NAMES),
    type: fc.constantFrom('A', 'A', 'CNAME'),
    policy: fc.constantFrom('simple', 'weighted', 'weighted', 'latency'),
    id: fc.constantFrom('a', 'b', 'c'),
    weight: fc.integer({ min: 0, max: 3 }),
    region: fc.constantFrom('us-east-1', 'eu-west-1'),
    ttl: fc.constantFrom(60, 300),
    aliasTo: fc.oneof(
      { arbitrary: fc.constant(null), weight: 2 },
      { arbitrary: fc.constantFrom(...NAMES), weight: 1 },
    ),
    values: fc.uniqueArray(ipv4, { minLength: 1, maxLength: 2 }),
    target: cnameTarget,
  })
  .map((g) => {
    const routing =
      g.policy === 'weighted'
        ? { SetIdentifier: g.id, Weight: g.weight }
        : g.policy === 'latency'
          ? { SetIdentifier: g.id, Region: g.region }
          : {};
    const content =
      g.aliasTo !== null
        ? {
            AliasTarget: { HostedZoneId: ZONE_ID, DNSName: g.aliasTo, EvaluateTargetHealth: false },
          }
        : {
            TTL: g.ttl,
            ResourceRecords:
              g.type === 'A' ? g.values.map((Value) => ({ Value })) : [{ Value: g.target }],
          };
    // A CNAME at the apex is refused outright; keep the generator's CNAMEs where they can live.
    const name = g.type === 'CNAME' && g.name === ZONE ? 'cdn.example.com.' : g.name;
    return { Name: name, Type: g.type, ...routing, ...content };
  });

/** A zone Route 53 could hold: the records the naive model accepts one by one, aliases last. */
const zoneArbitrary = fc.array(recordArbitrary, { minLength: 3, maxLength: 15 }).map((candidates) =>
  [...candidates]
    .sort((a, b) => Number(a.AliasTarget !== undefined) - Number(b.AliasTarget !== undefined))
    .reduce<ResourceRecordSet[]>((held, record) => {
      const change: Change = { Action: 'CREATE', ResourceRecordSet: record };
      const { records, rejection } = naiveApply(held, [change], false);
      return rejection === undefined ? records : held;
    }, []),
);

interface ChangePlan {
  readonly existing: number | null;
  readonly action: ChangeAction;
  readonly fresh: ResourceRecordSet;
  readonly tweakWeight: boolean;
}

/** Mostly DELETEs and UPSERTs of held records and CREATEs of new ones, so batches both pass and fail. */
const changePlan: fc.Arbitrary<ChangePlan> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      existing: fc.nat(),
      action: fc.constantFrom<ChangeAction>('DELETE', 'DELETE', 'UPSERT', 'CREATE'),
      fresh: recordArbitrary,
      tweakWeight: fc.constantFrom(false, false, true),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      existing: fc.constant(null),
      action: fc.constantFrom<ChangeAction>('CREATE', 'CREATE', 'UPSERT', 'DELETE'),
      fresh: recordArbitrary,
      tweakWeight: fc.constant(false),
    }),
  },
);

function materialise(zone: readonly ResourceRecordSet[], plans: readonly ChangePlan[]): Change[] {
  return plans.map(({ action, existing, fresh, tweakWeight }) => {
    const record = (existing === null ? undefined : zone[existing % zone.length]) ?? fresh;
    const tweaked =
      tweakWeight && record.Weight !== undefined
        ? { ...record, Weight: record.Weight + 1 }
        : record;
    return { Action: action, ResourceRecordSet: tweaked };
  });
}

describe('the zone model against a naive model', () => {
  it('accepts exactly what the naive model accepts, with the same messages and records', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(
        zoneArbitrary,
        fc.array(changePlan, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (records, plans, strict) => {
          const zone = zoneOf(records, { strict });
          const before = zone.records();
          const changes = materialise(records, plans);
          const expected = naiveApply(records, changes, strict);
          const verdict = zone.validate({ Changes: changes });
          expect(zone.records()).toEqual(before);
          expect(withoutPaths(zone.apply({ Changes: changes }))).toEqual(
            withoutPaths(expected.rejection),
          );
          expect(withoutPaths(verdict)).toEqual(withoutPaths(expected.rejection));
          expect(zone.records()).toEqual(
            expected.rejection === undefined ? expected.records : before,
          );
          if (expected.rejection === undefined) accepted++;
          else rejected++;
        },
      ),
      { numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThan(20);
  });

  it('pages through list() with any MaxItems returning each record once, in order', () => {
    const label = fc.constantFrom('a', 'b', 'a-b', 'www', '*');
    const name = fc
      .array(label, { maxLength: 3 })
      .map((labels) => [...labels, 'example', 'com', ''].join('.'));
    const record = fc.record({
      Name: name,
      Type: fc.constantFrom('A', 'AAAA', 'TXT'),
      SetIdentifier: fc.option(fc.constantFrom('a', 'b', 'c', 'd'), { nil: undefined }),
    });
    const unique = fc.uniqueArray(record, { selector: (r) => recordKey(r), maxLength: 40 });
    fc.assert(
      fc.property(unique, fc.integer({ min: 1, max: 45 }), (keys, maxItems) => {
        const records = keys.map((k) => ({ ...k, TTL: 60, ResourceRecords: [{ Value: 'v' }] }));
        const zone = zoneOf(records);
        const seen: ResourceRecordSet[] = [];
        let page = zone.list({ MaxItems: maxItems });
        for (;;) {
          expect(page.ResourceRecordSets.length).toBeLessThanOrEqual(maxItems);
          seen.push(...page.ResourceRecordSets);
          if (!page.IsTruncated) break;
          page = zone.list({
            StartRecordName: page.NextRecordName,
            StartRecordType: page.NextRecordType,
            StartRecordIdentifier: page.NextRecordIdentifier,
            MaxItems: maxItems,
          });
        }
        expect(seen).toEqual(zone.records());
        expect(seen.map((r) => recordKey(r))).toEqual(
          [...records].sort(listOrder).map((r) => recordKey(r)),
        );
      }),
    );
  });
});
