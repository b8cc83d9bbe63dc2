import { describe, expect, it } from 'vitest';
import { createHostedZone } from '../../shared/domain/dns/zone/index.js';
import { propagatingZone } from '../../shared/sim/propagation.js';

const record = (value: string) => ({
  Name: 'us-east-2.api.example.com.',
  Type: 'A',
  SetIdentifier: 'api-prod/i-1',
  Weight: 255,
  TTL: 60,
  ResourceRecords: [{ Value: value }],
});

describe('propagatingZone', () => {
  it('accepts a write at once, calls it INSYNC only after the delay, and shows it to resolvers from then', async () => {
    const clock = { now: 100 };
    const zone = createHostedZone({ zoneId: 'Z0EXAMPLE12345' }, []);
    const dns = propagatingZone(zone, () => clock.now, 30);
    const id = await dns.port.changeRecords({
      Changes: [{ Action: 'CREATE', ResourceRecordSet: record('3.16.40.101') }],
    });
    expect(await dns.port.readRecords(['api.example.com.'])).toHaveLength(1);
    clock.now = 129;
    expect(await dns.isInSync(id)).toBe(false);
    clock.now = 130;
    expect(await dns.isInSync(id)).toBe(true);
    expect(dns.history().map((h) => [h.visibleAt, h.records.length])).toEqual([
      [-Infinity, 0],
      [130, 1],
    ]);
  });

  it('does not wait for a change it never wrote', async () => {
    const dns = propagatingZone(createHostedZone({ zoneId: 'Z0EXAMPLE12345' }, []), () => 0, 30);
    expect(await dns.isInSync('/change/C0THER')).toBe(true);
  });
});
