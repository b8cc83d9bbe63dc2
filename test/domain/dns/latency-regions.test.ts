import { ResourceRecordSetRegion } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import { LATENCY_REGIONS, isLatencyRegion } from '../../../shared/domain/dns/latency-regions.js';

describe('LATENCY_REGIONS', () => {
  it("is the installed SDK's ResourceRecordSetRegion enum, in its order", () => {
    expect([...LATENCY_REGIONS]).toEqual(Object.values(ResourceRecordSetRegion));
  });

  it('holds exactly the listed regions', () => {
    expect(isLatencyRegion('us-east-2')).toBe(true);
    expect(isLatencyRegion('us-east-7')).toBe(false);
    expect(isLatencyRegion('US-EAST-2')).toBe(false);
  });
});
