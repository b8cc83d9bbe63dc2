import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError } from '../../shared/domain/errors.js';

/** What `npm run build` and `npm run package` are asked for. */
export interface BuildOptions {
  /** The stage; serverless.yml's default is dev too. */
  readonly stage: string;
  /** The configuration file to validate and bundle. */
  readonly config: string;
  /** Where the bundles go; serverless.yml packages `dist/<name>/**`. */
  readonly outDir: string;
}

export const DEFAULT_STAGE = 'dev';
export const DEFAULT_CONFIG = 'rebalancer.yml';

/**
 * The configuration of a stage: `--config F` when given, else
 * `config/<stage>.yml` when it exists, else the default `rebalancer.yml`.
 */
export function configFor(
  stage: string,
  explicit: string | undefined,
  exists: (path: string) => boolean = existsSync,
): string {
  if (explicit !== undefined) return explicit;
  const perStage = `config/${stage}.yml`;
  return exists(perStage) ? perStage : DEFAULT_CONFIG;
}

// Serverless Framework's own rule for stage names (they name stacks, queues and functions).
const STAGE = /^[a-zA-Z0-9-]+$/;

/** `--stage S`, `--config F`, `--out D`, plus `--region R` for the caller that packages. */
export function parseBuildArgs(args: readonly string[]): BuildOptions & { region?: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        stage: { type: 'string' },
        config: { type: 'string' },
        out: { type: 'string' },
        region: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new InputError('arguments', [error instanceof Error ? error.message : String(error)]);
  }
  const stage = values.stage ?? DEFAULT_STAGE;
  if (!STAGE.test(stage))
    throw new InputError('--stage', [`expected letters, digits and -, got "${stage}"`]);
  return {
    stage,
    config: configFor(stage, values.config),
    outDir: values.out ?? 'dist',
    ...(values.region === undefined ? {} : { region: values.region }),
  };
}
