import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { InputError } from '../domain/errors.js';

/*
 * What the configuration and the state file share: turning valibot issues into
 * one line per problem, `path: message`, in our words, never valibot's.
 */

/** An integer from min to max, in our words. */
export function integerBetween(min: number, max: number) {
  const message = `expected an integer from ${min} to ${max}`;
  return v.pipe(
    v.number(message),
    v.check((n) => Number.isInteger(n) && n >= min && n <= max, message),
  );
}

export const flag = v.boolean('expected true or false');

/** True for a mapping (arrays and null excluded: valibot's object schemas accept arrays). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The dotted path of an issue: keys joined by dots, array indices in brackets. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = String(item.key);
    path += item.type === 'array' ? `[${key}]` : path === '' ? key : `.${key}`;
  }
  return path;
}

/** One line per problem, `path: message`, duplicates removed. */
export function problemsFrom(issues: readonly v.BaseIssue<unknown>[] | undefined): string[] {
  const lines = (issues ?? []).map((issue) => {
    const path = issuePath(issue);
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  return [...new Set(lines)];
}

const inputError = (source: string, problems: string[]): Error => new InputError(source, problems);

/**
 * Validates `value` against `schema`; throws one InputError (or what `error`
 * builds) for `source` listing every problem as `path: message`, each path
 * prefixed by `prefix` when given.
 */
export function parseOrThrow<T extends v.GenericSchema>(
  schema: T,
  value: unknown,
  source: string,
  options: {
    readonly prefix?: string;
    readonly error?: (source: string, problems: string[]) => Error;
  } = {},
): v.InferOutput<T> {
  const result = v.safeParse(schema, value, { abortEarly: false });
  if (result.success) return result.output;
  const { prefix = '', error = inputError } = options;
  throw error(
    source,
    problemsFrom(result.issues).map((p) => (prefix === '' ? p : `${prefix}.${p}`)),
  );
}

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] ?? [];
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/** "unknown key", with the closest known key when it is at most two edits away. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (best === undefined || distance < best.distance)) {
      best = { key: candidate, distance };
    }
  }
  return best === undefined
    ? `unknown key (expected one of ${known.join(', ')})`
    : `unknown key (did you mean ${best.key}?)`;
}

/** One issue per key of a mapping that is not in `known`, each with the closest known key. */
export function unknownKeysCheck<TInput>(known: readonly string[]) {
  return v.rawCheck<TInput>(({ dataset, addIssue }) => {
    const value: unknown = dataset.value;
    if (!isPlainObject(value)) return;
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      addIssue({
        message: unknownKeyMessage(key, known),
        path: [{ type: 'object', origin: 'key', input: value, key, value: value[key] }],
      });
    }
  });
}

/**
 * A mapping with exactly these keys. Not v.strictObject: it stops at the first
 * unknown key of an object, and a user should see every one at once.
 */
export function strictMapping<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, 'expected a mapping'),
    v.looseObject(entries, 'required'),
    unknownKeysCheck(Object.keys(entries)),
  );
}

/** An object with at least these keys; others pass untouched (AWS output carries many more). */
export function looseMapping<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, 'expected an object'),
    v.looseObject(entries, 'required'),
  );
}

/** Reads a whole UTF-8 file; a file that cannot be read becomes `toError(one-line reason)`. */
export async function readInputFile(
  path: string,
  toError: (problem: string) => Error,
): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error: unknown) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT') throw toError('file not found');
    if (code === 'EISDIR') throw toError('is a directory, not a file');
    if (code === 'EACCES') throw toError('permission denied');
    throw toError(`cannot read: ${error instanceof Error ? error.message : String(error)}`);
  }
}
