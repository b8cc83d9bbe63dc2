import { describe, expect, it } from 'vitest';
import type { ResourceRecordSet } from '../../../../shared/domain/dns/records.js';
import { alias, batch, create, remove, simple, weighted, zoneOf } from './fixtures.js';

const strict = { strict: true };
const api = 'api.example.com.';
const regional = 'eu.api.example.com.';
const shard = 'shard-a.eu.api.example.com.';
const group = 'endpoint-a.eu.api.example.com.';

const latency = (target: string) =>
  alias(api, target, { SetIdentifier: 'eu', Region: 'eu-west-1' });
const weightedAlias = (name: string, target: string, id = 'a') =>
  alias(name, target, { SetIdentifier: id, Weight: 1 });

/** latency -> regional -> group: the three levels a grouped region uses. */
const threeLevels: ResourceRecordSet[] = [
  simple(group, ['192.0.2.1', '192.0.2.2']),
  weightedAlias(regional, group),
  latency(regional),
];

describe('alias depth (strict mode: Route 53 follows three levels of alias recursion)', () => {
  it('accepts a batch that builds latency -> regional -> group', () => {
    expect(zoneOf([], strict).apply(batch(...threeLevels.map(create)))).toBeUndefined();
  });

  it('rejects a batch that builds latency -> regional -> shard -> group, naming the path', () => {
    const fourLevels = [
      simple(group),
      weightedAlias(shard, group),
      weightedAlias(regional, shard),
      latency(regional),
    ];
    const rejection = zoneOf([], strict).apply(batch(...fourLevels.map(create)));
    expect(rejection?.code).toBe('InvalidChangeBatch');
    expect(rejection?.messages).toContain(
      `RRSet with DNS name ${api}, type A would be answered through more than 3 levels of alias recursion (${api} -> ${regional} -> ${shard} -> ${group}); Route 53 follows at most 3 (alias -> alias -> records)`,
    );
  });

  it('rejects a batch that deepens an existing tree from below', () => {
    const zone = zoneOf(threeLevels, strict);
    const deeper = [
      create(simple('endpoint-b.eu.api.example.com.')),
      remove(simple(group, ['192.0.2.1', '192.0.2.2'])),
      create(weightedAlias(group, 'endpoint-b.eu.api.example.com.')),
    ];
    const path = `${api} -> ${regional} -> ${group} -> endpoint-b.eu.api.example.com.`;
    expect(zone.apply(batch(...deeper))?.messages).toEqual(
      ['endpoint-b.eu.api.example.com.', group].map(
        (name) =>
          `RRSet with DNS name ${name}, type A would be answered through more than 3 levels of alias recursion (${path}); Route 53 follows at most 3 (alias -> alias -> records)`,
      ),
    );
    expect(zone.records()).toEqual(zoneOf(threeLevels).records());
  });

  it('rejects a new alias above a tree already three levels deep', () => {
    const www = alias('www.example.com.', api);
    expect(zoneOf(threeLevels, strict).apply(batch(create(www)))?.messages).toEqual([
      `RRSet with DNS name www.example.com., type A would be answered through more than 3 levels of alias recursion (www.example.com. -> ${api} -> ${regional} -> ${group}); Route 53 follows at most 3 (alias -> alias -> records)`,
    ]);
  });

  it('leaves alone a path that was already too deep and does not grow (not this batch`s doing)', () => {
    const above = [...threeLevels, alias('www.example.com.', api)];
    const zone = zoneOf(above, strict);
    const rewrite = [
      remove(simple(group, ['192.0.2.1', '192.0.2.2'])),
      create(simple(group, ['192.0.2.3'])),
    ];
    expect(zone.apply(batch(...rewrite))).toBeUndefined();
  });

  it('accepts a batch that makes a too deep path shallower', () => {
    const deep = [
      simple(group),
      weightedAlias(shard, group),
      weightedAlias(regional, shard),
      latency(regional),
    ];
    const flatten = [
      remove(weightedAlias(regional, shard)),
      create(weightedAlias(regional, group)),
      remove(weightedAlias(shard, group)),
    ];
    expect(zoneOf(deep, strict).apply(batch(...flatten))).toBeUndefined();
  });

  it('counts a weighted set by its deepest member', () => {
    const www = alias('www.example.com.', api);
    const mixed = [simple(group), weighted(regional, 'plain', 1), latency(regional)];
    // www -> api -> regional (records): three levels.
    expect(zoneOf(mixed, strict).apply(batch(create(www)))).toBeUndefined();
    // One alias member in the regional set makes it www -> api -> regional -> group.
    const deeper = [...mixed, weightedAlias(regional, group, 'to-group')];
    expect(zoneOf(deeper, strict).apply(batch(create(www)))?.code).toBe('InvalidChangeBatch');
  });

  it('rejects an alias loop as endlessly deep', () => {
    const a = 'a.example.com.';
    const b = 'b.example.com.';
    const zone = zoneOf([simple(a), simple(b)], strict);
    const loop = [remove(simple(b)), create(alias(b, a)), remove(simple(a)), create(alias(a, b))];
    expect(zone.apply(batch(...loop))?.messages[0]).toMatch(
      /^RRSet with DNS name [ab]\.example\.com\., type A would be answered through more than 3 levels of alias recursion \(.*…/,
    );
  });

  it('does not follow aliases into other zones', () => {
    const elb = alias(regional, 'my-lb.us-east-1.elb.amazonaws.com.', {
      AliasTarget: {
        HostedZoneId: 'Z35SXDOTRQ7X7K',
        DNSName: 'my-lb.us-east-1.elb.amazonaws.com.',
        EvaluateTargetHealth: true,
      },
    });
    const zone = zoneOf([], strict);
    expect(zone.apply(batch(create(elb), create(latency(regional))))).toBeUndefined();
  });

  it('is not a documented write-time rule, so the default zone accepts four levels', () => {
    const fourLevels = [
      simple(group),
      weightedAlias(shard, group),
      weightedAlias(regional, shard),
      latency(regional),
    ];
    expect(zoneOf([]).apply(batch(...fourLevels.map(create)))).toBeUndefined();
  });
});
