/**
 * DNS names as Route 53 stores them: fully qualified, lower case, with special
 * characters as three-digit octal escapes (`\052` for `*`). The rest of the code
 * only ever sees the normalised form: trailing dot, lower case, escapes decoded.
 */

const OCTAL_ESCAPE = /\\([0-7]{3})/g;

// A backslash or a dot inside a label stays escaped: decoding them would make
// the normal form ambiguous (`\134052` would turn into `\052`, then `*`).
const KEPT_ESCAPED = new Set(['\\', '.']);

/** True when a name needs no rewriting: a trailing dot, no upper case letter, no backslash. */
function isNormalName(name: string): boolean {
  // One pass over the codes, without a regular expression: asked of every name the model sees.
  if (name.charCodeAt(name.length - 1) !== 0x2e) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if ((code >= 0x41 && code <= 0x5a) || code === 0x5c) return false;
  }
  return true;
}

/** Normalises a name so that two spellings of the same name compare equal; idempotent. */
export function normalizeName(name: string): string {
  // Most names are already normal; checking is far cheaper than rewriting.
  if (isNormalName(name)) return name;
  const decoded = name.replace(OCTAL_ESCAPE, (escape: string, octal: string) => {
    const char = String.fromCharCode(parseInt(octal, 8));
    return KEPT_ESCAPED.has(char) ? escape : char;
  });
  const lower = decoded.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** Escapes a normalised name the way ListResourceRecordSets prints it. */
export function escapeName(name: string): string {
  return name.replace(/\\[0-7]{3}|[^a-z0-9\-_.]/g, (match) => {
    if (match.length > 1) return match;
    const code = match.charCodeAt(0);
    return code < 256 ? `\\${code.toString(8).padStart(3, '0')}` : match;
  });
}

/** A normalised name without its trailing dot, for people to read. */
export function displayName(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/**
 * The key Route 53 sorts names by: labels reversed, each followed by a dot
 * (`www.example.com.` -> `com.example.www.`), compared as a plain string. So a
 * `-` (which sorts before `.`) puts `api-eu.example.com.` before
 * `api.example.com.`; a subtree is still one contiguous run that starts at its
 * root, which is what reading by cursor relies on.
 */
export function listOrderKey(name: string): string {
  // Label by label from the right, without a regular expression or an array:
  // a plan asks this of every name it sorts.
  let end = name.endsWith('.') ? name.length - 1 : name.length;
  let key = '';
  for (;;) {
    const dot = end === 0 ? -1 : name.lastIndexOf('.', end - 1);
    key += `${name.slice(dot + 1, end)}.`;
    if (dot < 0) return key;
    end = dot;
  }
}

/** Orders two names as ListResourceRecordSets does. */
export function compareNames(a: string, b: string): number {
  const x = listOrderKey(a);
  const y = listOrderKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** True when `name` equals `root` or lies below it. Both normalised. */
export function isAtOrBelow(name: string, root: string): boolean {
  return name === root || name.endsWith(`.${root}`);
}
