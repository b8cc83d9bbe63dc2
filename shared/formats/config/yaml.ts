import { ConfigError } from '../../domain/errors.js';
import { readYaml } from '../yaml-text.js';

/** YAML (or JSON, which is YAML) text as a plain value; throws one ConfigError with the line and column. */
export function parseYaml(text: string, source: string): unknown {
  // Merge keys (`<<: *defaults`) let services share settings; YAML 1.2 leaves them off by default.
  const { problem, value } = readYaml(text, { merge: true });
  if (problem !== undefined) throw new ConfigError(source, [problem]);
  return value;
}
