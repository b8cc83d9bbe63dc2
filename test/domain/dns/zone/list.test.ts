import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, listOrderKey } from '../../../../shared/domain/dns/names.js';
import type { ResourceRecordSet } from '../../../../shared/domain/dns/records.js';
import { InputError } from '../../../../shared/domain/errors.js';
import type { HostedZone, ListPage } from '../../../../shared/domain/dns/zone/index.js';
import { batch, create, simple, weighted, zoneOf } from './fixtures.js';

const position = (r: ResourceRecordSet) => `${r.Name} ${r.Type} ${r.SetIdentifier ?? '-'}`;

/** Follows Next* until the end; every page must respect MaxItems. */
function pageThrough(zone: HostedZone, maxItems: number | string): ListPage[] {
  const pages: ListPage[] = [];
  let page = zone.list({ MaxItems: maxItems });
  pages.push(page);
  while (page.IsTruncated) {
    page = zone.list({
      StartRecordName: page.NextRecordName,
      StartRecordType: page.NextRecordType,
      StartRecordIdentifier: page.NextRecordIdentifier,
      MaxItems: maxItems,
    });
    pages.push(page);
  }
  return pages;
}

const weightedGroup = Array.from({ length: 7 }, (_, i) => weighted('www.example.com', `w${i}`, 1));
const mixed = [
  ...weightedGroup,
  simple('www.example.com', ['2001:db8::1'], { Type: 'AAAA' }),
  simple('example.com'),
  simple('a.example.com'),
  simple('a-b.example.com'),
  simple('b.a.example.com'),
  simple('zzz.example.com'),
];

describe('list order', () => {
  it('sorts by the reversed name with its dots, then type, then set identifier with none first', () => {
    const zone = zoneOf([
      weighted('www.example.com', 'b', 1),
      simple('b.a.example.com'),
      simple('www.example.com', ['2001:db8::1'], { Type: 'AAAA' }),
      simple('a-b.example.com'),
      weighted('www.example.com', 'a', 1),
      simple('example.com', ['ns-1.example.net.'], { Type: 'NS' }),
      simple('a.example.com'),
      simple('example.com'),
      simple('www.example.com', ['2001:db8::1'], { Type: 'AAAA', SetIdentifier: 'x', Weight: 1 }),
    ]);
    expect(zone.records().map(position)).toEqual([
      'example.com. A -',
      'example.com. NS -',
      // com.example.a-b. sorts before com.example.a. because '-' sorts before '.'.
      'a-b.example.com. A -',
      'a.example.com. A -',
      'b.a.example.com. A -',
      'www.example.com. A a',
      'www.example.com. A b',
      'www.example.com. AAAA -',
      'www.example.com. AAAA x',
    ]);
  });

  it('orders name keys exactly as compareNames does', () => {
    const label = fc.constantFrom('a', 'b', 'a-b', 'ab', 'www', '*', '0', 'z');
    const name = fc
      .array(label, { minLength: 0, maxLength: 4 })
      .map((labels) => [...labels, 'example', 'com', ''].join('.'));
    fc.assert(
      fc.property(name, name, (a, b) => {
        const byKey = Math.sign(
          listOrderKey(a) < listOrderKey(b) ? -1 : listOrderKey(a) > listOrderKey(b) ? 1 : 0,
        );
        expect(byKey).toBe(Math.sign(compareNames(a, b)));
      }),
    );
  });

  it('reflects an applied batch and ignores a rejected one', () => {
    const zone = zoneOf([simple('b.example.com')]);
    expect(zone.records().map((r) => r.Name)).toEqual(['b.example.com.']);
    expect(zone.apply(batch(create(simple('a.example.com'))))).toBeUndefined();
    expect(zone.records().map((r) => r.Name)).toEqual(['a.example.com.', 'b.example.com.']);
    expect(
      zone.apply(batch(create(simple('c.example.com')), create(simple('a.example.com')))),
    ).toBeDefined();
    expect(zone.list().ResourceRecordSets.map((r) => r.Name)).toEqual([
      'a.example.com.',
      'b.example.com.',
    ]);
  });

  it('returns copies that callers may reorder without harm', () => {
    const zone = zoneOf(mixed);
    zone.records().reverse();
    zone.list().ResourceRecordSets.reverse();
    expect(zone.records()[0]?.Name).toBe('example.com.');
  });

  it('lists the normalised names', () => {
    expect(zoneOf([simple('API.Example.COM')]).list().ResourceRecordSets[0]?.Name).toBe(
      'api.example.com.',
    );
  });
});

