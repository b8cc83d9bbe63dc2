import { describe, expect, it } from 'vitest';
import { managedRoots } from '../../shared/domain/plan/roots.js';
import { zoneReads } from '../../shared/domain/zone-reads.js';
import { regionSpec, serviceSpec, spec } from '../support/builders.js';

const config = spec([
  serviceSpec({ regions: [regionSpec('us-east-2'), regionSpec('eu-west-1')] }),
  serviceSpec({
    name: 'web',
    recordName: 'web.example.com.',
    regions: [
      regionSpec('us-east-2', { name: 'us-east-2.web.example.com.' }),
      regionSpec('eu-west-1', { name: 'eu-west-1.web.example.com.' }),
    ],
  }),
]);

describe('zoneReads', () => {
  it('the whole configuration reads every managed subtree', () => {
    expect(zoneReads(config, [])).toEqual({ roots: managedRoots(config), names: [] });
    expect(zoneReads(config)).toEqual({
      roots: ['api.example.com.', 'web.example.com.'],
      names: [],
    });
  });

  it('one region reads its regional subtrees and the latency names alone, not the other regions', () => {
    expect(zoneReads(config, [{ region: 'eu-west-1' }])).toEqual({
      roots: ['eu-west-1.api.example.com.', 'eu-west-1.web.example.com.'],
      names: ['api.example.com.', 'web.example.com.'],
    });
  });

  it('a service in one region reads that unit only', () => {
    expect(zoneReads(config, [{ service: 'web', region: 'us-east-2' }])).toEqual({
      roots: ['us-east-2.web.example.com.'],
      names: ['web.example.com.'],
    });
  });

  it('a service with every region in scope reads its latency subtree', () => {
    expect(zoneReads(config, [{ service: 'api' }])).toEqual({
      roots: ['api.example.com.'],
      names: [],
    });
  });
});
