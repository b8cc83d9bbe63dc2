import { ConfigError } from '../domain/errors.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { readJson } from './json-text.js';

/*
 * What `npm run build` ships beside each function as rebalancer.json: the
 * configuration as the build validated and resolved it (defaults filled in,
 * names normalised, accounts and zones joined), marked with this format. The
 * functions run on it as it is: they neither parse YAML nor validate the
 * configuration a second time at a cold start, and never load that code.
 * A configuration file at REBALANCER_CONFIG goes through the full loader
 * (config/load.ts) instead; a built spec of another format is refused.
 */

/** Every format's prefix; the number after it changes whenever RebalancerSpec changes shape. */
const FORMAT_PREFIX = 'route53-rebalancer spec ';
export const BUILT_SPEC_FORMAT = `${FORMAT_PREFIX}1`;

interface BuiltSpecFile {
  readonly format: typeof BUILT_SPEC_FORMAT;
  /** The configuration file it was built from, for a reader of the package. */
  readonly source: string;
  readonly spec: RebalancerSpec;
}

/** The file the build writes: JSON, which drops the spec's undefined fields (they read the same). */
export function builtSpecText(spec: RebalancerSpec, source: string): string {
  const file: BuiltSpecFile = { format: BUILT_SPEC_FORMAT, source, spec };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The spec in `text` when it is a built spec of this format; undefined for
 * anything else (a configuration file). A built spec of another format (a
 * package built by another version), or one cut short, is refused with one
 * message naming `source`: it cannot be read as a configuration either.
 */
export function builtSpecFrom(text: string, source = 'the built spec'): RebalancerSpec | undefined {
  const { problems, value } = readJson(text);
  if (problems.length > 0 || !isRecord(value)) return undefined;
  const { format } = value;
  if (
    typeof format === 'string' &&
    format.startsWith(FORMAT_PREFIX) &&
    format !== BUILT_SPEC_FORMAT
  )
    throw new ConfigError(source, [
      `written by another version's build (format "${format}"; this one reads "${BUILT_SPEC_FORMAT}"): build and deploy again`,
    ]);
  if (format !== BUILT_SPEC_FORMAT) return undefined;
  const spec = value.spec;
  if (!isRecord(spec) || typeof spec.hostedZoneId !== 'string' || !Array.isArray(spec.services))
    throw new ConfigError(source, [
      'spec: not a whole spec (no hostedZoneId or no services list): build and deploy again',
    ]);
  return spec as unknown as RebalancerSpec;
}
