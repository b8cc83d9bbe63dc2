/**
 * The zone model against the reference it replaced (test/.../reference/: keys
 * concatenated as strings, chains listed for every measure): for random zones
 * and random batches, the same verdicts, the same messages word for word (the
 * alias paths shown included), the same records and pages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  Change,
  ChangeAction,
  ResourceRecordSet,
} from '../../../../shared/domain/dns/records.js';
import type { HostedZone, HostedZoneOptions } from '../../../../shared/domain/dns/zone/index.js';
import { createHostedZone } from '../../../../shared/domain/dns/zone/index.js';
import { createHostedZone as createReferenceZone } from './reference/zone.js';

const ZONE_ID = 'Z123';
// Few names, so that records collide, aliases chain (deeper than three, and in loops) and CNAMEs conflict.
const NAMES = [
  'example.com.',
  'a.example.com.',
  'b.example.com.',
  'c.example.com.',
  'd.example.com',
  'E.example.com.',
];
const TYPES = ['A', 'A', 'A', 'AAAA', 'TXT', 'CNAME'];
const VALUES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  A: [['192.0.2.1'], ['192.0.2.2', '192.0.2.1'], ['192.0.2.1', '192.0.2.2']],
  AAAA: [['2001:db8::1']],
  TXT: [['"v=1"']],
  CNAME: [['target.example.net.']],
};
const BAD_VALUES = [['300.1.1.1'], ['2001:db8::zz'], [`"${'x'.repeat(256)}"`]];

/** Mostly `usual`; now and then `odd` (a name outside the zone, a value Route 53 refuses...). */
function rarely<T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 20, arbitrary: usual }, { weight: 1, arbitrary: odd });
}

const name = rarely(fc.constantFrom(...NAMES), fc.constant('outside.org.'));

const policy = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  { weight: 4, arbitrary: fc.constantFrom(0, 1, 10).map((Weight) => ({ Weight })) },
  { weight: 2, arbitrary: fc.constantFrom('us-east-1', 'eu-west-1').map((Region) => ({ Region })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('PRIMARY', 'SECONDARY').map((Failover) => ({ Failover })),
  },
  { weight: 1, arbitrary: fc.constant({ MultiValueAnswer: true }) },
);

const values = (type: string) =>
  fc
    .record({
      values: rarely(fc.constantFrom(...(VALUES[type] ?? [])), fc.constantFrom(...BAD_VALUES)),
      ttl: fc.constantFrom(60, 300),
    })
    .map(({ values: list, ttl }) => ({
      TTL: ttl,
      ResourceRecords: list.map((Value) => ({ Value })),
    }));

const aliasTarget = fc
  .record({
    zone: rarely(fc.constantFrom(ZONE_ID, '/hostedzone/Z123'), fc.constant('ZOTHER')),
    target: name,
    health: fc.boolean(),
  })
  .map(({ zone, target, health }) => ({
    AliasTarget: { HostedZoneId: zone, DNSName: target, EvaluateTargetHealth: health },
  }));

const record: fc.Arbitrary<ResourceRecordSet> = fc
  .record({
    name,
    type: fc.constantFrom(...TYPES),
    policy,
    id: fc.constantFrom('x', 'y', 'z'),
    // As the policy wants it, but now and then not: InvalidInput.
    wrongId: rarely(fc.constant(false), fc.constant(true)),
    isAlias: fc.boolean(),
    health: fc.option(rarely(fc.constant('hc-1'), fc.constant('hc-2')), { nil: undefined }),
  })
  .chain(({ name: at, type, policy: routing, id, wrongId, isAlias, health }) =>
    (isAlias ? aliasTarget : values(type)).map((body): ResourceRecordSet => {
      const routed = Object.keys(routing).length > 0;
      const multivalueAlias = isAlias && 'MultiValueAnswer' in routing;
      return {
        Name: at,
        Type: type,
        ...(routed !== wrongId && { SetIdentifier: id }),
        ...(!multivalueAlias && routing),
        ...body,
        ...(health !== undefined && { HealthCheckId: health }),
      };
    }),
  );

const change: fc.Arbitrary<Change> = fc
  .record({
    action: fc.constantFrom<ChangeAction>('CREATE', 'CREATE', 'UPSERT', 'DELETE'),
    record,
  })
  .map(({ action, record: r }) => ({ Action: action, ResourceRecordSet: r }));

