import { describe, expect, it } from 'vitest';
import { InputError, InvalidChangeBatchError } from '../../../../shared/domain/errors.js';
import { applyOrThrow, createHostedZone } from '../../../../shared/domain/dns/zone/index.js';
import {
  alias,
  batch,
  create,
  remove,
  simple,
  upsert,
  weighted,
  ZONE_ID,
  zoneOf,
} from './fixtures.js';

const www = 'www.example.com.';
const app = 'app.example.com.';

describe('createHostedZone', () => {
  it('strips the /hostedzone/ prefix from the zone id and normalises the zone name', () => {
    const zone = createHostedZone({ zoneId: '/hostedzone/Z123', zoneName: 'Example.COM' });
    expect(zone.zoneId).toBe('Z123');
    expect(zone.zoneName).toBe('example.com.');
  });

  it('leaves the zone name undefined when it is not given', () => {
    expect(createHostedZone({ zoneId: ZONE_ID }).zoneName).toBeUndefined();
  });

  it('takes the records it is given as they are, without judging them', () => {
    const dangling = alias(www, 'gone.example.com');
    expect(zoneOf([dangling]).records()).toEqual([
      { ...dangling, AliasTarget: { ...dangling.AliasTarget, DNSName: 'gone.example.com.' } },
    ]);
  });

  it('refuses two records with the same key', () => {
    expect(() => zoneOf([simple(www), simple('WWW.example.com')])).toThrow(InputError);
  });
});

describe('all or nothing', () => {
  const records = [simple(app), weighted(www, 'a', 1), weighted(www, 'b', 2)];

  it('leaves the zone exactly as it was when one change is bad, and reports every bad change in order', () => {
    const zone = zoneOf(records);
    const before = zone.records();
    const rejection = zone.apply(
      batch(
        remove(weighted(www, 'a', 1)),
        create(weighted(www, 'b', 5)),
        create(simple('new.example.com')),
        remove(simple('missing.example.com')),
        upsert(weighted(www, 'c', 3)),
      ),
    );
    expect(rejection).toEqual({
      code: 'InvalidChangeBatch',
      messages: [
        "Tried to create resource record set [name='www.example.com.', type='A', set-identifier='b'] but it already exists",
        "Tried to delete resource record set [name='missing.example.com.', type='A'] but it was not found",
      ],
    });
    expect(zone.records()).toEqual(before);
    expect(zone.get(www, 'A', 'a')).toEqual(weighted(www, 'a', 1));
    expect(zone.get(www, 'A', 'c')).toBeUndefined();
    expect(zone.get('new.example.com', 'A')).toBeUndefined();
  });

  it('keeps the record a rejected UPSERT would have replaced', () => {
    const zone = zoneOf(records);
    const rejection = zone.apply(batch(upsert(weighted(www, 'a', 1, ['192.0.2.1'], { TTL: 5 }))));
    expect(rejection?.code).toBe('InvalidChangeBatch');
    expect(zone.get(www, 'A', 'a')).toEqual(weighted(www, 'a', 1));
  });

  it('judges later changes against the state without the rejected ones', () => {
    const zone = zoneOf();
    const rejection = zone.apply(
      batch(create(simple(www, ['300.0.0.1'])), create(simple(www)), create(simple(www))),
    );
    expect(rejection?.messages).toEqual([
      "Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '300.0.0.1''",
      "Tried to create resource record set [name='www.example.com.', type='A'] but it already exists",
    ]);
  });

  it('throws the rejection from applyOrThrow and changes nothing', () => {
    const zone = zoneOf(records);
    const before = zone.records();
    let thrown: unknown;
    try {
      applyOrThrow(zone, batch(remove(simple('missing.example.com'))));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidChangeBatchError);
    expect(thrown).toMatchObject({
      code: 'InvalidChangeBatch',
      messages: [
        "Tried to delete resource record set [name='missing.example.com.', type='A'] but it was not found",
      ],
    });
    expect(zone.records()).toEqual(before);
  });

  it('applies an accepted batch through applyOrThrow', () => {
    const zone = zoneOf(records);
    applyOrThrow(zone, batch(remove(simple(app))));
    expect(zone.get(app, 'A')).toBeUndefined();
  });
});

