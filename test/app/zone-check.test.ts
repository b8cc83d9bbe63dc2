import { describe, expect, it } from 'vitest';
import { checkZonePlacement } from '../../shared/app/zone-check.js';
import { zonePlacementProblems } from '../../shared/domain/dns/zone-placement.js';
import { ConfigError } from '../../shared/domain/errors.js';
import { regionSpec, serviceSpec, spec } from '../support/builders.js';

const inZone = spec([serviceSpec({ regions: [regionSpec('us-east-2')] })]);

describe('zonePlacementProblems', () => {
  it('accepts names at or below the zone Route 53 names, however it spells it', () => {
    expect(zonePlacementProblems(inZone, 'Example.COM.')).toEqual([]);
  });

  it('names every name outside the zone', () => {
    expect(zonePlacementProblems(inZone, 'example.org.')).toEqual([
      'service api: api.example.com is outside the hosted zone example.org',
      'service api, us-east-2: regional name us-east-2.api.example.com must lie below the hosted zone example.org',
    ]);
  });

  it('refuses a regional name at the zone apex', () => {
    const apex = spec([
      serviceSpec({ regions: [regionSpec('us-east-2', { name: 'api.example.com.' })] }),
    ]);
    expect(zonePlacementProblems(apex, 'api.example.com.')).toEqual([
      'service api, us-east-2: regional name api.example.com must lie below the hosted zone api.example.com',
    ]);
  });

  it('refuses a configured zoneName that is not the zone', () => {
    expect(zonePlacementProblems({ ...inZone, zoneName: 'example.net.' }, 'example.com.')).toEqual([
      'zoneName is example.net, but hosted zone Z0EXAMPLE12345 is example.com',
    ]);
  });
});

describe('checkZonePlacement', () => {
  it('asks Route 53 once and passes when the names fit', async () => {
    let asked = 0;
    await checkZonePlacement(inZone, () => {
      asked++;
      return Promise.resolve('example.com.');
    });
    expect(asked).toBe(1);
  });

  it('throws one ConfigError naming the zone and every misplaced name', async () => {
    const check = checkZonePlacement(inZone, () => Promise.resolve('example.org.'));
    await expect(check).rejects.toThrow(ConfigError);
    await expect(check).rejects.toThrow(/^hosted zone Z0EXAMPLE12345: 2 problems/);
  });
});
