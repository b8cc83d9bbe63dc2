import type { ZonePort } from '../app/ports.js';
import type { ReconcileDeps } from '../app/reconcile.js';
import { checkZonePlacement } from '../app/zone-check.js';
import { createEmfMetrics } from '../aws/emf-metrics.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { zoneSpecs } from '../domain/zones.js';
import { InputError } from '../domain/errors.js';
import { SIZING } from '../domain/fleet/sizing.js';
import { lambdaBasics, once } from './env.js';
import { accountAccess, liveAws, liveReconcileDeps, type LiveAws } from './live-aws.js';
import type { LambdaLogger } from './logger.js';

/**
 * The function's memory, which Lambda passes in AWS_LAMBDA_FUNCTION_MEMORY_SIZE
 * (MiB, 128 to 10240); outside Lambda (unset), no sizing check.
 */
export function memoryOf(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE;
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < SIZING.minMemoryMiB || value > SIZING.maxMemoryMiB)
    throw new InputError('environment', [
      `AWS_LAMBDA_FUNCTION_MEMORY_SIZE: ${JSON.stringify(text)} is not a memory size in MiB (${SIZING.minMemoryMiB} to ${SIZING.maxMemoryMiB})`,
    ]);
  return value;
}

/** What the writing functions (reconcile and manual) are given: the loop's ports and the config. */
export interface WriterDeps extends ReconcileDeps {
  readonly spec: () => Promise<RebalancerSpec>;
  /** The Route 53 port of each hosted zone of the configuration. */
  readonly zoneFor?: (hostedZoneId: string) => ZonePort;
}

/**
 * The writing functions' wiring, built once per container from the
 * environment: the bundled config (see lambdaBasics) and METRICS_NAMESPACE
 * (empty to publish none).
 */
export function writerEnvironment(env: NodeJS.ProcessEnv = process.env): {
  logger: LambdaLogger;
  deps: () => Promise<WriterDeps>;
  /** The same adapters, for what the reconcile does beyond the records. */
  aws: () => Promise<LiveAws>;
} {
  const { logger, spec } = lambdaBasics(env);
  const namespace =
    env.METRICS_NAMESPACE === '' ? undefined : (env.METRICS_NAMESPACE ?? 'Route53Rebalancer');
  const aws = once(async () => {
    const loaded = await spec();
    return liveAws(loaded.hostedZoneId, accountAccess(loaded), {
      // Never deleted: a person looks at it, so it is said each time it is listed.
      onUnreadableHealthCheck: (check) => {
        logger.log.log('warn', 'a health check with this ownerId cannot be read; left alone', {
          ...check,
        });
      },
    });
  });
  const deps = once(async () => {
    const metrics =
      namespace === undefined ? undefined : createEmfMetrics({ namespace, log: logger.log });
    const live = await aws();
    // Once per container and zone: names outside a hosted zone would only fail every batch.
    for (const one of zoneSpecs(await spec()))
      await checkZonePlacement(one, () => live.route53For(one.hostedZoneId).zoneName());
    return { ...liveReconcileDeps(live, logger.log, metrics), spec, memoryMiB: memoryOf(env) };
  });
  return { logger, deps, aws };
}