describe('validate', () => {
  const records = [simple(app), weighted(www, 'a', 1)];

  it('never changes the zone, whether the batch is accepted or not', () => {
    const zone = zoneOf(records);
    const before = zone.records();
    expect(
      zone.validate(batch(remove(simple(app)), create(simple('x.example.com')))),
    ).toBeUndefined();
    expect(zone.records()).toEqual(before);
    expect(
      zone.validate(batch(remove(simple(app)), create(simple(app)), create(simple(app)))),
    ).toEqual({
      code: 'InvalidChangeBatch',
      messages: [
        "Tried to create resource record set [name='app.example.com.', type='A'] but it already exists",
      ],
    });
    expect(zone.records()).toEqual(before);
    expect(zone.get(app, 'A')).toEqual(simple(app));
  });

  it('answers what apply would answer', () => {
    const changes = batch(remove(simple(app)), create(alias('x.example.com', app)));
    const zone = zoneOf(records);
    expect(zone.validate(changes)).toEqual(zone.clone().apply(changes));
    expect(zone.validate(changes)).toEqual({
      code: 'InvalidChangeBatch',
      messages: [
        'Tried to create an alias that targets app.example.com., type A in zone Z123, but that target was not found',
      ],
    });
  });

  it('can be followed by an apply of the same batch', () => {
    const zone = zoneOf(records);
    const changes = batch(remove(weighted(www, 'a', 1)), create(weighted(www, 'a', 7)));
    expect(zone.validate(changes)).toBeUndefined();
    expect(zone.apply(changes)).toBeUndefined();
    expect(zone.get(www, 'A', 'a')?.Weight).toBe(7);
  });
});

describe('clone', () => {
  it('is independent of the zone it was cloned from, both ways', () => {
    const zone = zoneOf([simple(app)]);
    zone.records(); // let the clone inherit a cached order
    const copy = zone.clone();
    expect(copy.apply(batch(create(simple(www))))).toBeUndefined();
    expect(zone.apply(batch(remove(simple(app))))).toBeUndefined();
    expect(copy.records()).toEqual([simple(app), simple(www)]);
    expect(zone.records()).toEqual([]);
    expect(copy.zoneId).toBe(zone.zoneId);
    expect(copy.zoneName).toBe(zone.zoneName);
  });

  it('keeps the options, strict mode included', () => {
    const zone = zoneOf([simple(app), alias(www, app)], { strict: true });
    expect(zone.clone().apply(batch(remove(simple(app))))?.code).toBe('InvalidChangeBatch');
  });
});

describe('normalisation at the boundary', () => {
  it('stores names normalised and finds them by any spelling', () => {
    const zone = zoneOf([simple('API.Example.COM')]);
    expect(zone.records().map((r) => r.Name)).toEqual(['api.example.com.']);
    expect(zone.get('api.example.com', 'A')).toBeDefined();
    expect(zone.get('Api.Example.Com.', 'A')).toBeDefined();
  });

  it('matches a DELETE spelt differently from the stored record', () => {
    const zone = zoneOf([simple('api.example.com.'), simple('*.example.com.')]);
    expect(
      zone.apply(batch(remove(simple('API.Example.COM')), remove(simple('\\052.example.com')))),
    ).toBeUndefined();
    expect(zone.records()).toEqual([]);
  });

  it('reports a CREATE spelt differently from an existing record as a duplicate', () => {
    const zone = zoneOf([simple('*.example.com.')]);
    expect(zone.apply(batch(create(simple('\\052.Example.com'))))?.messages).toEqual([
      "Tried to create resource record set [name='*.example.com.', type='A'] but it already exists",
    ]);
  });

  it('normalises alias targets, both for the target check and for a DELETE', () => {
    const zone = zoneOf([simple(app)]);
    expect(zone.apply(batch(create(alias(www, 'APP.example.COM'))))).toBeUndefined();
    expect(zone.get(www, 'A')?.AliasTarget?.DNSName).toBe(app);
    expect(zone.apply(batch(remove(alias('WWW.example.com', 'app.example.com'))))).toBeUndefined();
  });

  it('treats an alias whose zone id has the /hostedzone/ prefix as a same-zone alias', () => {
    const pointer = alias(www, app, {
      AliasTarget: {
        HostedZoneId: `/hostedzone/${ZONE_ID}`,
        DNSName: app,
        EvaluateTargetHealth: false,
      },
    });
    expect(zoneOf().apply(batch(create(pointer)))?.messages).toEqual([
      'Tried to create an alias that targets app.example.com., type A in zone Z123, but that target was not found',
    ]);
  });
});
