import { describe, expect, it } from 'vitest';
import {
  badAnswers,
  lastBadAt,
  sumBadAnswers,
  type Resolution,
  type Serving,
} from '../../shared/sim/bad-answers.js';

const shares = (entries: Record<string, number>) => new Map(Object.entries(entries));
const down = (entries: Record<string, string>) => new Map(Object.entries(entries));

// Before t0 = 100 the records answer A and B equally; from t0 only B. A's instance dies at t0.
const removed: Resolution[] = [
  { from: -Infinity, shares: shares({ '10.0.0.1': 0.5, '10.0.0.2': 0.5 }) },
  { from: 100, shares: shares({ '10.0.0.2': 1 }) },
];
const diesAtT0: Serving[] = [{ from: 100, down: down({ '10.0.0.1': 'i-a' }) }];

describe('badAnswers', () => {
  it('counts an address removed when its instance died for TTL/2 answer-seconds per unit of share: the caches empty linearly', () => {
    expect(badAnswers(removed, diesAtT0, 60, 100, 400).answerSeconds).toBeCloseTo(0.5 * 30, 9);
    // Share 1: exactly TTL/2.
    const alone: Resolution[] = [
      { from: -Infinity, shares: shares({ '10.0.0.1': 1 }) },
      { from: 100, shares: new Map() },
    ];
    expect(badAnswers(alone, diesAtT0, 60, 0, 1000).answerSeconds).toBeCloseTo(30, 9);
    expect(badAnswers(alone, diesAtT0, 300, 0, 1000).answerSeconds).toBeCloseTo(150, 9);
  });

  it('integrates part of the tail exactly: 0.5 x (30 - 30^2/120) over the first 30 s', () => {
    expect(badAnswers(removed, diesAtT0, 60, 100, 130).answerSeconds).toBeCloseTo(11.25, 9);
    expect(badAnswers(removed, diesAtT0, 60, 130, 400).answerSeconds).toBeCloseTo(15 - 11.25, 9);
  });

  it('finds nothing before the instance dies, nor once the caches have emptied', () => {
    expect(badAnswers(removed, diesAtT0, 60, 0, 100).answerSeconds).toBe(0);
    expect(badAnswers(removed, diesAtT0, 60, 160, 1000).answerSeconds).toBe(0);
  });

  it('counts nothing when the address left the answers a TTL before its instance stopped serving', () => {
    const late: Serving[] = [{ from: 160, down: down({ '10.0.0.1': 'i-a' }) }];
    expect(badAnswers(removed, late, 60, 0, 1000).answerSeconds).toBe(0);
    const early: Serving[] = [{ from: 150, down: down({ '10.0.0.1': 'i-a' }) }];
    // From 150 to 160 the cached share of A falls from 1/6 to 0: 0.5 x 10 x (1/6) / 2.
    expect(badAnswers(removed, early, 60, 0, 1000).answerSeconds).toBeCloseTo(
      0.5 * (10 / 6) * 0.5,
      9,
    );
  });

  it('counts an instance that fails while it is answered as its share times the outage, whatever the TTL', () => {
    const steady: Resolution[] = [{ from: -Infinity, shares: shares({ a: 1 / 3, b: 2 / 3 }) }];
    const outage: Serving[] = [
      { from: 50, down: down({ a: 'i-a' }) },
      { from: 80, down: new Map() },
    ];
    for (const ttl of [0, 60, 300])
      expect(badAnswers(steady, outage, ttl, 0, 1000).answerSeconds).toBeCloseTo(10, 9);
  });

  it('counts a booting instance added to the answers as the cached share of it until it can serve', () => {
    // Visible from 100 with a quarter of the answers; it boots until 190; TTL 60.
    const added: Resolution[] = [
      { from: -Infinity, shares: shares({ b: 1 }) },
      { from: 100, shares: shares({ a: 0.25, b: 0.75 }) },
    ];
    const booting: Serving[] = [
      { from: 0, down: down({ a: 'i-new' }) },
      { from: 190, down: new Map() },
    ];
    // 100..160: the cached quarter grows linearly (7.5); 160..190: a full quarter (7.5).
    const result = badAnswers(added, booting, 60, 0, 1000);
    expect(result.answerSeconds).toBeCloseTo(15, 9);
    expect([...result.byInstance.keys()]).toEqual(['i-new']);
  });

  it('without caching (TTL 0) counts the fresh answers only', () => {
    expect(badAnswers(removed, diesAtT0, 0, 0, 1000).answerSeconds).toBe(0);
    const kept: Serving[] = [
      { from: 90, down: down({ '10.0.0.1': 'i-a' }) },
      { from: 100, down: new Map() },
    ];
    expect(badAnswers(removed, kept, 0, 0, 1000).answerSeconds).toBeCloseTo(5, 9);
  });

  it('adds measures up, per instance', () => {
    const a = badAnswers(removed, diesAtT0, 60, 100, 130);
    const b = badAnswers(removed, diesAtT0, 60, 130, 400);
    const sum = sumBadAnswers([a, b]);
    expect(sum.answerSeconds).toBeCloseTo(15, 9);
    expect(sum.byInstance.get('i-a')).toBeCloseTo(15, 9);
  });
});

describe('lastBadAt', () => {
  const down = new Map([['10.0.0.1', 'a']]);
  const resolutions = [
    {
      from: -Infinity,
      shares: new Map([
        ['10.0.0.1', 0.5],
        ['10.0.0.2', 0.5],
      ]),
    },
    { from: 40, shares: new Map([['10.0.0.2', 1]]) },
  ];
  it('ends when the last cached answer pointing to the instance expires', () => {
    const serving = [
      { from: 0, down: new Map<string, string>() },
      { from: 10, down },
    ];
    expect(lastBadAt(resolutions, serving, 60, { from: 10, to: 500 }, new Set(['a']))).toBe(100);
  });
  it('is undefined when no answer pointed to it, and ends at the window otherwise', () => {
    const serving = [{ from: 10, down }];
    expect(lastBadAt(resolutions, serving, 60, { from: 10, to: 500 }, new Set(['b']))).toBe(
      undefined,
    );
    expect(lastBadAt(resolutions, serving, 60, { from: 10, to: 70 }, new Set(['a']))).toBe(70);
  });
});
