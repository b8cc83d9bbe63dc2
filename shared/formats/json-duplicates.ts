/*
 * Where a valid JSON text repeats a key within one object, for messages that
 * name each repeated key's path. A second pass, run only when readJson
 * (json-text.ts) has found that some key repeats.
 */

export interface Duplicate {
  /** `recordSets.ResourceRecordSets[3].Name`, as the validation messages write paths. */
  readonly path: string;
  /** Where the repeated key starts. */
  readonly offset: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** The offset of the quote closing the string opened at `start`, or -1. */
export function stringEnd(text: string, start: number): number {
  for (let from = start + 1; ;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let before = quote - 1;
    while (text.charCodeAt(before) === BACKSLASH) before--;
    if ((quote - 1 - before) % 2 === 0) return quote;
    from = quote + 1;
  }
}

function keyAt(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  if (!raw.includes('\\')) return raw;
  try {
    return String(JSON.parse(text.slice(start, end + 1)));
  } catch {
    return raw;
  }
}

/**
 * The open objects and arrays, one entry per level. Reused from level to
 * level, not allocated per object: a state file holds millions of objects.
 */
class Levels {
  depth = 0;
  readonly keys: (Set<string> | undefined)[] = [];
  readonly isObject: boolean[] = [];
  readonly expectsKey: boolean[] = [];
  readonly key: string[] = [];
  readonly index: number[] = [];

  open(object: boolean): void {
    const level = this.depth++;
    this.isObject[level] = object;
    this.expectsKey[level] = object;
    this.index[level] = 0;
    if (object) {
      const keys = this.keys[level];
      if (keys === undefined) this.keys[level] = new Set();
      else keys.clear();
    }
  }

  /** `recordSets.ResourceRecordSets[3].Name`, as the validation messages write paths. */
  pathTo(key: string): string {
    let path = '';
    for (let level = 0; level < this.depth - 1; level++) {
      if (this.isObject[level] !== true) path += `[${this.index[level] ?? 0}]`;
      else path += path === '' ? (this.key[level] ?? '') : `.${this.key[level] ?? ''}`;
    }
    return path === '' ? key : `${path}.${key}`;
  }
}

/** Every key repeated within one object of a valid JSON text of bounded depth, with its path. */
export function duplicatesIn(text: string): Duplicate[] {
  const levels = new Levels();
  const duplicates: Duplicate[] = [];
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (char === QUOTE) {
      const end = stringEnd(text, at);
      const top = levels.depth - 1;
      if (top >= 0 && levels.expectsKey[top] === true) {
        const key = keyAt(text, at, end);
        const keys = levels.keys[top];
        if (keys?.has(key) === true) duplicates.push({ path: levels.pathTo(key), offset: at });
        else keys?.add(key);
        levels.key[top] = key;
        levels.expectsKey[top] = false;
      }
      at = end;
    } else if (char === OPEN_BRACE || char === OPEN_BRACKET) levels.open(char === OPEN_BRACE);
    else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) levels.depth--;
    else if (char === COMMA && levels.depth > 0) {
      const top = levels.depth - 1;
      if (levels.isObject[top] === true) levels.expectsKey[top] = true;
      else levels.index[top] = (levels.index[top] ?? 0) + 1;
    }
  }
  return duplicates;
}
