import { describe, expect, it } from 'vitest';
import { memoryZone } from '../../shared/sim/memory-zone.js';
import { latency, weighted } from '../domain/dns/zone/fixtures.js';
import { zoneWith } from '../support/zone.js';

describe('memoryZone', () => {
  it('reads subtrees whole and names read alone without what lies below them', async () => {
    const records = [
      latency('api.example.com.', 'o/us-east-2', 'us-east-2'),
      weighted('us-east-2.api.example.com.', 'o/i-1', 1, ['192.0.2.1']),
      weighted('eu-west-1.api.example.com.', 'o/i-2', 1, ['192.0.2.2']),
    ];
    const zone = memoryZone(zoneWith(records));
    const read = await zone.readRecords(['us-east-2.api.example.com.'], ['api.example.com.']);
    expect(read.map((r) => r.Name).sort()).toEqual([
      'api.example.com.',
      'us-east-2.api.example.com.',
    ]);
  });
});
