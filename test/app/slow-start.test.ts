import { afterEach, describe, expect, it } from 'vitest';
import type { Instance } from '../../shared/domain/fleet/fleet.js';
import { READY_SINCE_TAG } from '../../shared/domain/fleet/slow-start.js';
import type { WorkItem } from '../../shared/domain/scope.js';
import { instance, ZONE_ID } from '../support/builders.js';
import { lifecycleWorld, REGION, type LifecycleWorld } from '../support/lifecycle-world.js';

/*
 * Slow start through the writer: reconcileQueued writes a ramp step, tags the
 * new instance with the ramp's start, and queues the next step through the
 * retry queue, which hands it back to the same writer.
 */

const NEW = 'i-0a4e7c1d9b2f3000b';
const schedule: WorkItem = { scope: [], reason: 'schedule', events: 1 };

let current: LifecycleWorld | undefined;
afterEach(() => {
  current?.world.route53.restore();
  current = undefined;
});

/** Two mature instances serving; then NEW launches and the schedule finds it. */
async function launched(slowStart = { windowSeconds: 240, steps: 4 }) {
  const w = lifecycleWorld({ ids: [], slowStart });
  current = w;
  await w.deliver(schedule);
  const fresh: Instance = instance({
    n: 200,
    id: NEW,
    launchTime: new Date(w.clock.now - 120_000).toISOString(),
  });
  w.world.fleets.set(REGION, [...(w.world.fleets.get(REGION) ?? []), fresh]);
  w.calls.retried.length = 0;
  const admitted = w.clock.now;
  await w.deliver(schedule);
  return { w, admitted };
}

/** EC2 now shows the tag the writer wrote. */
function showTag(w: LifecycleWorld, value: string): void {
  const fleet = w.world.fleets.get(REGION) ?? [];
  w.world.fleets.set(
    REGION,
    fleet.map((i) => (i.id === NEW ? { ...i, tags: { ...i.tags, [READY_SINCE_TAG]: value } } : i)),
  );
}

async function redeliver(w: LifecycleWorld, at: number): Promise<void> {
  const item = w.lastRetry().item;
  w.clock.now = at;
  await w.deliver(item);
}

describe('slow start through the writer', () => {
  it('writes step 1, tags the instance with its start, and queues step 2 one step later', async () => {
    const { w, admitted } = await launched();
    expect(w.weightOf(NEW)).toBe(51);
    expect(w.calls.tagged).toEqual([
      { instanceId: NEW, key: READY_SINCE_TAG, value: new Date(admitted).toISOString() },
    ]);
    expect(w.calls.retried).toHaveLength(1);
    expect(w.lastRetry()).toEqual({
      delaySeconds: 60,
      item: {
        scope: [{ service: 'api', region: REGION }],
        reason: `follow-up (slow start): next step of api in ${REGION}`,
        events: 0,
        duties: [{ kind: 'ramp', service: 'api', region: REGION, at: admitted + 60_000 }],
      },
    });
  });

  it('queues the next step in the hosted zone that wrote this one (its FIFO group)', async () => {
    const { w, admitted } = await launched();
    showTag(w, new Date(admitted).toISOString());
    const item = w.lastRetry().item;
    w.clock.now = admitted + 60_000;
    await w.deliver({ ...item, zone: ZONE_ID });
    expect(w.weightOf(NEW)).toBe(102);
    expect(w.lastRetry().item.zone).toBe(ZONE_ID);
  });

  it('steps up at each follow-up until the full weight, then queues nothing more', async () => {
    const { w, admitted } = await launched();
    showTag(w, new Date(admitted).toISOString());
    const seen: (number | undefined)[] = [];
    for (let step = 1; step <= 4; step++) {
      await redeliver(w, admitted + step * 60_000);
      seen.push(w.weightOf(NEW));
    }
    expect(seen).toEqual([102, 153, 204, 255]);
    expect(w.calls.retried).toHaveLength(4);
    expect(w.calls.tagged).toHaveLength(1);
  });

  it('queues no second chain when the schedule runs between steps and writes nothing', async () => {
    const { w, admitted } = await launched();
    showTag(w, new Date(admitted).toISOString());
    w.clock.now = admitted + 30_000;
    await w.deliver(schedule);
    expect(w.weightOf(NEW)).toBe(51);
    expect(w.calls.retried).toHaveLength(1);
  });

  it('queues a step beyond SQS’s 900 s again for the rest when it comes back early', async () => {
    const { w, admitted } = await launched({ windowSeconds: 3600, steps: 2 });
    showTag(w, new Date(admitted).toISOString());
    expect(w.weightOf(NEW)).toBe(85); // 1/3 of 255
    expect(w.lastRetry().delaySeconds).toBe(900);
    await redeliver(w, admitted + 900_000);
    expect(w.weightOf(NEW)).toBe(85);
    expect(w.calls.retried).toHaveLength(2);
    expect(w.lastRetry().delaySeconds).toBe(900);
    expect(w.lastRetry().item.duties).toEqual([
      { kind: 'ramp', service: 'api', region: REGION, at: admitted + 1_800_000 },
    ]);
    await redeliver(w, admitted + 1_800_000);
    expect(w.weightOf(NEW)).toBe(170);
  });

  it('ramps and tags nothing on a first deploy, where every instance is new', async () => {
    const w = lifecycleWorld({ ids: [NEW], slowStart: { windowSeconds: 240, steps: 4 } });
    current = w;
    await w.deliver(schedule);
    expect(w.weightOf(NEW)).toBe(255);
    expect(w.calls.tagged).toEqual([]);
    expect(w.calls.retried).toEqual([]);
  });

  it('still writes the records when the tag cannot be written, and says so', async () => {
    const w = lifecycleWorld({ ids: [], slowStart: { windowSeconds: 240, steps: 4 } });
    current = w;
    await w.deliver(schedule);
    w.world.fleets.set(REGION, [
      ...(w.world.fleets.get(REGION) ?? []),
      instance({ n: 200, id: NEW, launchTime: new Date(w.clock.now).toISOString() }),
    ]);
    w.controls.tagOutcomes.push(new Error('RequestLimitExceeded'));
    await expect(w.deliver(schedule)).resolves.toEqual([]);
    expect(w.weightOf(NEW)).toBe(51);
    expect(
      w.world.log.entries.find((e) => e.message === 'ready-since tag not written')?.level,
    ).toBe('warn');
    expect(w.calls.retried).toHaveLength(1);
  });
});
