/*
 * Where a text stops being JSON, for a one-line message. V8's messages carry a
 * position only for some errors, and otherwise quote the text, newlines included.
 */

const JSON_WHITESPACE = /[ \t\n\r]*/y;
// JSON strings may not hold raw control characters.
// eslint-disable-next-line no-control-regex
const JSON_STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
// eslint-disable-next-line no-control-regex
const JSON_STRING_START = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;
const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_LITERAL = /true|false|null/y;

/**
 * The offset of the first character that makes `json` invalid (its length at a
 * premature end).
 */
export function jsonErrorOffset(json: string): number {
  let at = 0;
  const eat = (token: RegExp): boolean => {
    token.lastIndex = at;
    const matched = token.test(json);
    if (matched) at = token.lastIndex;
    return matched;
  };
  const punctuation = (char: string): boolean => {
    eat(JSON_WHITESPACE);
    if (json[at] !== char) return false;
    at++;
    return true;
  };
  const string = (): boolean => {
    if (eat(JSON_STRING)) return true;
    // Point at the character that breaks the string, not at its opening quote.
    if (json[at] === '"') eat(JSON_STRING_START);
    return false;
  };
  const value = (): boolean => {
    if (punctuation('{')) {
      if (punctuation('}')) return true;
      do {
        eat(JSON_WHITESPACE);
        if (!string() || !punctuation(':') || !value()) return false;
      } while (punctuation(','));
      return punctuation('}');
    }
    if (punctuation('[')) {
      if (punctuation(']')) return true;
      do if (!value()) return false;
      while (punctuation(','));
      return punctuation(']');
    }
    if (json[at] === '"') return string();
    return eat(JSON_NUMBER) || eat(JSON_LITERAL);
  };
  if (value()) eat(JSON_WHITESPACE);
  return at;
}

/** `line 3, column 5`: where an offset of a text falls, both counted from 1. */
export function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    start = at + 1;
  }
  return `line ${line}, column ${offset - start + 1}`;
}

/**
 * One line saying where `json` stops being JSON: `not valid JSON: unexpected "}" at line 3, column 5`.
 * It recurses once per level of nesting, so callers bound the depth first (json-text.ts).
 */
export function jsonSyntaxProblem(json: string): string {
  const offset = jsonErrorOffset(json);
  const char = json[offset];
  const what = char === undefined ? 'end of input' : JSON.stringify(char);
  return `not valid JSON: unexpected ${what} at ${lineAndColumn(json, offset)}`;
}
