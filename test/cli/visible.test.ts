import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { visible, visibleLines } from '../../cli/visible.js';

describe('visible', () => {
  it.each([
    ['ESC, so no escape sequence runs', '\x1b[2J\x1b[H', '\\x1b[2J\\x1b[H'],
    ['CR, BEL, TAB, NUL and a newline', '\r\x07\t\0\n', '\\x0d\\x07\\x09\\x00\\x0a'],
    ['DEL and the C1 controls, 8-bit CSI included', '\x7f\x85\x9b', '\\u007f\\u0085\\u009b'],
    [
      'the bidi embeddings and overrides',
      '\u202a\u202b\u202c\u202d\u202e',
      '\\u202a\\u202b\\u202c\\u202d\\u202e',
    ],
    ['the bidi isolates', '\u2066\u2067\u2068\u2069', '\\u2066\\u2067\\u2068\\u2069'],
  ])('writes %s as escapes', (_, raw, shown) => {
    expect(visible(raw)).toBe(shown);
  });

  it('leaves printable text, backslashes and other scripts as they are', () => {
    const text = 'i-0a4e  us-east-2a  █·  100.0%  C:\\x1b  日本語  é  \u200f';
    expect(visible(text)).toBe(text);
  });

  it('changes nothing when applied twice', () => {
    const raw = 'a\x1b[31mb\u202ec\x9bd\n';
    expect(visible(visible(raw))).toBe(visible(raw));
  });

  it('keeps the JSON printed valid, with the same value', () => {
    const value = { tag: 'x\u202ey\x7fz\x85\x1b' };
    const printed = visibleLines(JSON.stringify(value, null, 2));
    expect(printed).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
    expect(JSON.parse(printed)).toEqual(value);
  });

  it('is applied to everything the command line writes, newlines aside', () => {
    const io = bufferIo();
    io.out('line one\x1b[2J\nline two\u202e');
    io.err('\rerror');
    expect(io.stdout()).toBe('line one\\x1b[2J\nline two\\u202e\n');
    expect(io.stderr()).toBe('\\x0derror\n');
  });
});
