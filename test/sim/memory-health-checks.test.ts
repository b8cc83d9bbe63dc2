/**
 * The in-memory health checks: the store's rules as the adapter shows them,
 * and the checker model's timings, every one computed by hand in the test.
 */
import { describe, expect, it } from 'vitest';
import { memoryHealthChecks } from '../../shared/sim/memory-health-checks.js';
import type { MemoryHealthChecksOptions } from '../../shared/sim/memory-health-checks.js';
import type {
  DesiredHealthCheck,
  HealthCheckConfig,
} from '../../shared/domain/health-checks/types.js';

function endpoint(
  address: string,
  interval: 10 | 30,
  threshold: number,
  inverted = false,
): HealthCheckConfig {
  return {
    kind: 'endpoint',
    type: 'HTTP',
    ipAddress: address,
    port: 80,
    resourcePath: '/health',
    searchString: undefined,
    requestInterval: interval,
    failureThreshold: threshold,
    regions: undefined,
    inverted,
  };
}

function check(ref: string, config: HealthCheckConfig, instanceId = ref): DesiredHealthCheck {
  return {
    subject: { service: 'api', region: 'us-east-2', instanceId },
    config,
    callerReference: ref,
  };
}

function world(
  up: MemoryHealthChecksOptions['up'],
  extra: Partial<MemoryHealthChecksOptions> = {},
) {
  let clock = 0;
  const checks = memoryHealthChecks({ now: () => clock, up, ...extra });
  return { checks, at: (t: number) => (clock = t) };
}

/** The model's status at each time. */
const timeline = (statusAt: (t: number) => boolean | undefined, times: number[]) =>
  times.map(statusAt);

