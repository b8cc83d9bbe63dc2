import { describe, expect, it } from 'vitest';
import type { ChangeBatch, ResourceRecordSet } from '../../../../shared/domain/dns/records.js';
import type { HostedZoneOptions } from '../../../../shared/domain/dns/zone/index.js';
import {
  alias,
  batch,
  cname,
  create,
  latency,
  remove,
  simple,
  upsert,
  weighted,
  zoneOf,
} from './fixtures.js';

const www = 'www.example.com.';
const app = 'app.example.com.';
const hundredWeighted = Array.from({ length: 100 }, (_, i) => weighted(www, `w${i}`, 1));

type Case = [
  string,
  readonly ResourceRecordSet[],
  ChangeBatch,
  readonly string[],
  Partial<HostedZoneOptions>?,
];

describe('per-change rules (InvalidChangeBatch)', () => {
  it.each<Case>([
    [
      'a name outside the zone',
      [],
      batch(create(simple('www.example.org'))),
      ['RRSet with DNS name www.example.org. is not permitted in zone example.com.'],
    ],
    [
      'a name that merely ends with the zone name',
      [],
      batch(create(simple('notexample.com'))),
      ['RRSet with DNS name notexample.com. is not permitted in zone example.com.'],
    ],
    [
      'an A value that is not an IPv4 address',
      [],
      batch(create(simple(www, ['300.1.1.1']))),
      [
        "Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '300.1.1.1''",
      ],
    ],
    [
      'each bad value of a record',
      [],
      batch(create(simple(www, ['1.2.3', '192.0.2.1', 'x']))),
      [
        "Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '1.2.3''",
        "Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with 'x''",
      ],
    ],
    [
      'an AAAA value that is not an IPv6 address',
      [],
      batch(create(simple(www, ['2001:db8::g'], { Type: 'AAAA' }))),
      [
        "Invalid Resource Record: 'FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '2001:db8::g''",
      ],
    ],
    [
      'a CREATE of an existing record',
      [simple(www)],
      batch(create(simple(www, ['192.0.2.2']))),
      [
        "Tried to create resource record set [name='www.example.com.', type='A'] but it already exists",
      ],
    ],
    [
      'a CREATE of an existing weighted record',
      [weighted(www, 'a', 1)],
      batch(create(weighted(www, 'a', 2))),
      [
        "Tried to create resource record set [name='www.example.com.', type='A', set-identifier='a'] but it already exists",
      ],
    ],
    [
      'a DELETE of a missing record',
      [],
      batch(remove(weighted(www, 'a', 1))),
      [
        "Tried to delete resource record set [name='www.example.com.', type='A', set-identifier='a'] but it was not found",
      ],
    ],
    [
      'a DELETE whose values differ from the current record',
      [simple(www, ['192.0.2.1'])],
      batch(remove(simple(www, ['192.0.2.2']))),
      [
        "Tried to delete resource record set [name='www.example.com.', type='A'] but the values provided do not match the current values",
      ],
    ],
    [
      'a DELETE whose TTL differs from the current record',
      [simple(www)],
      batch(remove(simple(www, ['192.0.2.1'], { TTL: 61 }))),
      [
        "Tried to delete resource record set [name='www.example.com.', type='A'] but the values provided do not match the current values",
      ],
    ],
    [
      'the second DELETE of the same record in one batch',
      [simple(www)],
      batch(remove(simple(www)), remove(simple(www))),
      [
        "Tried to delete resource record set [name='www.example.com.', type='A'] but it was not found",
      ],
    ],
    [
      'a simple record beside a weighted set',
      [weighted(www, 'a', 1)],
      batch(create(simple(www))),
      [
        'RRSet with DNS name www.example.com., type A cannot be created as other RRSets exist with the same name and type.',
      ],
    ],
    [
      'a weighted record beside a simple record',
      [simple(www)],
      batch(create(weighted(www, 'b', 1))),
      [
        'RRSet with DNS name www.example.com., type A, SetIdentifier b cannot be created as a non-weighted set exists with the same name and type.',
      ],
    ],
    [
      'a latency record beside a weighted set',
      [weighted(www, 'a', 1)],
      batch(create(latency(www, 'l', 'us-east-1'))),
      [
        'RRSet with DNS name www.example.com., type A, SetIdentifier l cannot be created as a non-latency set exists with the same name and type.',
      ],
    ],
    [
      'an UPSERT of a simple record beside a weighted set',
      [weighted(www, 'a', 1)],
      batch(upsert(simple(www))),
      [
        'RRSet with DNS name www.example.com., type A cannot be created as other RRSets exist with the same name and type.',
      ],
    ],
    [
      'a CNAME beside an A record',
      [simple(www)],
      batch(create(cname(www, 'elsewhere.example.net'))),
      [
        'RRSet of type CNAME with DNS name www.example.com. is not permitted as it conflicts with other records with the same DNS name in zone example.com.',
      ],
    ],
    [
      'an A record beside a CNAME',
      [cname(www, 'elsewhere.example.net')],
      batch(create(simple(www))),
      [
        'RRSet of type CNAME with DNS name www.example.com. is not permitted as it conflicts with other records with the same DNS name in zone example.com.',
      ],
    ],
    [
      'a CNAME conflict in a zone whose name is unknown, naming the zone by id',
      [simple(www)],
      batch(create(cname(www, 'elsewhere.example.net'))),
      [
        'RRSet of type CNAME with DNS name www.example.com. is not permitted as it conflicts with other records with the same DNS name in zone Z123.',
      ],
      { zoneName: undefined },
    ],
    [
      'a CNAME at the apex',
      [],
      batch(create(cname('example.com', 'elsewhere.example.net'))),
      [
        'RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com.',
      ],
    ],
    [
      'a second latency record for one region',
      [latency(www, 'a', 'us-east-2')],
      batch(create(latency(www, 'b', 'us-east-2'))),
      [
        'RRSet with DNS name www.example.com., type A, SetIdentifier b cannot be created as a latency record for region us-east-2 already exists with the same name and type.',
      ],
    ],
    [
      'a weighted record whose TTL differs from its set',
      [weighted(www, 'a', 1)],
      batch(create(weighted(www, 'b', 1, ['192.0.2.2'], { TTL: 300 }))),
      [
        'RRSet with DNS name www.example.com., type A, SetIdentifier b cannot be created as weighted sets must contain the same TTL.',
      ],
    ],
    [
      'an UPSERT that changes the TTL of one record of a weighted set',
      [weighted(www, 'a', 1), weighted(www, 'b', 1)],
      batch(upsert(weighted(www, 'a', 1, ['192.0.2.1'], { TTL: 300 }))),
      [
        'RRSet with DNS name www.example.com., type A, SetIdentifier a cannot be created as weighted sets must contain the same TTL.',
      ],
    ],
    [
      'a 101st weighted record',
      hundredWeighted,
      batch(create(weighted(www, 'w100', 1))),
      ['Exceeded limit on number of weighted RRSets for www.example.com., type A in this zone.'],
    ],
    [
      // Only a zone loaded as it is can hold 100: Route 53 lists 39 latency regions, one record each.
      'a 101st latency record',
      Array.from({ length: 100 }, (_, i) => latency(www, `l${i}`, `region-${i}`)),
      batch(create(latency(www, 'l100', 'us-east-1'))),
      ['Exceeded limit on number of latency RRSets for www.example.com., type A in this zone.'],
    ],
    [
      'an alias whose same-zone target does not exist',
      [],
      batch(create(alias(www, app))),
      [
        'Tried to create an alias that targets app.example.com., type A in zone Z123, but that target was not found',
      ],
    ],
    [
      'an alias whose target has only another type',
      [simple(app, ['2001:db8::1'], { Type: 'AAAA' })],
      batch(create(alias(www, app))),
      [
        'Tried to create an alias that targets app.example.com., type A in zone Z123, but that target was not found',
      ],
    ],
    [
      'an alias whose same-zone target lies outside the zone',
      [],
      batch(create(alias(www, 'app.example.org'))),
      [
        'Tried to create an alias that targets app.example.org., type A in zone Z123, but the alias target name does not lie within the target zone',
      ],
    ],
    [
      'an alias whose target is created after it in the batch',
      [],
      batch(create(alias(www, app)), create(simple(app))),
      [
        'Tried to create an alias that targets app.example.com., type A in zone Z123, but that target was not found',
      ],
    ],
    [
      'a conversion from simple to weighted that creates before it deletes',
      [simple(www)],
      batch(create(weighted(www, 'a', 1)), remove(simple(www))),
      [
        'RRSet with DNS name www.example.com., type A, SetIdentifier a cannot be created as a non-weighted set exists with the same name and type.',
      ],
    ],
    [
      'a TTL change of a weighted set with interleaved DELETEs and CREATEs',
      [weighted(www, 'a', 1), weighted(www, 'b', 2)],
      batch(
        remove(weighted(www, 'a', 1)),
        create(weighted(www, 'a', 1, ['192.0.2.1'], { TTL: 300 })),
        remove(weighted(www, 'b', 2)),
        create(weighted(www, 'b', 2, ['192.0.2.1'], { TTL: 300 })),
      ),
      [
        'RRSet with DNS name www.example.com., type A, SetIdentifier a cannot be created as weighted sets must contain the same TTL.',
      ],
    ],
  ])('rejects %s', (_, records, changes, messages, options = {}) => {
    const zone = zoneOf(records, options);
    const before = zone.records();
    expect(zone.apply(changes)).toEqual({ code: 'InvalidChangeBatch', messages });
    expect(zone.records()).toEqual(before);
  });
});

