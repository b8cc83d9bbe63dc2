/**
 * One error hierarchy for the whole project. Every error a user can cause has
 * a message that names what is wrong and where, so the CLI and the handlers can
 * print `error.message` alone, without a stack trace.
 */

export class RebalancerError extends Error {
  override readonly name: string = 'RebalancerError';
}

/** An input that cannot be used; `problems` lists every one, each with its path. */
export class ProblemsError extends RebalancerError {
  override readonly name: string = 'ProblemsError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      problems.length === 1
        ? `${source}: ${problems[0] ?? ''}`
        : `${source}: ${problems.length} problems\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/** A configuration file that cannot be used. */
export class ConfigError extends ProblemsError {
  override readonly name: string = 'ConfigError';
}

/** An input other than the configuration (state file, event, payload, scenario) that cannot be used. */
export class InputError extends ProblemsError {
  override readonly name: string = 'InputError';
}

/** A change batch that Route 53 (or our model of it) rejects, with Route 53's own wording. */
export class InvalidChangeBatchError extends RebalancerError {
  override readonly name: string = 'InvalidChangeBatchError';
  constructor(
    readonly code: 'InvalidChangeBatch' | 'InvalidInput' | 'NoSuchHealthCheck',
    readonly messages: readonly string[],
  ) {
    super(`${code}: [${messages.join(', ')}]`);
  }
}

/** The planner produced a plan that fails its own pre-flight check: a bug, never sent. */
export class PlanInvariantError extends RebalancerError {
  override readonly name: string = 'PlanInvariantError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`refusing to use an invalid plan: ${message}`, options);
  }
}

/** A call to AWS that failed; `operation` and `region` say which. */
export class AwsCallError extends RebalancerError {
  override readonly name: string = 'AwsCallError';
  constructor(
    readonly operation: string,
    readonly region: string | undefined,
    cause: unknown,
  ) {
    const where = region === undefined ? '' : ` in ${region}`;
    const why = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`${operation}${where} failed: ${why}`, { cause });
  }
}

/** A role that could not be assumed: what depends on it is skipped with this reason. */
export class AssumeRoleError extends RebalancerError {
  override readonly name: string = 'AssumeRoleError';
  constructor(
    readonly roleArn: string,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`cannot assume role ${roleArn}: ${why}`, { cause });
  }
}

/** The hosted zone changed between read and write more often than we retry. */
export class ConflictError extends RebalancerError {
  override readonly name: string = 'ConflictError';
}

/** A batch refused because the zone changed since it was read; `messages` are Route 53's. */
export class StaleWriteError extends ConflictError {
  override readonly name: string = 'StaleWriteError';
  constructor(
    readonly messages: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`the hosted zone changed since it was read: ${messages.join('; ')}`, options);
  }
}

/**
 * A batch Route 53 (or the call to it) refused for a reason other than a stale
 * read. The batches before it stay written; the message says which.
 */
export class BatchRejectedError extends RebalancerError {
  override readonly name: string = 'BatchRejectedError';
  constructor(
    /** 1-based, within the round's plan. */
    readonly index: number,
    readonly of: number,
    readonly comment: string,
    /** Batches accepted before it, this round and earlier ones. */
    readonly written: number,
    cause: unknown,
  ) {
    const earlier = written - (index - 1);
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`batch ${index} of ${of} rejected ${writtenBefore(index - 1, earlier)}: ${why}`, {
      cause,
    });
  }
}

function writtenBefore(thisRound: number, earlier: number): string {
  const parts: string[] = [];
  if (thisRound === 1) parts.push('batch 1 was written');
  if (thisRound > 1) parts.push(`batches 1 to ${thisRound} were written`);
  if (earlier > 0)
    parts.push(`${earlier} batch${earlier === 1 ? ' was' : 'es were'} written in an earlier round`);
  return parts.length === 0 ? 'before anything was written' : `after ${parts.join(' and ')}`;
}

/**
 * The fleet read so far needs more memory than the function has: refused
 * before planning, nothing written. The message says what to configure.
 */
export class FleetTooLargeError extends RebalancerError {
  override readonly name: string = 'FleetTooLargeError';
  constructor(
    readonly instances: number,
    readonly records: number,
    readonly memoryMiB: number,
    message: string,
  ) {
    super(message);
  }
}
