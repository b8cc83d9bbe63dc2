import type { RebalancerSpec } from '../domain/spec.js';
import { readJson } from './json-text.js';

/*
 * What `npm run build` ships beside each function as rebalancer.json: the
 * configuration as the build validated and resolved it (defaults filled in,
 * names normalised, accounts and zones joined), marked with this format. The
 * functions run on it as it is: they neither parse YAML nor validate the
 * configuration a second time at a cold start, and never load that code.
 * Anything else at REBALANCER_CONFIG (a configuration file, or a spec of
 * another format) goes through the full loader (config/load.ts).
 */

/** Changed whenever RebalancerSpec changes shape, so that a spec of another build is loaded in full. */
export const BUILT_SPEC_FORMAT = 'route53-rebalancer spec 1';

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

/** The spec in `text` when it is a built spec of this format; undefined for anything else. */
export function builtSpecFrom(text: string): RebalancerSpec | undefined {
  const { problems, value } = readJson(text);
  if (problems.length > 0 || !isRecord(value) || value.format !== BUILT_SPEC_FORMAT)
    return undefined;
  const spec = value.spec;
  if (!isRecord(spec) || typeof spec.hostedZoneId !== 'string' || !Array.isArray(spec.services))
    return undefined;
  return spec as unknown as RebalancerSpec;
}