describe('the checker model', () => {
  it('10 s x 3: down at 25 s, failing checks at 30, 40, 50, unhealthy from 50 s; no status before the first check at 10 s', async () => {
    const { checks } = world((_, t) => t < 25);
    const id = await checks.create(check('a', endpoint('192.0.2.1', 10, 3)), 'prod');
    expect(timeline((t) => checks.statusAt(id, t), [0, 9, 10, 30, 49, 50, 500])).toEqual([
      undefined,
      undefined,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('recovers as slowly: up again at 95 s, passing checks at 100, 110, 120, healthy from 120 s', async () => {
    const { checks } = world((_, t) => t < 25 || t >= 95);
    const id = await checks.create(check('a', endpoint('192.0.2.1', 10, 3)), 'prod');
    expect(timeline((t) => checks.statusAt(id, t), [50, 100, 119, 120])).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });

  it('one failed check among passing ones changes nothing', async () => {
    const { checks } = world((_, t) => t !== 30);
    const id = await checks.create(check('a', endpoint('192.0.2.1', 10, 2)), 'prod');
    expect(timeline((t) => checks.statusAt(id, t), [30, 40, 300])).toEqual([true, true, true]);
  });

  it('30 s x 1: down at 31 s, the check at 60 s fails and the status turns at 60 s', async () => {
    const { checks } = world((_, t) => t < 31);
    const id = await checks.create(check('a', endpoint('192.0.2.1', 30, 1)), 'prod');
    expect(timeline((t) => checks.statusAt(id, t), [30, 59, 60])).toEqual([true, true, false]);
  });

  it('counts from the check’s creation, not from zero', async () => {
    const { checks, at } = world((_, t) => t < 100);
    at(95);
    const id = await checks.create(check('a', endpoint('192.0.2.1', 10, 2)), 'prod');
    // Checks at 105 (fails), 115 (fails): unhealthy from 115.
    expect(timeline((t) => checks.statusAt(id, t), [94, 104, 105, 114, 115])).toEqual([
      undefined,
      undefined,
      true,
      true,
      false,
    ]);
  });

  it('inverted turns the status over', async () => {
    const { checks } = world((_, t) => t < 25);
    const id = await checks.create(check('a', endpoint('192.0.2.1', 10, 3, true)), 'prod');
    expect(timeline((t) => checks.statusAt(id, t), [10, 49, 50])).toEqual([false, false, true]);
  });

  it('asks about each address separately, and answers an earlier time after a later one', async () => {
    const { checks } = world((address, t) => address !== '192.0.2.2' || t < 15);
    const a = await checks.create(check('a', endpoint('192.0.2.1', 10, 1)), 'prod');
    const b = await checks.create(check('b', endpoint('192.0.2.2', 10, 1)), 'prod');
    expect([checks.statusAt(a, 100), checks.statusAt(b, 100)]).toEqual([true, false]);
    expect(checks.statusAt(b, 10)).toBe(true);
  });

  it('a calculated check is healthy while at least healthThreshold children are', async () => {
    // Children down at 25, 45 and never: unhealthy (10 s x 1) from 30 and from 50.
    const downAt: Record<string, number> = {
      '192.0.2.1': 25,
      '192.0.2.2': 45,
      '192.0.2.3': Infinity,
    };
    const { checks } = world((address, t) => t < (downAt[address] ?? 0));
    const children = await Promise.all(
      ['192.0.2.1', '192.0.2.2', '192.0.2.3'].map((ip, i) =>
        checks.create(check(`c${i}`, endpoint(ip, 10, 1)), 'prod'),
      ),
    );
    const group = (inverted: boolean) => ({
      kind: 'calculated' as const,
      childIds: children,
      healthThreshold: 2,
      inverted,
    });
    const id = await checks.create(
      {
        ...check('g', group(false)),
        subject: { service: 'api', region: 'us-east-2', group: 'endpoint-a' },
      },
      'prod',
    );
    const inverted = await checks.create(check('gi', group(true)), 'prod');
    expect(timeline((t) => checks.statusAt(id, t), [0, 30, 49, 50])).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(checks.statusAt(inverted, 50)).toBe(true);
  });

  it('statuses reads the clock and leaves out checks without a status', async () => {
    const { checks, at } = world((_, t) => t < 25);
    const early = await checks.create(check('a', endpoint('192.0.2.1', 10, 1)), 'prod');
    at(20);
    const late = await checks.create(check('b', endpoint('192.0.2.2', 10, 1)), 'prod');
    at(29);
    expect([...(await checks.statuses([early, late, 'hc-unknown']))]).toEqual([[early, true]]);
    at(30);
    expect([...(await checks.statuses([early, late]))]).toEqual([
      [early, false],
      [late, false],
    ]);
  });
});

describe('the store', () => {
  it('a create with a known reference returns the first check, retagged; nothing new is made', async () => {
    const { checks } = world(() => true);
    const first = await checks.create(check('ref-1', endpoint('192.0.2.1', 10, 3), 'i-1'), 'prod');
    const again = await checks.create(check('ref-1', endpoint('192.0.2.1', 10, 3), 'i-2'), 'prod');
    expect(again).toBe(first);
    expect(checks.created()).toBe(1);
    expect((await checks.listOwned('prod'))[0]?.subject.instanceId).toBe('i-2');
  });

  it('never hands out another owner’s check, and lists only the owner’s', async () => {
    const { checks } = world(() => true);
    await checks.create(check('ref-1', endpoint('192.0.2.1', 10, 3)), 'staging');
    await expect(
      checks.create(check('ref-1', endpoint('192.0.2.1', 10, 3)), 'prod'),
    ).rejects.toThrow(
      'CreateHealthCheck failed: CallerReference ref-1 belongs to health check hc-sim-000001, tagged for owner staging: not touching it',
    );
    await expect(checks.listOwned('prod')).resolves.toEqual([]);
    expect(checks.all().map((c) => c.ownerId)).toEqual(['staging']);
  });

  it('refuses a deleted check’s reference, and a create past the quota', async () => {
    const { checks } = world(() => true, { quota: 1 });
    const id = await checks.create(check('ref-1', endpoint('192.0.2.1', 10, 3)), 'prod');
    await expect(checks.delete(id)).resolves.toBe('deleted');
    await expect(
      checks.create(check('ref-1', endpoint('192.0.2.1', 10, 3)), 'prod'),
    ).rejects.toThrow(/CallerReference ref-1 was used by a health check that no longer exists/);
    await checks.create(check('ref-2', endpoint('192.0.2.1', 10, 3)), 'prod');
    await expect(
      checks.create(check('ref-3', endpoint('192.0.2.1', 10, 3)), 'prod'),
    ).rejects.toThrow(
      "CreateHealthCheck failed: TooManyHealthChecks: the account's limit of 1 health checks is reached",
    );
    expect(checks.statusAt(id, 100)).toBeUndefined();
  });

  it('refuses to delete a check a record names, and remembers that it was asked; gone for an unknown id', async () => {
    const named = new Set<string>();
    const { checks } = world(() => true, { inUse: (id) => named.has(id) });
    const id = await checks.create(check('ref-1', endpoint('192.0.2.1', 10, 3)), 'prod');
    named.add(id);
    await expect(checks.delete(id)).resolves.toBe('in-use');
    named.delete(id);
    await expect(checks.delete(id)).resolves.toBe('deleted');
    await expect(checks.delete(id)).resolves.toBe('gone');
    expect(checks.deletesWhileInUse()).toEqual([id]);
  });
});
