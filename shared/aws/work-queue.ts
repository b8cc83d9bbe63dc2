import type { WorkQueue } from '../app/ports.js';
import { sendMessage, type LazySqsClient } from './sqs-send.js';

/**
 * The FIFO work queue. Every item of a hosted zone shares one message group
 * (the zone's id: the item's `zone`, else `messageGroupId`, the one zone), so
 * Lambda hands the writer one batch at a time per zone: two reconciles never
 * write the same zone at once, and two zones are written in parallel. The deduplication id is unique per sender call (a
 * retried delivery may queue an item twice; reconciling is idempotent).
 */
export function createWorkQueue(
  client: LazySqsClient,
  queueUrl: string,
  messageGroupId: string,
): WorkQueue {
  return {
    send: (item, deduplicationId) =>
      sendMessage(client, {
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(item),
        MessageGroupId: item.zone ?? messageGroupId,
        MessageDeduplicationId: deduplicationId,
      }),
  };
}

// Built with every other client's retry settings; exported here for the queue's wiring.
export { sqsClient } from './clients.js';
