/** What a failed ChangeResourceRecordSets means: a stale write, Route 53's own rejection, or another error. */
import { staleMessages } from '../domain/dns/zone/stale.js';
import { InvalidChangeBatchError, StaleWriteError } from '../domain/errors.js';

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** An InvalidChangeBatch as read from an SDK error: Route 53's messages, and whether the SDK named it so. */
export interface InvalidChangeBatchRead {
  readonly messages: string[];
  /** False for the `<InvalidChangeBatch><Messages>` body, which the SDK calls "Unknown". */
  readonly named: boolean;
}

/**
 * Route 53's messages if the error is an InvalidChangeBatch, from either body
 * Route 53 sends; undefined for any other error.
 */
export function invalidChangeBatch(error: unknown): InvalidChangeBatchRead | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, Code, message, messages, Messages } = error as Record<string, unknown>;
  // <ErrorResponse>: the SDK's InvalidChangeBatch, with `messages` empty and all of them
  // in `message` as "[first, second]".
  if (name === 'InvalidChangeBatch' || Code === 'InvalidChangeBatch') {
    const listed = strings(messages);
    return {
      messages: listed.length > 0 ? listed : strings(message),
      named: name === 'InvalidChangeBatch',
    };
  }
  // <InvalidChangeBatch><Messages>: the SDK names it "Unknown" but keeps the messages.
  if (typeof Messages !== 'object' || Messages === null) return undefined;
  const listed = strings((Messages as { Message?: unknown }).Message);
  return listed.length > 0 ? { messages: listed, named: false } : undefined;
}

/** The error changeRecords throws for a failed send: stale, Route 53's own, or a readable stand-in. */
export function classifyChangeError(error: unknown): unknown {
  const invalid = invalidChangeBatch(error);
  if (invalid === undefined) return error;
  const stale = staleMessages(invalid.messages);
  if (stale !== undefined) return new StaleWriteError(stale, { cause: error });
  // The SDK's "Unknown: UnknownError" would hide Route 53's words.
  return invalid.named
    ? error
    : new InvalidChangeBatchError('InvalidChangeBatch', invalid.messages);
}
