import type { RebalancerSpec } from '../domain/spec.js';
import { parseEvent, type RebalancerEvent } from '../formats/events/parse.js';
import { isPlainObject } from '../formats/validation.js';
import { parseWorkItem } from '../formats/work-item.js';
import { foreignAccountReason } from './event-accounts.js';
import { workFromEvents } from './work.js';
import { type WorkItem } from '../domain/scope.js';

export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
}

export interface Intake {
  /** One item for every relevant event of the batch; undefined when none is. */
  readonly item: WorkItem | undefined;
  /**
   * Work items the writer put back (regions it could not read), each to go to
   * the work queue as it is: merged with events, their attempt count would no
   * longer say whose it is.
   */
  readonly forwarded: readonly { readonly messageId: string; readonly item: WorkItem }[];
  /** Messages that are not events we understand: reported back so SQS retries them, then dead-letters them. */
  readonly failures: readonly { readonly messageId: string; readonly problem: string }[];
  /** Valid events that concern nothing we manage, and why. */
  readonly ignored: readonly string[];
}

interface Heard {
  readonly event: RebalancerEvent;
  /** The envelope's account, validated with it. */
  readonly account: string | undefined;
}

/** An EventBridge event, or a work item sent back by the writer (it has a scope, never a detail-type). */
function parseBody(message: QueuedMessage): Heard | WorkItem {
  let value: unknown;
  try {
    value = JSON.parse(message.body);
  } catch {
    throw new Error(`message ${message.messageId}: body is not JSON`);
  }
  if (isPlainObject(value) && 'scope' in value && !('detail-type' in value))
    return parseWorkItem(value, `message ${message.messageId}`);
  const event = parseEvent(value, `message ${message.messageId}`);
  const account = isPlainObject(value) ? value.account : undefined;
  return { event, account: typeof account === 'string' ? account : undefined };
}

/**
 * Reduces a batch of queued EventBridge events to at most one work item;
 * passes retries on. Given the function's own account, an event from an
 * account its region is not read from is ignored (event-accounts.ts).
 */
export function intake(
  messages: readonly QueuedMessage[],
  spec: RebalancerSpec,
  homeAccount?: string,
): Intake {
  const events: RebalancerEvent[] = [];
  const foreign: string[] = [];
  const forwarded: { messageId: string; item: WorkItem }[] = [];
  const failures: { messageId: string; problem: string }[] = [];
  for (const message of messages) {
    try {
      const parsed = parseBody(message);
      if ('scope' in parsed) forwarded.push({ messageId: message.messageId, item: parsed });
      else {
        const why =
          homeAccount === undefined
            ? undefined
            : foreignAccountReason(parsed.event, parsed.account, spec, homeAccount);
        if (why === undefined) events.push(parsed.event);
        else foreign.push(`${parsed.event.id}: ${why}`);
      }
    } catch (error) {
      failures.push({
        messageId: message.messageId,
        problem: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const { item, ignored } = workFromEvents(events, spec);
  return { item, forwarded, failures, ignored: [...foreign, ...ignored] };
}
