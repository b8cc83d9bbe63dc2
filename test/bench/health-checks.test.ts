import { describe, expect, it } from 'vitest';
import { exclusionFigures } from '../../bench/health-checks.js';

describe('the time-to-exclusion figure (examples/health-checks)', () => {
  it('with health checks, the last bad answer comes within interval x threshold + TTL of the crash', async () => {
    const f = await exclusionFigures();
    expect(f.boundSeconds).toBe(10 * 3 + 60);
    expect(f.withChecks.excluded).toBe(true);
    expect(f.withChecks.lastBadAfter).toBeLessThanOrEqual(f.boundSeconds);
  });

  it('without, the answers point to the crashed application until it is restarted, with more bad answers', async () => {
    const f = await exclusionFigures();
    expect(f.withoutChecks.excluded).toBe(false);
    expect(f.withoutChecks.lastBadAfter).toBe(f.withoutChecks.until - f.withoutChecks.at);
    expect(f.withoutChecks.answerSeconds).toBeGreaterThan(5 * f.withChecks.answerSeconds);
    expect(f.totals.withoutChecks).toBeGreaterThan(f.totals.withChecks);
  });
});
