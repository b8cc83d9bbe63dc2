/**
 * Just enough of IAM's policy evaluation to judge the writer roles' name
 * conditions in tests: StringLike (`*` any run of characters, dots included,
 * `?` any one character), an Allow statement with ForAllValues (every name
 * must match one pattern) and a Deny statement with ForAnyValue (one name
 * matching is enough). Written from the IAM User Guide, not from the code
 * under test.
 */

/** IAM StringLike: the whole value matches; `*` and `?` match dots like any other character. */
export function stringLike(value: string, pattern: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 's').test(value);
}

export interface NameConditions {
  /** Allow, ForAllValues:StringLike. */
  readonly allowed: readonly string[];
  /** Deny, ForAnyValue:StringLike. */
  readonly deeper: readonly string[];
}

/** Whether a ChangeResourceRecordSets call naming `names` (condition-key form) is allowed. */
export function permits(conditions: NameConditions, names: readonly string[]): boolean {
  const like = (name: string, patterns: readonly string[]) =>
    patterns.some((pattern) => stringLike(name, pattern));
  const allowed = names.every((name) => like(name, conditions.allowed));
  const denied = names.some((name) => like(name, conditions.deeper));
  return allowed && !denied;
}
