import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../shared/domain/fleet/fleet.js';
import type { RegionStatus } from '../../../shared/domain/plan/plan.js';
import { plan } from '../../../shared/domain/plan/planner.js';
import type { ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import { instance, observation, regionSpec, serviceSpec, spec } from '../../support/builders.js';
import { applyPlan, zoneWith } from '../../support/zone.js';

/**
 * `safety.maxCapacityRemovedPercent`: a plan that stops routing to more of a
 * region's capacity than the limit is refused unless forced. Each row: the
 * capacities routed in us-east-2 before (instances converged in the zone), the
 * ones still routable after (the others stop; a `vanished` one is no longer
 * even listed), the limit, force, and what the planner then does and says.
 * us-west-2 keeps serving, so the service fails open only where a row says so.
 */
const EAST = 'us-east-2';
const WEST = 'us-west-2';
const CAPACITY_TAG = 'rebalancer:capacity';

const EVACUATED = `no healthy instance in ${EAST}: its latency record goes, users are answered by the next region`;
const FAIL_OPEN =
  'no healthy instance in any region of api: every record stays as it is (fail open) rather than routing to nothing';
const refused = (removed: string, limit: string) =>
  `would stop routing to ${removed} of ${EAST}'s capacity (limit ${limit}): refused; re-run with force to apply`;
const forced = (removed: string, limit: string) =>
  `would stop routing to ${removed} of ${EAST}'s capacity (limit ${limit}): forced`;

interface Row {
  readonly name: string;
  /** Capacity of each instance routed before; empty: nothing of ours in the zone yet. */
  readonly before: readonly number[];
  /** Capacity of each instance still running after, matched to `before` by value. */
  readonly after: readonly number[];
  /** maxCapacityRemovedPercent; undefined: no limit. */
  readonly limit: number | undefined;
  readonly force: boolean;
  /** The instances that go vanish from the read instead of stopping (their capacity is then unknown). */
  readonly vanish?: boolean;
  /** us-west-2 has nothing healthy either. */
  readonly westDown?: boolean;
  readonly status: RegionStatus;
  readonly reasons: readonly string[];
}

// One row per line, so the table reads as a table.
// prettier-ignore
const ROWS: readonly Row[] = [
  { name: 'nothing removed', before: [5, 3, 2], after: [5, 3, 2], limit: 1, force: false, status: 'unchanged', reasons: [] },
  { name: 'capacity added only', before: [5, 3], after: [5, 3, 2], limit: 1, force: false, status: 'changed', reasons: [] },
  { name: 'under the limit', before: [5, 3, 2], after: [5, 3], limit: 30, force: false, status: 'changed', reasons: [] },
  { name: 'exactly at the limit', before: [5, 3, 2], after: [5, 2], limit: 30, force: false, status: 'changed', reasons: [] },
  // 0.2 + 0.1 of 1.0 is 0.30000000000000004 in floating point: still at the limit.
  { name: 'exactly at the limit, in floating point', before: [0.7, 0.2, 0.1], after: [0.7], limit: 30, force: false, status: 'changed', reasons: [] },
  { name: 'over the limit', before: [5, 3, 2], after: [3, 2], limit: 30, force: false, status: 'refused', reasons: [refused('50%', '30%')] },
  { name: 'over the limit, forced', before: [5, 3, 2], after: [3, 2], limit: 30, force: true, status: 'changed', reasons: [forced('50%', '30%')] },
  { name: 'a third, over a limit of 33 %', before: [1, 1, 1], after: [1, 1], limit: 33, force: false, status: 'refused', reasons: [refused('33.3%', '33%')] },
  { name: 'a third, within a limit of 34 %', before: [1, 1, 1], after: [1, 1], limit: 34, force: false, status: 'changed', reasons: [] },
  { name: 'no limit', before: [5, 3, 2], after: [2], limit: undefined, force: false, status: 'changed', reasons: [] },
  { name: 'zero before: nothing routed yet', before: [], after: [5, 3, 2], limit: 1, force: false, status: 'changed', reasons: [] },
  { name: 'everything removed', before: [5, 3, 2], after: [], limit: 50, force: false, status: 'refused', reasons: [EVACUATED, refused('100%', '50%')] },
  { name: 'everything removed, forced', before: [5, 3, 2], after: [], limit: 50, force: true, status: 'evacuated', reasons: [EVACUATED, forced('100%', '50%')] },
  { name: 'everything removed, limit 100 %', before: [5, 3, 2], after: [], limit: 100, force: false, status: 'evacuated', reasons: [EVACUATED] },
  { name: 'everything removed, no limit', before: [5, 3, 2], after: [], limit: undefined, force: false, status: 'evacuated', reasons: [EVACUATED] },
  // A vanished instance counts at the average of those still known ((3 + 2) / 2), not its own 5: 2.5 of 7.5.
  { name: 'an instance gone from the read', before: [5, 3, 2], after: [3, 2], vanish: true, limit: 30, force: false, status: 'refused', reasons: [refused('33.3%', '30%')] },
  // Nothing healthy anywhere: the service fails open (and says so) rather than report a refusal that force could not lift.
  { name: 'fail open: no region of the service serves', before: [5, 3, 2], after: [], westDown: true, limit: 50, force: false, status: 'fail-open', reasons: [FAIL_OPEN] },
  { name: 'fail open, forced', before: [5, 3, 2], after: [], westDown: true, limit: 50, force: true, status: 'fail-open', reasons: [FAIL_OPEN] },
];

const eastInstance = (capacity: number, n: number): Instance =>
  instance({
    n,
    zone: `${EAST}${'abc'[n % 3] ?? 'a'}`,
    tags: { 'rebalancer:service': 'api', [CAPACITY_TAG]: String(capacity) },
  });
const west = [instance({ n: 900, zone: `${WEST}a` }), instance({ n: 901, zone: `${WEST}b` })];

/** The instances of `before` that are still there after: each capacity of `after` claims one of them. */
function survivors(fleet: readonly Instance[], after: readonly number[]): Set<Instance> {
  const left = new Set<Instance>();
  for (const capacity of after) {
    const match = fleet.find((i) => !left.has(i) && i.tags[CAPACITY_TAG] === String(capacity));
    if (match !== undefined) left.add(match);
  }
  return left;
}

function run(row: Row) {
  const service = serviceSpec({
    // The rows' capacities are the tags themselves: no bound from the instances' own size.
    capacity: { source: 'equal', overrideTag: CAPACITY_TAG, maxOverrideRatio: 1000 },
    regions: [regionSpec(EAST), regionSpec(WEST)],
    safety: { maxCapacityRemovedShare: row.limit === undefined ? undefined : row.limit / 100 },
  });
  const fleet = row.before.map((c, i) => eastInstance(c, 100 + i));
  const read = (east: readonly Instance[], westFleet: readonly Instance[]) =>
    new Map([
      [EAST, observation(EAST, east)],
      [WEST, observation(WEST, westFleet)],
    ]);
  const zone = zoneWith();
  const records: readonly ResourceRecordSet[] = applyPlan(
    zone,
    plan({ spec: spec([service]), records: [], regions: read(fleet, west) }),
  ).records();
  const kept = survivors(fleet, row.after);
  const added = row.after.slice(kept.size).map((c, i) => eastInstance(c, 200 + i));
  const east = [
    ...fleet.flatMap((i) =>
      kept.has(i) ? [i] : row.vanish === true ? [] : [{ ...i, state: 'stopped' as const }],
    ),
    ...added,
  ];
  const westAfter =
    row.westDown === true ? west.map((i) => ({ ...i, state: 'stopped' as const })) : west;
  return plan({ spec: spec([service]), records, regions: read(east, westAfter), force: row.force });
}

describe('the capacity-removal limit', () => {
  it.each(ROWS)('$name: $status', (row) => {
    const result = run(row);
    const region = result.services[0]?.regions.find((r) => r.region === EAST);
    expect({ status: region?.status, reasons: region?.reasons }).toEqual({
      status: row.status,
      reasons: row.reasons,
    });
    // Refused, failed open or unchanged: nothing of the region is written.
    const written = result.changeBatches
      .flatMap((b) => b.Changes)
      .filter(
        (c) => c.ResourceRecordSet.Name.includes(EAST) || c.ResourceRecordSet.Region === EAST,
      );
    if (row.status === 'refused' || row.status === 'fail-open' || row.status === 'unchanged')
      expect(written).toEqual([]);
    else expect(written).not.toEqual([]);
  });
});
