/**
 * `value`, or an Error naming what is missing. For what the code guarantees
 * itself (an index inside its array, a key it has just put in a map), in place
 * of a cast that would hide the assumption: if it throws, that is a bug, so it
 * is a plain Error with its stack, not a RebalancerError for the user.
 */
export function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`internal error: ${what} is missing`);
  return value;
}
