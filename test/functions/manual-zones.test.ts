import { describe, expect, it } from 'vitest';
import { handleManual } from '../../functions/manual.js';
import { PRIVATE, PUBLIC, twoZoneWorld } from '../support/two-zones.js';

describe('the manual function with several hosted zones', () => {
  it('answers zone by zone, each written through its own port, and joins the answers', async () => {
    const { zones, deps } = twoZoneWorld();
    const response = await handleManual({}, deps);
    expect(response.zones?.map((z) => [z.zone, z.batchesWritten])).toEqual([
      [PUBLIC, 1],
      [PRIVATE, 1],
    ]);
    expect(response.batchesWritten).toBe(2);
    expect(response.summary.services.map((s) => s.name)).toEqual(['api', 'api', 'admin']);
    expect(
      zones
        .get(PUBLIC)
        ?.records()
        .some((r) => r.Name.startsWith('admin.')),
    ).toBe(false);
    expect(
      zones
        .get(PRIVATE)
        ?.records()
        .some((r) => r.Name.startsWith('admin.')),
    ).toBe(true);
  });

  it('reconciles only the zones a service is in', async () => {
    const { zones, deps } = twoZoneWorld();
    const response = await handleManual({ service: 'admin', dryRun: true }, deps);
    expect(response.zones?.map((z) => z.zone)).toEqual([PRIVATE]);
    expect(zones.get(PRIVATE)?.records()).toEqual([]);
  });
});
