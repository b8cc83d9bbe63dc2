import { describe, expect, it } from 'vitest';
import { displayWidth, table } from '../../../cli/render/table.js';

describe('table', () => {
  it('aligns every column to its widest cell, two spaces apart, with no trailing blanks', () => {
    expect(
      table(
        ['instance', 'zone', 'why'],
        [
          ['i-1', 'us-east-2a', ''],
          ['i-22222222', 'b', 'state stopped'],
        ],
      ),
    ).toBe(
      [
        '  instance    zone        why',
        '  i-1         us-east-2a',
        '  i-22222222  b           state stopped',
      ].join('\n'),
    );
  });

  it('gives an all-empty column one cell, as the tables printed so far did', () => {
    expect(table(['a', '', 'b'], [['x', '', 'y']])).toBe('  a     b\n  x     y');
  });

  it('prints the header alone when there are no rows', () => {
    expect(table(['group', 'weight'], [])).toBe('  group  weight');
  });

  it('counts wide characters as two cells and combining marks as none', () => {
    expect(
      table(
        ['name', 'x'],
        [
          ['日本', '1'],
          ['e\u0301', '2'],
        ],
      ),
    ).toBe('  name  x\n  日本  1\n  e\u0301     2');
  });

  it('keeps each row on one line: a newline or escape sequence in a cell is shown as an escape', () => {
    const out = table(
      ['why', 'n'],
      [
        ['tag drain=\r\ntrue', '1'],
        ['\x1b[2J', '2'],
      ],
    );
    const shown = 'tag drain=\\x0d\\x0atrue';
    expect(out.split('\n')).toEqual([
      `  ${'why'.padEnd(shown.length)}  n`,
      `  ${shown}  1`,
      `  ${'\\x1b[2J'.padEnd(shown.length)}  2`,
    ]);
  });
});

describe('displayWidth', () => {
  it.each([
    ['i-0a4e7c1d9b2f30000', 19],
    ['█'.repeat(3) + '·'.repeat(2), 5],
    ['日本語', 6],
    ['🙂', 2],
    ['e\u0301', 1],
    ['', 0],
  ])('of %j is %i', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});
