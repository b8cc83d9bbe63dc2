import { ResourceRecordSetRegion } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import { LATENCY_REGIONS } from '../../../../shared/domain/dns/zone/index.js';
import type { ChangeBatch } from '../../../../shared/domain/dns/records.js';
import { alias, batch, create, latency, simple, weighted, zoneOf } from './fixtures.js';

const www = 'www.example.com';
const path = (index: number, field: string) =>
  `changeBatch.changes.${index}.member.resourceRecordSet.${field}`;

describe('field constraints (InvalidInput)', () => {
  it.each<[string, ChangeBatch, string]>([
    [
      'an empty batch',
      { Changes: [] },
      "1 validation error detected: Value '[]' at 'changeBatch.changes' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      'a weight above 255',
      batch(create(weighted(www, 'a', 256))),
      `1 validation error detected: Value '256' at '${path(1, 'weight')}' failed to satisfy constraint: Member must have value less than or equal to 255`,
    ],
    [
      'a negative weight, naming the change by its 1-based index',
      batch(create(weighted(www, 'a', 1)), create(weighted(www, 'b', -1))),
      `1 validation error detected: Value '-1' at '${path(2, 'weight')}' failed to satisfy constraint: Member must have value greater than or equal to 0`,
    ],
    [
      'a fractional weight',
      batch(create(weighted(www, 'a', 1.5))),
      `1 validation error detected: Value '1.5' at '${path(1, 'weight')}' failed to satisfy constraint: Member must be an integer`,
    ],
    [
      'a negative TTL',
      batch(create(simple(www, ['192.0.2.1'], { TTL: -1 }))),
      `1 validation error detected: Value '-1' at '${path(1, 'tTL')}' failed to satisfy constraint: Member must have value greater than or equal to 0`,
    ],
    [
      'a SetIdentifier of 129 characters',
      batch(create(weighted(www, 's'.repeat(129), 1))),
      `1 validation error detected: Value '${'s'.repeat(129)}' at '${path(1, 'setIdentifier')}' failed to satisfy constraint: Member must have length less than or equal to 128`,
    ],
    [
      'an empty SetIdentifier',
      batch(create(weighted(www, '', 1))),
      `1 validation error detected: Value '' at '${path(1, 'setIdentifier')}' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    ],
    [
      'a comment of 257 characters',
      { Comment: 'c'.repeat(257), Changes: [create(simple(www))] },
      `1 validation error detected: Value '${'c'.repeat(257)}' at 'changeBatch.comment' failed to satisfy constraint: Member must have length less than or equal to 256`,
    ],
  ])('rejects %s', (_, changes, message) => {
    expect(zoneOf().apply(changes)).toEqual({ code: 'InvalidInput', messages: [message] });
  });

  it('reports every violated constraint in one message, in batch order', () => {
    const rejection = zoneOf().apply(
      batch(create(weighted(www, 'a', 256)), create(weighted(www, 'b', -3))),
    );
    expect(rejection).toEqual({
      code: 'InvalidInput',
      messages: [
        `2 validation errors detected: Value '256' at '${path(1, 'weight')}' failed to satisfy constraint: Member must have value less than or equal to 255; Value '-3' at '${path(2, 'weight')}' failed to satisfy constraint: Member must have value greater than or equal to 0`,
      ],
    });
  });

  it('accepts the bounds themselves', () => {
    const zone = zoneOf();
    const changes = batch(
      create(weighted(www, 's'.repeat(128), 255)),
      create(weighted(www, 'b', 0)),
      create(simple('zero.example.com', ['192.0.2.1'], { TTL: 0 })),
    );
    expect(zone.apply({ ...changes, Comment: 'c'.repeat(256) })).toBeUndefined();
  });
});

describe('request shape (InvalidInput)', () => {
  const expected = (found: string, action: string, name: string, id: string) =>
    `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords]], but found ${found} in Change with [Action=${action}, Name=${name}, Type=A, SetIdentifier=${id}]`;

  it.each<[string, ChangeBatch, string]>([
    [
      'an alias that also has a TTL',
      batch(create(alias(www, 'app.example.com', { TTL: 60 }))),
      expected('more than one', 'CREATE', 'www.example.com.', 'null'),
    ],
    [
      'an alias that also has values',
      batch(create(alias(www, 'app.example.com', { ResourceRecords: [{ Value: '192.0.2.1' }] }))),
      expected('more than one', 'CREATE', 'www.example.com.', 'null'),
    ],
    [
      'a record with a TTL but no values',
      batch(create(weighted(www, 'a', 1, [], {}))),
      expected('none', 'CREATE', 'www.example.com.', 'a'),
    ],
    [
      'a record with values but no TTL',
      batch(create(simple(www, ['192.0.2.1'], { TTL: undefined }))),
      expected('none', 'CREATE', 'www.example.com.', 'null'),
    ],
    [
      'a weighted record without a SetIdentifier',
      batch(create(simple(www, ['192.0.2.1'], { Weight: 1 }))),
      "Invalid request: weighted record [name='www.example.com.', type='A'] must have a SetIdentifier",
    ],
    [
      'a latency record without a SetIdentifier',
      batch(create(simple(www, ['192.0.2.1'], { Region: 'us-east-1' }))),
      "Invalid request: latency record [name='www.example.com.', type='A'] must have a SetIdentifier",
    ],
    [
      'a simple record with a SetIdentifier',
      batch(create(simple(www, ['192.0.2.1'], { SetIdentifier: 's' }))),
      "Invalid request: record [name='www.example.com.', type='A', set-identifier='s'] has a SetIdentifier but no routing policy",
    ],
    [
      'a record with two routing policies',
      batch(create(latency(www, 's', 'us-east-1', { Weight: 1 }))),
      "Invalid request: record [name='www.example.com.', type='A', set-identifier='s'] sets more than one routing policy (Weight, Region)",
    ],
    [
      'a multivalue alias',
      batch(create(alias(www, 'app.example.com', { SetIdentifier: 'm', MultiValueAnswer: true }))),
      "Invalid request: alias record [name='www.example.com.', type='A', set-identifier='m'] cannot use multivalue answer routing",
    ],
  ])('rejects %s', (_, changes, message) => {
    expect(zoneOf().apply(changes)).toEqual({ code: 'InvalidInput', messages: [message] });
  });

  it('names the change with its normalised name and its action', () => {
    const rejection = zoneOf().apply({
      Changes: [{ Action: 'UPSERT', ResourceRecordSet: simple('WWW.Example.com', [], {}) }],
    });
    expect(rejection?.messages).toEqual([expected('none', 'UPSERT', 'www.example.com.', 'null')]);
  });

  it('reports one message per malformed change, in batch order, and applies none', () => {
    const zone = zoneOf();
    const rejection = zone.apply(
      batch(
        create(simple('ok.example.com')),
        create(simple(www, ['192.0.2.1'], { SetIdentifier: 's' })),
        create(alias(www, 'app.example.com', { TTL: 60 })),
      ),
    );
    expect(rejection?.messages).toHaveLength(2);
    expect(rejection?.messages[0]).toContain('has a SetIdentifier but no routing policy');
    expect(rejection?.messages[1]).toContain('but found more than one');
    expect(zone.records()).toEqual([]);
  });
});

describe('latency regions (InvalidInput)', () => {
  it("are exactly the installed SDK's ResourceRecordSetRegion enum, in its order", () => {
    expect([...LATENCY_REGIONS]).toEqual(Object.values(ResourceRecordSetRegion));
  });

  it.each(['us-east-3', 'eu-test-1', 'US-EAST-1', 'useast1'])(
    "rejects %s, with AWS's enum wording",
    (region) => {
      expect(zoneOf().apply(batch(create(latency(www, 'l', region))))).toEqual({
        code: 'InvalidInput',
        messages: [
          `1 validation error detected: Value '${region}' at '${path(1, 'region')}' failed to satisfy constraint: Member must satisfy enum value set: [${LATENCY_REGIONS.join(', ')}]`,
        ],
      });
    },
  );

  it('accepts every listed region, one latency record each', () => {
    const changes = LATENCY_REGIONS.map((region) => create(latency(www, region, region)));
    expect(zoneOf().apply(batch(...changes))).toBeUndefined();
  });
});
