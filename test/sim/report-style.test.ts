import { describe, expect, it } from 'vitest';
import type { HealthStatus } from '../../shared/domain/fleet/health.js';
import type { RegionStatus } from '../../shared/domain/plan/plan.js';
import { stylesheet } from '../../shared/sim/report/style.js';

/*
 * Every value the frames can carry, listed through Record<Union, true> so that a
 * status added to the domain fails to compile here until it is listed, and then
 * fails below until the report gives its badge a colour.
 */
const REGION_STATUSES: Record<RegionStatus, true> = {
  unchanged: true,
  changed: true,
  evacuated: true,
  skipped: true,
  refused: true,
  'fail-open': true,
};
const HEALTH_STATUSES: Record<HealthStatus, true> = {
  healthy: true,
  draining: true,
  impaired: true,
  alarm: true,
  'not-ready': true,
  'not-running': true,
  'no-address': true,
};

/** The selectors of the stylesheet's rules that set a colour. */
const coloured = new Set(
  [...stylesheet.matchAll(/([^{}]+)\{[^}]*(?<![\w-])color:/g)].flatMap(([, selectors]) =>
    (selectors ?? '').split(',').map((s) => s.trim()),
  ),
);

describe('the report stylesheet', () => {
  it.each(Object.keys(REGION_STATUSES))('colours the region status badge %s', (status) => {
    expect(coloured).toContain(`.status-${status}`);
  });

  it.each(Object.keys(HEALTH_STATUSES))('colours the health badge %s', (health) => {
    expect(coloured).toContain(`.health-${health}`);
  });
});
