/**
 * DNS names as Route 53 stores them: fully qualified, lower case, with special
 * characters as three-digit octal escapes (`\052` for `*`). The rest of the code
 * only ever sees the normalised form: trailing dot, lower case, escapes decoded.
 */

const OCTAL_ESCAPE = /\\([0-7]{3})/g;

/** Normalises a name so that two spellings of the same name compare equal. */
export function normalizeName(name: string): string {
  const decoded = name.replace(OCTAL_ESCAPE, (_, octal: string) =>
    String.fromCharCode(parseInt(octal, 8)),
  );
  const lower = decoded.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** Escapes a normalised name the way ListResourceRecordSets prints it. */
export function escapeName(name: string): string {
  return name.replace(/[^a-z0-9\-_.]/g, (char) => {
    const code = char.charCodeAt(0);
    return code < 256 ? `\\${code.toString(8).padStart(3, '0')}` : char;
  });
}

/** A normalised name without its trailing dot, for people to read. */
export function displayName(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

function reversedLabels(name: string): string[] {
  return name.replace(/\.$/, '').split('.').reverse();
}

/**
 * Orders names the way Route 53 lists them: by labels from the right
 * (`com.example.www`). A name sorts before every name below it, so a subtree
 * is one contiguous run.
 */
export function compareNames(a: string, b: string): number {
  const left = reversedLabels(a);
  const right = reversedLabels(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const l = left[i] ?? '';
    const r = right[i] ?? '';
    if (l !== r) return l < r ? -1 : 1;
  }
  return left.length - right.length;
}

/** True when `name` equals `root` or lies below it. Both normalised. */
export function isAtOrBelow(name: string, root: string): boolean {
  return name === root || name.endsWith(`.${root}`);
}
