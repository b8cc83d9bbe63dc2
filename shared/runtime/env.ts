import { resolve } from 'node:path';
import type { RebalancerSpec } from '../domain/spec.js';
import { InputError } from '../domain/errors.js';
import { loadConfig } from '../formats/config/load.js';
import { lambdaLogger, type LambdaLogger } from './logger.js';

/** Runs `make` once; later calls share its promise (a broken config stays broken until redeployed). */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

/** An environment variable that must be set, or a clear error naming it. */
export function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '')
    throw new InputError('environment', [`${name} is not set`]);
  return value;
}

/**
 * What every function needs: its logger and the configuration bundled with
 * it (REBALANCER_CONFIG, relative to LAMBDA_TASK_ROOT; default
 * rebalancer.yml), loaded and validated once per container.
 */
export function lambdaBasics(env: NodeJS.ProcessEnv): {
  logger: LambdaLogger;
  spec: () => Promise<RebalancerSpec>;
} {
  const logger = lambdaLogger();
  const spec = once(() =>
    loadConfig(resolve(env.LAMBDA_TASK_ROOT ?? '.', env.REBALANCER_CONFIG ?? 'rebalancer.yml')),
  );
  return { logger, spec };
}
