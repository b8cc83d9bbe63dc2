import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { RebalancerSpec } from '../domain/spec.js';
import { InputError } from '../domain/errors.js';
import { builtSpecFrom } from '../formats/built-spec.js';
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
 * The spec at `path`: the build's (built-spec.ts) as it is, else the same
 * text validated as a configuration file by the full loader, loaded only
 * then. The file is read once; one that cannot be read is the loader's to
 * report, in its words.
 */
export async function loadSpec(path: string): Promise<RebalancerSpec> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  const built = text === undefined ? undefined : builtSpecFrom(text, path);
  if (built !== undefined) return built;
  const { configFromText, loadConfig } = await import('../formats/config/load.js');
  return text === undefined ? loadConfig(path) : configFromText(text, path);
}

/**
 * What every function needs: its logger and the configuration bundled with
 * it (REBALANCER_CONFIG, relative to LAMBDA_TASK_ROOT; default
 * rebalancer.yml), loaded once per container: the build's spec as it is, a
 * configuration file validated.
 */
export function lambdaBasics(env: NodeJS.ProcessEnv): {
  logger: LambdaLogger;
  spec: () => Promise<RebalancerSpec>;
} {
  const logger = lambdaLogger();
  const spec = once(() =>
    loadSpec(resolve(env.LAMBDA_TASK_ROOT ?? '.', env.REBALANCER_CONFIG ?? 'rebalancer.yml')),
  );
  return { logger, spec };
}
