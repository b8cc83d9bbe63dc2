import { describe, expect, it } from 'vitest';
import { createHostedZone } from '../../../../shared/domain/dns/zone/index.js';
import { applyOrThrow } from '../../../../shared/domain/dns/zone/index.js';
import { batch, create, remove, upsert, weighted, ZONE_ID } from './fixtures.js';

const www = 'www.example.com.';
const known = new Set(['hc-1']);
const zoneWith = (records = [weighted(www, 'a', 1, ['192.0.2.1'], { HealthCheckId: 'hc-gone' })]) =>
  createHostedZone({ zoneId: ZONE_ID, healthCheckIds: known }, records);

describe('health checks in the zone model', () => {
  it('accepts a record naming a check that exists', () => {
    const zone = zoneWith([]);
    expect(
      zone.apply(batch(create(weighted(www, 'a', 1, ['192.0.2.1'], { HealthCheckId: 'hc-1' })))),
    ).toBeUndefined();
    expect(zone.get(www, 'A', 'a')?.HealthCheckId).toBe('hc-1');
  });

  it.each([
    ['a CREATE', create],
    ['an UPSERT', upsert],
  ])('refuses %s naming a check that does not exist, in Route 53 wording', (_, action) => {
    const zone = zoneWith([]);
    const rejection = zone.apply(
      batch(action(weighted(www, 'b', 1, ['192.0.2.2'], { HealthCheckId: 'hc-missing' }))),
    );
    expect(rejection).toEqual({
      code: 'NoSuchHealthCheck',
      messages: ['No health check exists with the specified ID. (HealthCheckId hc-missing)'],
    });
    expect(zone.records()).toEqual([]);
  });

  it('refuses the whole batch, the valid changes with it', () => {
    const zone = zoneWith([]);
    expect(() => {
      applyOrThrow(
        zone,
        batch(
          create(weighted(www, 'a', 1, ['192.0.2.1'], { HealthCheckId: 'hc-1' })),
          create(weighted(www, 'b', 1, ['192.0.2.2'], { HealthCheckId: 'hc-missing' })),
        ),
      );
    }).toThrow('NoSuchHealthCheck: [No health check exists with the specified ID.');
    expect(zone.records()).toEqual([]);
  });

  it('lets a record naming a deleted check be deleted or detached', () => {
    const zone = zoneWith();
    const stale = weighted(www, 'a', 1, ['192.0.2.1'], { HealthCheckId: 'hc-gone' });
    expect(zone.clone().apply(batch(remove(stale)))).toBeUndefined();
    expect(zone.apply(batch(upsert(weighted(www, 'a', 1, ['192.0.2.1']))))).toBeUndefined();
  });

  it('judges no health check id when it is not told which exist', () => {
    const zone = createHostedZone({ zoneId: ZONE_ID });
    expect(
      zone.apply(batch(create(weighted(www, 'a', 1, ['192.0.2.1'], { HealthCheckId: 'any' })))),
    ).toBeUndefined();
  });
});