describe('per-change rules, happy paths', () => {
  it.each<[string, readonly ResourceRecordSet[], ChangeBatch, readonly ResourceRecordSet[]]>([
    [
      'a DELETE and a CREATE of the same key in one batch',
      [simple(www)],
      batch(remove(simple(www)), create(simple(www, ['192.0.2.9']))),
      [simple(www, ['192.0.2.9'])],
    ],
    [
      'a DELETE that lists the values in another order',
      [simple(www, ['192.0.2.1', '192.0.2.2'])],
      batch(remove(simple(www, ['192.0.2.2', '192.0.2.1']))),
      [],
    ],
    [
      'a conversion from simple to weighted that deletes first',
      [simple(www)],
      batch(remove(simple(www)), create(weighted(www, 'a', 1)), create(weighted(www, 'b', 2))),
      [weighted(www, 'a', 1), weighted(www, 'b', 2)],
    ],
    [
      'a TTL change of a whole weighted set with every DELETE first',
      [weighted(www, 'a', 1), weighted(www, 'b', 2)],
      batch(
        remove(weighted(www, 'a', 1)),
        remove(weighted(www, 'b', 2)),
        create(weighted(www, 'a', 1, ['192.0.2.1'], { TTL: 300 })),
        create(weighted(www, 'b', 2, ['192.0.2.1'], { TTL: 300 })),
      ),
      [
        weighted(www, 'a', 1, ['192.0.2.1'], { TTL: 300 }),
        weighted(www, 'b', 2, ['192.0.2.1'], { TTL: 300 }),
      ],
    ],
    [
      'an UPSERT that changes the TTL of a weighted set of one',
      [weighted(www, 'a', 1)],
      batch(upsert(weighted(www, 'a', 1, ['192.0.2.1'], { TTL: 300 }))),
      [weighted(www, 'a', 1, ['192.0.2.1'], { TTL: 300 })],
    ],
    ['an UPSERT that creates a missing record', [], batch(upsert(simple(www))), [simple(www)]],
    [
      'an UPSERT that moves a record to another routing policy',
      [weighted(www, 'a', 1)],
      batch(upsert(latency(www, 'a', 'us-east-1'))),
      [latency(www, 'a', 'us-east-1')],
    ],
    [
      'an UPSERT of a latency record that keeps its region',
      [latency(www, 'a', 'us-east-2')],
      batch(upsert(latency(www, 'a', 'us-east-2', { TTL: 30 }))),
      [latency(www, 'a', 'us-east-2', { TTL: 30 })],
    ],
    [
      'weighted records with one TTL and weighted aliases beside them',
      [simple(app)],
      batch(
        create(weighted(www, 'a', 1)),
        create(alias(www, app, { SetIdentifier: 'b', Weight: 1 })),
      ),
      [simple(app), weighted(www, 'a', 1), alias(www, app, { SetIdentifier: 'b', Weight: 1 })],
    ],
    [
      'a 100th weighted record',
      hundredWeighted.slice(1),
      batch(create(hundredWeighted[0] ?? weighted(www, 'w0', 1))),
      hundredWeighted,
    ],
    [
      'a weighted set of CNAMEs',
      [cname(www, 'a.example.net', { SetIdentifier: 'a', Weight: 1 })],
      batch(create(cname(www, 'b.example.net', { SetIdentifier: 'b', Weight: 1 }))),
      [
        cname(www, 'a.example.net', { SetIdentifier: 'a', Weight: 1 }),
        cname(www, 'b.example.net', { SetIdentifier: 'b', Weight: 1 }),
      ],
    ],
    [
      'an alias whose target is created earlier in the batch',
      [],
      batch(create(simple(app)), create(alias(www, app))),
      [simple(app), alias(www, app)],
    ],
    [
      'an alias into another hosted zone, which is not checked',
      [],
      batch(
        create(
          alias(www, 'my-lb-1.us-east-1.elb.amazonaws.com', { AliasTarget: elb('Z35SXDOTRQ7X7K') }),
        ),
      ),
      [alias(www, 'x', { AliasTarget: elb('Z35SXDOTRQ7X7K') })],
    ],
    [
      'a CNAME replacing an A record in one batch',
      [simple(www)],
      batch(remove(simple(www)), create(cname(www, 'elsewhere.example.net'))),
      [cname(www, 'elsewhere.example.net')],
    ],
  ])('accepts %s', (_, records, changes, after) => {
    const zone = zoneOf(records);
    expect(zone.apply(changes)).toBeUndefined();
    expect(zone.records()).toEqual(zoneOf(after).records());
  });
});

