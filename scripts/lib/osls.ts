import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The osls CLI of this project's node_modules (osls 4: Serverless Framework v3,
 * open source). It has no telemetry, no notifications and no login, and
 * `package` calls no AWS API: it runs offline, without credentials, and never
 * prompts.
 */
export const OSLS_BIN = join(
  dirname(createRequire(import.meta.url).resolve('osls/package.json')),
  'bin',
  'serverless.js',
);

/** Runs `osls <args>` in `cwd`, output passed through; returns its exit code. */
export function runOsls(args: readonly string[], cwd: string): number {
  const result = spawnSync(process.execPath, [OSLS_BIN, ...args], { cwd, stdio: 'inherit' });
  if (result.error !== undefined) throw result.error;
  return result.status ?? 1;
}
