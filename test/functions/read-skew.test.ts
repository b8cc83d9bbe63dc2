import { afterEach, describe, expect, it } from 'vitest';
import { handleManual } from '../../functions/manual.js';
import { handleReconcile } from '../../functions/reconcile.js';
import { reconcile } from '../../shared/app/reconcile.js';
import type { Instance } from '../../shared/domain/fleet/fleet.js';
import { instance, OWNER, regionSpec, serviceSpec, spec } from '../support/builders.js';
import { sqsEvent } from '../support/sqs.js';
import { virtualTicks } from '../support/ticks.js';
import { testWorld, type TestWorld } from '../support/world.js';

/**
 * Issue 12, item 2: a manual invoke (A) and the queued reconcile (B) over the
 * same zone. A's reads are slow; B drains an instance and writes while A is
 * still reading. Read in parallel, A's fleet read (fast) missed the drain and
 * its zone read (slow) saw B's write, so compare-and-swap let A restore 254.
 */
const EAST = 'us-east-2';
const config = spec([serviceSpec({ regions: [regionSpec(EAST)] })]);
const small = instance({ n: 1, zone: 'us-east-2a' });
const large = instance({ n: 2, zone: 'us-east-2b', instanceType: 'm5.xlarge' });
const drained: Instance = { ...large, tags: { ...large.tags, 'rebalancer:drain': 'true' } };

let world: TestWorld;
afterEach(() => {
  world.route53.restore();
});

const weightOf = (id: string) =>
  world.route53.zone.get(`${EAST}.api.example.com.`, 'A', `${OWNER}/${id}`)?.Weight;

describe('a manual invoke racing the queued reconcile', () => {
  it.each([
    { zoneTicks: 3, fleetTicks: 1, conflicts: 0 },
    // B lands between A's zone read and its fleet read: A plans the drain too, from a stale zone; its batch fails whole.
    { zoneTicks: 1, fleetTicks: 3, conflicts: 1 },
  ])(
    'never restores a weight the queued reconcile drained while the manual invoke was reading (zone $zoneTicks ticks, fleet $fleetTicks)',
    async ({ zoneTicks, fleetTicks, conflicts }) => {
      world = testWorld({ [EAST]: [small, large] });
      const deps = { ...world.deps, spec: () => Promise.resolve(config) };
      await reconcile({ spec: config, reason: 'start' }, deps);
      expect(weightOf(large.id)).toBe(254);

      const ticks = virtualTicks();
      // Each read sees the world as it is when it ends.
      const slow = {
        ...deps,
        zone: { ...deps.zone, readRecords: ticks.slow(zoneTicks, deps.zone.readRecords) },
        readRegion: ticks.slow(fleetTicks, deps.readRegion),
      };
      const a = { settled: false };
      const manual = handleManual({}, slow).finally(() => {
        a.settled = true;
      });
      await ticks.advance();
      // B: the instance is drained, and the queued reconcile writes weight 0.
      world.fleets.set(EAST, [small, drained]);
      const work = sqsEvent(
        [{ scope: [{ region: EAST }], reason: 'drain', events: 1 }],
        'work.fifo',
      );
      expect(
        await handleReconcile(work, { ...deps, retry: { send: () => Promise.resolve() } }),
      ).toEqual({
        batchItemFailures: [],
      });
      expect(weightOf(large.id)).toBe(0);
      while (!a.settled && ticks.now() < 50) await ticks.advance();

      const response = await manual;
      expect(weightOf(large.id)).toBe(0);
      expect(weightOf(small.id)).toBe(255);
      expect(response.batchesWritten).toBe(0);
      expect(response.conflicts).toBe(conflicts);
      expect(response.summary.services[0]?.regions[0]?.status).toBe('unchanged');
    },
  );
});
