import type { RebalancerSpec } from '../domain/spec.js';
import { parseEvent, type RebalancerEvent } from '../formats/events/parse.js';
import { workFromEvents } from './work.js';
import { type WorkItem } from '../domain/scope.js';

export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
}

export interface Intake {
  /** One item for every relevant event of the batch; undefined when none is. */
  readonly item: WorkItem | undefined;
  /** Messages that are not events we understand: reported back so SQS retries them, then dead-letters them. */
  readonly failures: readonly { readonly messageId: string; readonly problem: string }[];
  /** Valid events that concern nothing we manage, and why. */
  readonly ignored: readonly string[];
}

function parseBody(message: QueuedMessage): RebalancerEvent {
  let value: unknown;
  try {
    value = JSON.parse(message.body);
  } catch {
    throw new Error(`message ${message.messageId}: body is not JSON`);
  }
  return parseEvent(value, `message ${message.messageId}`);
}

/** Reduces a batch of queued EventBridge events to at most one work item. */
export function intake(messages: readonly QueuedMessage[], spec: RebalancerSpec): Intake {
  const events: RebalancerEvent[] = [];
  const failures: { messageId: string; problem: string }[] = [];
  for (const message of messages) {
    try {
      events.push(parseBody(message));
    } catch (error) {
      failures.push({
        messageId: message.messageId,
        problem: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const { item, ignored } = workFromEvents(events, spec);
  return { item, failures, ignored };
}
