import { describe, expect, it } from 'vitest';
import type { ResourceRecordSet } from '../../../../shared/domain/dns/records.js';
import { batchSize, ROUTE53_LIMITS } from '../../../../shared/domain/dns/zone/index.js';
import { alias, batch, create, remove, simple, upsert, zoneOf } from './fixtures.js';

function addresses(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
}

const repeat = (count: number, value: string) => Array.from({ length: count }, () => value);

function txt(name: string, values: readonly string[]): ResourceRecordSet {
  return { Name: name, Type: 'TXT', TTL: 60, ResourceRecords: values.map((Value) => ({ Value })) };
}

describe('batchSize', () => {
  it('counts each value of a record as one record and sums their characters', () => {
    const size = batchSize(batch(create(simple('a.example.com', ['10.0.0.1', '10.0.0.22']))));
    expect(size).toEqual({ records: 2, characters: 17 });
  });

  it('counts an alias as one record with no characters', () => {
    expect(batchSize(batch(create(alias('a.example.com', 'b.example.com'))))).toEqual({
      records: 1,
      characters: 0,
    });
  });

  it('counts an UPSERT twice, as a DELETE plus a CREATE', () => {
    const record = simple('a.example.com', ['10.0.0.1', '10.0.0.2']);
    expect(batchSize(batch(upsert(record)))).toEqual({ records: 4, characters: 32 });
    expect(batchSize(batch(upsert(alias('b.example.com', 'a.example.com'))))).toEqual({
      records: 2,
      characters: 0,
    });
  });

  it('sums over every change of the batch, DELETEs included', () => {
    const record = simple('a.example.com', ['10.0.0.1']);
    expect(batchSize(batch(remove(record), create(record), upsert(record)))).toEqual({
      records: 4,
      characters: 32,
    });
  });
});

describe('batch limits', () => {
  const records = 'Number of records limit of 1000 exceeded.';
  const characters = 'RDATA character limit of 32000 exceeded.';

  it.each([
    ['1,000 values', batch(create(simple('a.example.com', addresses(1000)))), undefined],
    ['1,001 values', batch(create(simple('a.example.com', addresses(1001)))), [records]],
    ['an UPSERT of 500 values', batch(upsert(simple('a.example.com', addresses(500)))), undefined],
    ['an UPSERT of 501 values', batch(upsert(simple('a.example.com', addresses(501)))), [records]],
    [
      '32,000 characters',
      batch(create(txt('t.example.com', repeat(200, 'x'.repeat(160))))),
      undefined,
    ],
    [
      '32,001 characters',
      batch(create(txt('t.example.com', [...repeat(200, 'x'.repeat(160)), 'y']))),
      [characters],
    ],
    [
      'an UPSERT of 16,001 characters',
      batch(upsert(txt('t.example.com', [...repeat(100, 'x'.repeat(160)), 'y']))),
      [characters],
    ],
    [
      '1,001 values of 33 characters',
      batch(
        create(
          txt(
            't.example.com',
            Array.from(
              { length: 1001 },
              (_, i) => `${'x'.repeat(28)}${String(i).padStart(5, '0')}`,
            ),
          ),
        ),
      ),
      [records, characters],
    ],
  ])('applies the per-request quota to a batch of %s', (_, changes, messages) => {
    const rejection = zoneOf().apply(changes);
    expect(rejection).toEqual(messages && { code: 'InvalidChangeBatch', messages });
  });

  it('publishes the quotas it enforces', () => {
    expect(ROUTE53_LIMITS).toEqual({
      maxRecordsPerBatch: 1000,
      maxCharactersPerBatch: 32000,
      maxRecordsPerPolicyName: 100,
      maxListItems: 300,
      maxSetIdentifierLength: 128,
      maxWeight: 255,
      maxCommentLength: 256,
      maxLabelOctets: 63,
      maxNameOctets: 255,
      maxCharacterStringOctets: 255,
      maxAliasLevels: 3,
    });
  });
});