const options: fc.Arbitrary<HostedZoneOptions> = fc.record(
  {
    zoneId: fc.constantFrom(ZONE_ID, '/hostedzone/Z123'),
    zoneName: fc.constant('example.com'),
    strict: fc.boolean(),
    healthCheckIds: fc.constant(new Set(['hc-1'])),
  },
  { requiredKeys: ['zoneId'] },
);

/** Records the zone starts with: Route 53's own, so unjudged (aliases may dangle or loop). */
const initial = fc.array(record, { maxLength: 12 });

const script = fc.array(
  fc.record({
    changes: fc.array(change, { minLength: 1, maxLength: 4 }),
    commit: fc.boolean(),
  }),
  { minLength: 1, maxLength: 6 },
);

function build(
  create: (options: HostedZoneOptions, records: ResourceRecordSet[]) => HostedZone,
  zoneOptions: HostedZoneOptions,
  records: ResourceRecordSet[],
): HostedZone | string {
  try {
    return create(zoneOptions, records);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function sameView(zone: HostedZone, reference: HostedZone): void {
  expect(zone.records()).toEqual(reference.records());
  expect(zone.list({ MaxItems: 2, StartRecordName: 'b.example.com.' })).toEqual(
    reference.list({ MaxItems: 2, StartRecordName: 'b.example.com.' }),
  );
  for (const at of NAMES)
    for (const type of ['A', 'CNAME'])
      for (const id of [undefined, 'x'])
        expect(zone.get(at, type, id)).toEqual(reference.get(at, type, id));
}

describe('zone model against the reference it replaced', () => {
  it('gives the same verdicts, messages, records and pages for random batches', () => {
    fc.assert(
      fc.property(options, initial, script, (zoneOptions, records, steps) => {
        const zone = build(createHostedZone, zoneOptions, records);
        const reference = build(createReferenceZone, zoneOptions, records);
        if (typeof zone === 'string' || typeof reference === 'string') {
          expect(zone).toEqual(reference);
          return;
        }
        sameView(zone, reference);
        for (const step of steps) {
          const batch = { Changes: step.changes };
          // A clone answers as its original: checked against the reference not yet changed.
          expect(zone.clone().apply(batch)).toEqual(reference.validate(batch));
          const verdict = step.commit ? zone.apply(batch) : zone.validate(batch);
          expect(verdict).toEqual(step.commit ? reference.apply(batch) : reference.validate(batch));
          sameView(zone, reference);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('gives the same depth verdicts and paths on alias chains', () => {
    // Only aliases and their end records among a handful of names: deep chains and loops are common.
    const names = [
      'a.example.com.',
      'b.example.com.',
      'c.example.com.',
      'd.example.com.',
      'e.example.com.',
    ];
    const chainRecord = fc
      .record({
        name: fc.constantFrom(...names),
        target: fc.option(fc.constantFrom(...names), { nil: undefined, freq: 4 }),
        id: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
      })
      .map(({ name, target, id }): ResourceRecordSet => ({
        Name: name,
        Type: 'A',
        ...(id !== undefined && { SetIdentifier: id, Weight: 1 }),
        ...(target === undefined
          ? { TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }] }
          : {
              AliasTarget: { HostedZoneId: ZONE_ID, DNSName: target, EvaluateTargetHealth: false },
            }),
      }));
    const chainChange = fc
      .record({
        action: fc.constantFrom<ChangeAction>('CREATE', 'UPSERT', 'DELETE'),
        record: chainRecord,
      })
      .map(({ action, record: r }): Change => ({ Action: action, ResourceRecordSet: r }));
    fc.assert(
      fc.property(
        fc.uniqueArray(chainRecord, {
          maxLength: 10,
          selector: (r) => `${r.Name}|${r.SetIdentifier ?? ''}`,
        }),
        fc.array(fc.array(chainChange, { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (records, batches) => {
          const zoneOptions = { zoneId: ZONE_ID, zoneName: 'example.com', strict: true };
          const zone = createHostedZone(zoneOptions, records);
          const reference = createReferenceZone(zoneOptions, records);
          for (const changes of batches) {
            expect(zone.apply({ Changes: changes })).toEqual(reference.apply({ Changes: changes }));
            expect(zone.records()).toEqual(reference.records());
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
