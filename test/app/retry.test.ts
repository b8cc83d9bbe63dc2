import { describe, expect, it } from 'vitest';
import { retryDelaySeconds, retryUnread } from '../../shared/app/retry.js';

const EAST = { service: 'api', region: 'us-east-2' };
const WEST = { service: 'api', region: 'eu-west-1' };
const schedule = { scope: [], reason: 'schedule', events: 1 };

describe('retryDelaySeconds', () => {
  it('doubles from 30 s and never exceeds the 900 s SQS allows a message to wait', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(retryDelaySeconds)).toEqual([
      30, 60, 120, 240, 480, 900, 900,
    ]);
  });
});

describe('retryUnread', () => {
  it('queues nothing when every region was read', () => {
    expect(retryUnread([schedule], [])).toEqual({ retries: [], givenUp: [] });
  });

  it('names only the unread units, whatever the items covered', () => {
    expect(retryUnread([schedule], [WEST]).retries).toEqual([
      {
        item: { scope: [WEST], reason: 'retry 1 of 4: eu-west-1 unread', events: 0, attempt: 1 },
        delaySeconds: 30,
      },
    ]);
  });

  it('counts each unit from the items that covered it, one retry item per count', () => {
    const old = { scope: [WEST], reason: 'retry 2 of 4: eu-west-1 unread', events: 0, attempt: 2 };
    const fresh = { scope: [{ region: 'us-east-2' }], reason: '1 alarm change', events: 1 };
    const decision = retryUnread([old, fresh], [EAST, WEST]);
    expect(decision.retries.map((r) => [r.item.scope, r.item.attempt, r.delaySeconds])).toEqual([
      [[EAST], 1, 30],
      [[WEST], 3, 120],
    ]);
  });

  it('gives a unit up at the fifth failed read, and one that came in past it at once', () => {
    const fourth = { scope: [WEST], reason: 'r', events: 0, attempt: 4 };
    const beyond = { scope: [EAST], reason: 'r', events: 0, attempt: 90 };
    expect(retryUnread([fourth, beyond], [WEST, EAST])).toEqual({
      retries: [],
      givenUp: [
        { ...WEST, attempts: 5 },
        { ...EAST, attempts: 91 },
      ],
    });
  });
});
