import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, readJson } from '../../shared/formats/json-text.js';

describe('readJson', () => {
  it('reads JSON, a byte-order mark ignored', () => {
    expect(readJson('\uFEFF{"a": [1, {"b": null}]}')).toEqual({
      problems: [],
      value: { a: [1, { b: null }] },
    });
  });

  it('accepts nesting up to MAX_JSON_DEPTH levels, and refuses one more', () => {
    const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(readJson(nested(MAX_JSON_DEPTH)).problems).toEqual([]);
    expect(readJson(nested(MAX_JSON_DEPTH + 1)).problems).toEqual([
      'nested deeper than 64 levels at line 1, column 65',
    ]);
  });

  it('says where deep nesting starts even when the text is not JSON', () => {
    expect(readJson(`{\n "a": ${'{"b": '.repeat(1_000_000)}`).problems).toEqual([
      'nested deeper than 64 levels at line 2, column 385',
    ]);
  });

  it('does not count brackets, quotes or colons inside strings', () => {
    const text = '{"a": "[[[{:", "b": "x\\":y", "c\\\\": "\\\\"}';
    expect(readJson(text)).toEqual({ problems: [], value: { a: '[[[{:', b: 'x":y', 'c\\': '\\' } });
  });

  it('names each key given twice in one object, with its path', () => {
    const text = '{\n "a": [{"b": 1}, {"c": 1, "c": 2}],\n "d": 1, "d": 2\n}';
    expect(readJson(text).problems).toEqual([
      'a[1].c: duplicate key at line 2, column 27',
      'd: duplicate key at line 3, column 10',
    ]);
  });

  it('lets sibling objects use the same keys', () => {
    expect(readJson('[{"a": 1, "b": {"a": 2}}, {"a": 3}]').problems).toEqual([]);
  });

  it('compares keys as JSON reads them, escapes decoded', () => {
    expect(readJson('{"a": 1, "\\u0061": 2}').problems).toEqual([
      'a: duplicate key at line 1, column 10',
    ]);
  });

  it('lists the first ten repeated keys and counts the rest', () => {
    const text = `{${Array.from({ length: 12 }, (_, i) => `"k${i}": 1, "k${i}": 2`).join(', ')}}`;
    const { problems } = readJson(text);
    expect(problems).toHaveLength(11);
    expect(problems[0]).toBe('k0: duplicate key at line 1, column 11');
    expect(problems[10]).toBe('and 2 more duplicate keys');
  });

  it('says where the text stops being JSON', () => {
    expect(readJson('{"a": }').problems).toEqual([
      'not valid JSON: unexpected "}" at line 1, column 7',
    ]);
  });
});
