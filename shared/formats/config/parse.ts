import type { RebalancerSpec } from '../../domain/spec.js';
import { configFromValue } from './load.js';
import { parseYaml } from './yaml.js';

/** Parses and validates configuration text (YAML, or JSON, which is YAML); throws one ConfigError listing every problem. */
export function parseConfig(text: string, source: string): RebalancerSpec {
  return configFromValue(parseYaml(text, source), source);
}
