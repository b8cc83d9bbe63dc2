import { visible } from '../visible.js';

// Code points a terminal draws two cells wide (East Asian Wide and Fullwidth, and emoji).
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
// Combining marks and zero-width characters take no cell of their own.
const ZERO = /[\p{M}\u200b-\u200f\ufeff]/u;

/** How many terminal cells `text` (already visible: no control characters) takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += ZERO.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
  return width;
}

const COLUMN_GAP = '  ';

/**
 * A plain, aligned table: a header row and data rows, no borders, no colour;
 * each line starts with two spaces and has no trailing blanks. Linear in the
 * number of cells: one pass measures the columns, one prints. A cell is one
 * line: its control characters (newlines too) are shown as escapes.
 */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [head, ...rows].map((row) => row.map(visible));
  const widths: number[] = [];
  for (const row of cells)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 1, displayWidth(cell));
    });
  return cells
    .map((row) => {
      const padded = row.map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell)));
      return `${COLUMN_GAP}${padded.join(COLUMN_GAP)}`.trimEnd();
    })
    .join('\n');
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
