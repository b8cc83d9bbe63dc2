import type { HealthCheckAdapter } from '../aws/health-checks.js';
import { once } from './env.js';

/**
 * The health-check adapter, its module loaded at the first call: only a
 * configuration with health.route53 ever calls it, so a writer without one
 * never loads that code at a cold start (bench/cold-start.ts).
 */
export function lazyHealthChecks(load: () => Promise<HealthCheckAdapter>): HealthCheckAdapter {
  let loaded: HealthCheckAdapter | undefined;
  const adapter = once(async () => (loaded = await load()));
  return {
    listOwned: async (ownerId) => (await adapter()).listOwned(ownerId),
    create: async (check, ownerId) => (await adapter()).create(check, ownerId),
    delete: async (id) => (await adapter()).delete(id),
    statuses: async (ids) => (await adapter()).statuses(ids),
    checkerReports: async (id) => (await adapter()).checkerReports(id),
    calls: () => loaded?.calls() ?? { route53: 0, cloudWatch: 0 },
  };
}
