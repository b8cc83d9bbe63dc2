import { describe, expect, it } from 'vitest';
import { simulationStart, START } from '../../shared/sim/epoch.js';
import { instance, observation } from '../support/builders.js';

const regions = (...launchTimes: (string | undefined)[]) =>
  new Map([
    [
      'us-east-2',
      observation(
        'us-east-2',
        launchTimes.map((launchTime, n) => instance({ n: n + 1, launchTime })),
      ),
    ],
  ]);

describe('simulationStart', () => {
  it('is START when every instance was launched before it (or says nothing)', () => {
    expect(simulationStart(regions('2025-06-01T10:00:00Z', undefined))).toBe(START);
  });

  it('is the first whole hour after the latest launch, so a snapshot of today is not launched in the future', () => {
    expect(
      new Date(
        simulationStart(regions('2025-06-01T10:00:00Z', '2026-11-30T14:20:05Z')),
      ).toISOString(),
    ).toBe('2026-11-30T15:00:00.000Z');
  });

  it('ignores a launch time that is not a date', () => {
    expect(simulationStart(regions('not a date'))).toBe(START);
  });
});
