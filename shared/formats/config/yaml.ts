import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../../domain/errors.js';

/** YAML (or JSON, which is YAML) text as a plain value; throws one ConfigError with the line and column. */
export function parseYaml(text: string, source: string): unknown {
  const lines = new LineCounter();
  // Merge keys (`<<: *defaults`) let services share settings; YAML 1.2 leaves them off by default.
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: true });
  // Later errors are mostly echoes of the first; one precise line helps more.
  const first = document.errors[0];
  if (first !== undefined) {
    const { line, col } = lines.linePos(first.pos[0]);
    const reason = first.message.replace(/\s+/g, ' ').trim();
    throw new ConfigError(source, [`invalid YAML at ${line}:${col}: ${reason}`]);
  }
  if (document.contents === null) throw new ConfigError(source, ['the file is empty']);
  try {
    return document.toJS();
  } catch (error: unknown) {
    // toJS refuses alias bombs ("Excessive alias count") by throwing.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(source, [`invalid YAML: ${reason}`]);
  }
}
