import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { configFromValue } from '../../shared/formats/config/load.js';
import { parseYaml } from '../../shared/formats/config/yaml.js';
import { ConfigError } from '../../shared/domain/errors.js';
import { readInputFile } from '../../shared/formats/validation.js';
import { builtSpecText } from '../../shared/formats/built-spec.js';
import { BUNDLED_CONFIG, bundleFunctions, FUNCTIONS, METAFILE, type Bundle } from './bundle.js';
import { deployValuesWith, type DeployValues } from './deploy-values.js';
import type { BuildOptions } from './options.js';
import { writerNames, writerNamesSummary, type WriterNames } from './writer-policy.js';
import {
  writeZoneAccountTemplate,
  ZONE_ACCOUNT_TEMPLATE,
  zoneAccountSummary,
  type ZoneAccountOutcome,
} from './zone-account.js';
import {
  writeZoneRoleTemplates,
  zoneRoleSummary,
  type ZoneRoleOutcome,
} from './zone-account-roles.js';

export const DEPLOY_VALUES = 'deploy-values.json';

export interface BuildResult {
  readonly bundles: readonly Bundle[];
  readonly values: DeployValues;
  readonly names: WriterNames;
  /** The zone account's role template (dist/zone-account.json); undefined without zoneAccount. */
  readonly zoneAccount: ZoneAccountOutcome | undefined;
  /** The templates of the zones' own roles (dist/zone-account-<id>.json, `zones[].account`). */
  readonly zoneRoles: readonly ZoneRoleOutcome[];
}

/**
 * The build before every package or deploy: validate the stage's config (a
 * ConfigError listing every problem stops it before anything is written, and
 * so does a config whose names the writer roles' IAM policy cannot hold),
 * bundle each function, put the config beside each bundle, and write what
 * serverless.yml reads from the config, keyed by the stage it was built for,
 * and, with `zoneAccount` or `zones[].account`, the templates of the zones' roles.
 */
export async function buildAll(options: BuildOptions): Promise<BuildResult> {
  const text = await readInputFile(
    options.config,
    (problem) => new ConfigError(options.config, [problem]),
  );
  const value = options.config.endsWith('.json')
    ? (JSON.parse(text) as unknown)
    : parseYaml(text, options.config);
  const spec = configFromValue(value, options.config);
  const names = writerNames(spec, options.stage, options.config);
  const values = deployValuesWith(spec, options.config, names);
  // Only what a build writes goes: nothing stale is packaged, nothing else is touched.
  for (const entry of [...FUNCTIONS, METAFILE, DEPLOY_VALUES, ZONE_ACCOUNT_TEMPLATE])
    await rm(join(options.outDir, entry), { recursive: true, force: true });
  await mkdir(options.outDir, { recursive: true });
  const bundles = await bundleFunctions(options.outDir);
  // What the functions run on: the spec as validated here, so they need not validate it again.
  const bundled = builtSpecText(spec, basename(options.config));
  await Promise.all(bundles.map((b) => writeFile(join(b.dir, BUNDLED_CONFIG), bundled)));
  await writeFile(
    join(options.outDir, DEPLOY_VALUES),
    `${JSON.stringify({ [options.stage]: values }, null, 2)}\n`,
  );
  const zoneAccount = await writeZoneAccountTemplate(options.outDir, spec, values);
  const zoneRoles = await writeZoneRoleTemplates(options.outDir, spec, values);
  return { bundles, values, names, zoneAccount, zoneRoles };
}

/** What build and package print of a build: the config, the writers' names, the role templates. */
export function buildSummary(result: BuildResult, stage: string): string[] {
  return [
    `${result.values.config}: valid; built for stage ${stage}`,
    `  ${writerNamesSummary(result.names)}`,
    ...(result.zoneAccount === undefined ? [] : [`  ${zoneAccountSummary(result.zoneAccount)}`]),
    ...result.zoneRoles.map((role) => `  ${zoneRoleSummary(role)}`),
  ];
}
