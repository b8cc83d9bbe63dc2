import { LineCounter, parseDocument } from 'yaml';

/*
 * YAML (or JSON, which is YAML) text as a plain value, read the same way for
 * the configuration and for scenarios: one precise line per problem, never the
 * parser's own exception.
 */

export type YamlText =
  | { readonly problem: undefined; readonly value: unknown }
  | { readonly problem: string; readonly value: undefined };

// The parser recurses once per level of flow nesting (`[[[...`) and reports
// running out of stack as a syntax error; say what it means.
function reasonOf(message: string): string {
  const reason = message.replace(/\s+/g, ' ').trim();
  return /Maximum call stack size exceeded/.test(reason) ? 'nested too deeply' : reason;
}

/**
 * The value of a YAML document, or one line saying why there is none: a
 * syntax error (the first: later ones mostly echo it) with its line and column,
 * a repeated key, an empty file, or an alias bomb.
 */
export function readYaml(text: string, options: { readonly merge?: boolean } = {}): YamlText {
  const lines = new LineCounter();
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    merge: options.merge ?? false,
  });
  const first = document.errors[0];
  if (first !== undefined) {
    const { line, col } = lines.linePos(first.pos[0]);
    return {
      problem: `invalid YAML at ${line}:${col}: ${reasonOf(first.message)}`,
      value: undefined,
    };
  }
  if (document.contents === null) return { problem: 'the file is empty', value: undefined };
  try {
    return { problem: undefined, value: document.toJS() };
  } catch (error: unknown) {
    // toJS refuses alias bombs ("Excessive alias count") by throwing.
    const reason = error instanceof Error ? error.message : String(error);
    return { problem: `invalid YAML: ${reasonOf(reason)}`, value: undefined };
  }
}
