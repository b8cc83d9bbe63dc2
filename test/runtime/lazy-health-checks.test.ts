import { describe, expect, it, vi } from 'vitest';
import type { HealthCheckAdapter } from '../../shared/aws/health-checks.js';
import { lazyHealthChecks } from '../../shared/runtime/lazy-health-checks.js';

function fakeAdapter(): HealthCheckAdapter {
  let calls = 0;
  const counted =
    <T>(value: T) =>
    () => {
      calls++;
      return Promise.resolve(value);
    };
  return {
    listOwned: counted([]),
    create: counted('hc-new'),
    delete: counted('deleted' as const),
    statuses: counted(new Map([['hc-1', true]])),
    checkerReports: counted({ healthy: true, reports: [] }),
    calls: () => ({ route53: calls, cloudWatch: 0 }),
  };
}

describe('lazyHealthChecks', () => {
  it('loads nothing until the first call, then loads once and forwards every call', async () => {
    const load = vi.fn(() => Promise.resolve(fakeAdapter()));
    const lazy = lazyHealthChecks(load);
    expect(load).not.toHaveBeenCalled();
    expect(lazy.calls()).toEqual({ route53: 0, cloudWatch: 0 });

    const [owned, statuses] = await Promise.all([lazy.listOwned('prod'), lazy.statuses(['hc-1'])]);
    expect(owned).toEqual([]);
    expect(statuses).toEqual(new Map([['hc-1', true]]));
    await expect(lazy.create({} as never, 'prod')).resolves.toBe('hc-new');
    await expect(lazy.delete('hc-1')).resolves.toBe('deleted');
    await expect(lazy.checkerReports('hc-1')).resolves.toEqual({ healthy: true, reports: [] });

    expect(load).toHaveBeenCalledTimes(1);
    expect(lazy.calls()).toEqual({ route53: 5, cloudWatch: 0 });
  });

  it('fails the call, not the process, when the module cannot be loaded', async () => {
    const lazy = lazyHealthChecks(() => Promise.reject(new Error('cannot load')));
    await expect(lazy.listOwned('prod')).rejects.toThrow('cannot load');
    expect(lazy.calls()).toEqual({ route53: 0, cloudWatch: 0 });
  });
});
