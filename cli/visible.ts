/*
 * What the command line prints comes partly from outside: EC2 tag values land
 * in reasons and warnings, record names and file names in messages. A control
 * character there would reach the terminal as a command (ESC [2J clears the
 * screen, CR rewrites the line, a bidi override reverses what follows), so a
 * tag could fake a summary just above `apply`'s question. Everything printed
 * goes through `visible`, which writes those characters as escapes instead:
 * C0 controls as `\x1b`; DEL, C1 controls and the bidi embeddings, overrides
 * and isolates as `\u202e`. The `\u` form keeps JSON output valid JSON with
 * the same value (JSON.stringify escapes C0 itself but leaves the others raw).
 * A backslash is left as it is, so escaping twice changes nothing.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x20
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every control character and bidi control written as an escape, newlines included. */
export function visible(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** The text as lines, each made `visible`: what the command line hands the terminal. */
export function visibleLines(text: string): string {
  return text.split('\n').map(visible).join('\n');
}
