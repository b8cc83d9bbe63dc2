import { describe, expect, it } from 'vitest';
import { lifecycleFigures, ratio } from '../../bench/lifecycle.js';

describe('the lifecycle bench', () => {
  it('leaves zero bad answers for every planned transition of the example, where state-change handling leaves some', async () => {
    const figures = await lifecycleFigures();
    const planned = figures.transitions.filter((t) => t.planned);
    expect(planned.map((t) => t.title)).toEqual([
      'api-prod scales in by 10 of its 30 instances',
      'api-prod scales out by 10, each booting for 90 s',
      'EC2 warns that Spot instance api-prod-04 will be interrupted in two minutes',
    ]);
    for (const t of planned) {
      expect(t.design, t.title).toBe(0);
      expect(t.today, t.title).toBeGreaterThan(1);
    }
    expect(figures.plannedTotal.design).toBe(0);
    expect(figures.plannedTotal.today).toBeCloseTo(32.04, 2);
    expect(figures.total.today).toBeCloseTo(36.18, 2);
    expect(figures.total.design).toBeCloseTo(4.14, 2);
  });

  it('prints the ratio, or that the design left none', () => {
    expect(ratio(36.18, 4.14)).toBe('8.7x');
    expect(ratio(20, 0)).toBe('none left');
    expect(ratio(0, 0)).toBe('-');
  });
});