describe('list paging', () => {
  it('returns everything on one page by default', () => {
    const page = zoneOf(mixed).list();
    expect(page).toEqual({
      ResourceRecordSets: zoneOf(mixed).records(),
      IsTruncated: false,
      MaxItems: '300',
    });
  });

  it('names the first record left out, with its set identifier only when it has one', () => {
    const zone = zoneOf(mixed);
    expect(zone.list({ MaxItems: 4 })).toMatchObject({
      IsTruncated: true,
      NextRecordName: 'www.example.com.',
      NextRecordType: 'A',
      NextRecordIdentifier: 'w0',
      MaxItems: '4',
    });
    const beforeAaaa = zone.list({ MaxItems: 11 });
    expect(beforeAaaa.NextRecordType).toBe('AAAA');
    expect(beforeAaaa).not.toHaveProperty('NextRecordIdentifier');
  });

  it('treats the start as a cursor, not a filter', () => {
    const zone = zoneOf(mixed);
    const names = (params: Parameters<HostedZone['list']>[0]) =>
      zone.list(params).ResourceRecordSets.map(position);
    expect(names({ StartRecordName: 'a-a.example.com', MaxItems: 2 })).toEqual([
      'a-b.example.com. A -',
      'a.example.com. A -',
    ]);
    expect(
      names({
        StartRecordName: 'WWW.example.com',
        StartRecordType: 'A',
        StartRecordIdentifier: 'w5',
      }),
    ).toEqual([
      'www.example.com. A w5',
      'www.example.com. A w6',
      'www.example.com. AAAA -',
      'zzz.example.com. A -',
    ]);
    expect(names({ StartRecordName: 'www.example.com', StartRecordType: 'AAAA' })).toEqual([
      'www.example.com. AAAA -',
      'zzz.example.com. A -',
    ]);
    expect(names({ StartRecordName: 'zzzz.example.com' })).toEqual([]);
  });

  it('takes MaxItems as a number or a string and caps it at 300', () => {
    const many = Array.from({ length: 301 }, (_, i) => simple(`h${i}.example.com`));
    const zone = zoneOf(many);
    expect(zone.list({ MaxItems: '2' }).ResourceRecordSets).toHaveLength(2);
    const capped = zone.list({ MaxItems: 1000 });
    expect(capped.ResourceRecordSets).toHaveLength(300);
    expect(capped.MaxItems).toBe('300');
    expect(capped.IsTruncated).toBe(true);
  });

  it.each([0, -1, 1.5, 'x', ''])('refuses MaxItems %j', (maxItems) => {
    expect(() => zoneOf(mixed).list({ MaxItems: maxItems })).toThrow(InputError);
  });

  it('refuses a start type or identifier without the start name and type', () => {
    const zone = zoneOf(mixed);
    expect(() => zone.list({ StartRecordType: 'A' })).toThrow(InputError);
    expect(() =>
      zone.list({ StartRecordName: 'www.example.com', StartRecordIdentifier: 'w1' }),
    ).toThrow(InputError);
  });

  it('re-assembles records() from the pages for every MaxItems, a weighted group split between pages', () => {
    const zone = zoneOf(mixed);
    let splits = 0;
    for (let maxItems = 1; maxItems <= 300; maxItems++) {
      const pages = pageThrough(zone, String(maxItems));
      expect(pages.flatMap((p) => p.ResourceRecordSets)).toEqual(zone.records());
      for (const page of pages)
        expect(page.ResourceRecordSets.length).toBeLessThanOrEqual(maxItems);
      const split = pages.some(
        (p) =>
          p.IsTruncated && p.NextRecordIdentifier !== undefined && p.NextRecordIdentifier !== 'w0',
      );
      if (split) splits++;
    }
    expect(splits).toBeGreaterThan(0);
  });
});
