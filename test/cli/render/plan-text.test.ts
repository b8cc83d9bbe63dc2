import { describe, expect, it } from 'vitest';
import { renderPlanText } from '../../../cli/render/plan-text.js';
import { plan } from '../../../shared/domain/plan/planner.js';
import type { Instance } from '../../../shared/domain/fleet/fleet.js';
import {
  instance,
  observation,
  OWNER,
  regionSpec,
  serviceSpec,
  spec,
} from '../../support/builders.js';
import { applyPlan, zoneWith } from '../../support/zone.js';

const EAST = 'us-east-2';
const WEST = 'us-west-2';
const both = serviceSpec({ regions: [regionSpec(EAST), regionSpec(WEST)] });
const east = [instance({ n: 1, zone: `${EAST}a` }), instance({ n: 2, zone: `${EAST}b` })];
const west = [instance({ n: 11, zone: `${WEST}a` })];
const names = new Map([
  [`api|${EAST}`, `${EAST}.api.example.com.`],
  [`api|${WEST}`, `${WEST}.api.example.com.`],
]);
const regions = (e: readonly Instance[], w: readonly Instance[]) =>
  new Map([
    [EAST, observation(EAST, e)],
    [WEST, observation(WEST, w)],
  ]);

function convergedRecords() {
  return applyPlan(
    zoneWith(),
    plan({ spec: spec([both]), records: [], regions: regions(east, west) }),
  ).records();
}

describe('the plan as text', () => {
  it('lists the records of ours that go, and those it may no longer touch', () => {
    const eastOnly = { ...both, regions: [regionSpec(EAST)] };
    const next = plan({
      spec: spec([eastOnly]),
      records: convergedRecords(),
      regions: regions(east, west),
    });
    const text = renderPlanText(next, names);
    expect(text).toContain(
      `records of ours no configured region claims (deleted):\n  api.example.com A ${OWNER}/${WEST}\n`,
    );
    expect(text).toContain(
      'records of ours under names no longer managed (left as they are; delete them by hand if they should go):\n' +
        `  ${WEST}.api.example.com A ${OWNER}/${west[0]?.id ?? ''}\n`,
    );
  });

  it('says so in the service line when the service fails open', () => {
    const stopped = (fleet: readonly Instance[]) =>
      fleet.map((i) => ({ ...i, state: 'stopped' as const }));
    const next = plan({
      spec: spec([both]),
      records: convergedRecords(),
      regions: regions(stopped(east), stopped(west)),
    });
    expect(renderPlanText(next, names).split('\n')[0]).toBe(
      'service api (api.example.com): FAIL OPEN',
    );
  });
});
