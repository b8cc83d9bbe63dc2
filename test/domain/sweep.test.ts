import { describe, expect, it } from 'vitest';
import { firstSlice, nextSlice } from '../../shared/domain/sweep.js';
import { regionSpec, serviceSpec, spec } from '../support/builders.js';

const config = spec([
  serviceSpec({ regions: [regionSpec('us-east-2'), regionSpec('eu-west-1')] }),
  serviceSpec({
    name: 'web',
    recordName: 'web.example.com.',
    regions: [
      regionSpec('eu-west-1', {}, 'web.example.com.'),
      regionSpec('ap-south-1', {}, 'web.example.com.'),
    ],
  }),
]);

describe('the scheduled reconcile in slices', () => {
  it('starts with the first region, every other configured region to follow once, in order', () => {
    expect(firstSlice(config, 'tick-1', 'scheduled reconcile')).toEqual({
      scope: [{ region: 'us-east-2' }],
      reason: 'scheduled reconcile: us-east-2',
      events: 1,
      sweep: { chain: 'tick-1', remaining: ['eu-west-1', 'ap-south-1'], orphans: false },
    });
  });

  it('each slice names the next, until the last, which ends the sweep when no orphan was seen', () => {
    const first = firstSlice(config, 'tick-1', 'scheduled reconcile');
    const slices = [first];
    for (let next = nextSlice(first, false); next !== undefined;) {
      slices.push(next.item);
      next = nextSlice(next.item, false);
    }
    expect(slices.map((s) => s.scope)).toEqual([
      [{ region: 'us-east-2' }],
      [{ region: 'eu-west-1' }],
      [{ region: 'ap-south-1' }],
    ]);
    expect(slices.map((s) => s.reason)).toEqual([
      'scheduled reconcile: us-east-2',
      'scheduled reconcile: eu-west-1',
      'scheduled reconcile: ap-south-1',
    ]);
  });

  it('deduplicates each slice by the chain and its region', () => {
    expect(
      nextSlice(firstSlice(config, 'tick-1', 'scheduled reconcile'), false)?.deduplicationId,
    ).toBe('tick-1:eu-west-1');
  });

  it('orphans seen by any slice end the sweep with one full reconcile, the only plan that may delete them', () => {
    const first = firstSlice(config, 'tick-1', 'scheduled reconcile');
    const second = nextSlice(first, true)?.item;
    expect(second?.sweep?.orphans).toBe(true);
    const third = second === undefined ? undefined : nextSlice(second, false)?.item;
    const last = third === undefined ? undefined : nextSlice(third, false);
    expect(last).toEqual({
      item: { scope: [], reason: 'scheduled reconcile: orphans', events: 0 },
      deduplicationId: 'tick-1:orphans',
    });
    expect(last === undefined ? 'none' : nextSlice(last.item, true)).toBeUndefined();
  });

  it('an item that is no slice has no next', () => {
    expect(
      nextSlice({ scope: [{ region: 'eu-west-1' }], reason: 'event', events: 1 }, true),
    ).toBeUndefined();
  });

  it('a configuration of no region is one full item', () => {
    expect(firstSlice(spec([]), 'tick-1', 'scheduled reconcile')).toEqual({
      scope: [],
      reason: 'scheduled reconcile',
      events: 1,
    });
  });
});
