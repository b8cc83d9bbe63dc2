import { duplicatesIn, stringEnd } from './json-duplicates.js';
import { jsonSyntaxProblem, lineAndColumn } from './json.js';

/*
 * JSON text as a user saved it, read the same way for the configuration and
 * the state file. JSON.parse copes with any depth, but our syntax-error locator
 * (and JSON.stringify, and YAML) recurse once per level, so nesting is bounded
 * before anything else reads the text. JSON.parse also keeps the last of two
 * equal keys without a word, which YAML refuses. Finding them costs little:
 * every colon outside a string separates a key from its value, so a file
 * without repeated keys has as many colons as its parsed objects have keys;
 * only when the two counts differ is the text scanned again, key by key, to
 * name each repeated key's path.
 */

/** Far deeper than anything the AWS CLI prints (about 10 levels) or a configuration needs. */
export const MAX_JSON_DEPTH = 64;

// A file with a thousand repeated keys needs the first few, not a thousand lines.
const MAX_REPORTED = 10;

export type JsonText =
  | { readonly problems: readonly []; readonly value: unknown }
  | { readonly problems: readonly string[]; readonly value: undefined };

const QUOTE = 34;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

const NONE = 0;
const STRING = 1;
const SEPARATOR = 2;
const OPENS = 3;
const CLOSES = 4;

/** What each ASCII character can start or end outside a string. */
const ROLE = new Uint8Array(128);
ROLE[QUOTE] = STRING;
ROLE[COLON] = SEPARATOR;
ROLE[OPEN_BRACE] = OPENS;
ROLE[OPEN_BRACKET] = OPENS;
ROLE[CLOSE_BRACE] = CLOSES;
ROLE[CLOSE_BRACKET] = CLOSES;

/**
 * One pass over the text, tolerant of text that is not JSON (the parse that
 * follows says what is wrong with it): the offset of the first bracket nested
 * deeper than MAX_JSON_DEPTH, and the number of colons outside strings.
 */
function measure(text: string): { readonly tooDeep: number | undefined; readonly colons: number } {
  let depth = 0;
  let colons = 0;
  for (let at = 0; at < text.length; at++) {
    // Most characters between strings are spaces, digits and commas: one lookup rules them out.
    const kind = ROLE[text.charCodeAt(at)] ?? NONE;
    if (kind === NONE) continue;
    if (kind === STRING) {
      at = stringEnd(text, at);
      if (at < 0) break;
    } else if (kind === SEPARATOR) colons++;
    else if (kind === OPENS) {
      if (++depth > MAX_JSON_DEPTH) return { tooDeep: at, colons };
    } else depth--;
  }
  return { tooDeep: undefined, colons };
}

/** How many keys the objects of a parsed value hold, all levels together. */
function keyCount(value: unknown): number {
  let count = 0;
  const pending: object[] = [];
  const visit = (child: unknown): void => {
    if (typeof child === 'object' && child !== null) pending.push(child);
  };
  visit(value);
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    if (Array.isArray(item)) {
      for (const element of item as unknown[]) visit(element);
      continue;
    }
    // JSON.parse builds plain objects: every enumerable key is an own one.
    for (const key in item) {
      count++;
      visit((item as Record<string, unknown>)[key]);
    }
  }
  return count;
}

/**
 * Parses JSON text into a plain value, or says in one line per problem why
 * not: nesting deeper than MAX_JSON_DEPTH, a syntax error, or repeated keys
 * (each with its path). A leading byte-order mark, which some Windows editors
 * write, is ignored.
 */
export function readJson(text: string): JsonText {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { tooDeep, colons } = measure(body);
  if (tooDeep !== undefined) {
    const where = lineAndColumn(body, tooDeep);
    return {
      problems: [`nested deeper than ${MAX_JSON_DEPTH} levels at ${where}`],
      value: undefined,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { problems: [jsonSyntaxProblem(body)], value: undefined };
  }
  if (keyCount(value) === colons) return { problems: [], value };
  const duplicates = duplicatesIn(body);
  // The counts differ only for a repeated key; should they differ otherwise, the value stands.
  if (duplicates.length === 0) return { problems: [], value };
  const problems = duplicates
    .slice(0, MAX_REPORTED)
    .map(({ path, offset }) => `${path}: duplicate key at ${lineAndColumn(body, offset)}`);
  if (duplicates.length > MAX_REPORTED) {
    problems.push(`and ${duplicates.length - MAX_REPORTED} more duplicate keys`);
  }
  return { problems, value: undefined };
}