function elb(zoneId: string) {
  return {
    HostedZoneId: zoneId,
    DNSName: 'my-lb-1.us-east-1.elb.amazonaws.com.',
    EvaluateTargetHealth: true,
  };
}

describe('strict mode (the rebalancer invariant)', () => {
  const target = simple(app);
  const pointer = alias(www, app, { SetIdentifier: 'r', Region: 'us-east-1' });
  const strict = { strict: true };

  it('rejects a batch that deletes the last record an alias points at', () => {
    const zone = zoneOf([target, pointer], strict);
    expect(zone.apply(batch(remove(target)))).toEqual({
      code: 'InvalidChangeBatch',
      messages: [
        "Alias [name='www.example.com.', type='A', set-identifier='r'] would be left pointing at app.example.com., type A, which no longer exists (rebalancer invariant)",
      ],
    });
    expect(zone.records()).toEqual(zoneOf([target, pointer]).records());
  });

  it('names every stranded alias, in list order', () => {
    const other = alias('api.example.com', app);
    const zone = zoneOf([target, pointer, other], strict);
    expect(zone.apply(batch(remove(target)))?.messages).toEqual([
      "Alias [name='api.example.com.', type='A'] would be left pointing at app.example.com., type A, which no longer exists (rebalancer invariant)",
      "Alias [name='www.example.com.', type='A', set-identifier='r'] would be left pointing at app.example.com., type A, which no longer exists (rebalancer invariant)",
    ]);
  });

  it('lists stranded aliases in list order, whichever target the batch emptied first', () => {
    const db = simple('db.example.com');
    const toDb = alias('api.example.com', 'db.example.com');
    const zone = zoneOf([target, pointer, db, toDb], strict);
    expect(zone.apply(batch(remove(target), remove(db)))?.messages).toEqual([
      "Alias [name='api.example.com.', type='A'] would be left pointing at db.example.com., type A, which no longer exists (rebalancer invariant)",
      "Alias [name='www.example.com.', type='A', set-identifier='r'] would be left pointing at app.example.com., type A, which no longer exists (rebalancer invariant)",
    ]);
  });

  it('is not a Route 53 rule, so the default zone accepts the same batch', () => {
    expect(zoneOf([target, pointer]).apply(batch(remove(target)))).toBeUndefined();
  });

  it.each<[string, ChangeBatch]>([
    ['deletes the alias with its target', batch(remove(pointer), remove(target))],
    ['replaces the target', batch(remove(target), create(simple(app, ['192.0.2.7'])))],
    ['upserts the target', batch(upsert(simple(app, ['192.0.2.7'])))],
  ])('accepts a batch that %s', (_, changes) => {
    expect(zoneOf([target, pointer], strict).apply(changes)).toBeUndefined();
  });

  it('accepts deleting one record of a weighted target that keeps others', () => {
    const targets = [weighted(app, 'a', 1), weighted(app, 'b', 1)];
    const zone = zoneOf([...targets, pointer], strict);
    expect(zone.apply(batch(remove(weighted(app, 'a', 1))))).toBeUndefined();
  });
});
