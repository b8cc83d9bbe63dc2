import type { SendMessageCommandInput, SQSClient } from '@aws-sdk/client-sqs';
import { AwsCallError } from '../domain/errors.js';

/** An SQS client made when the first message is sent (clients.ts: sqsClient). */
export type LazySqsClient = () => Promise<SQSClient>;

/** One SendMessage; the SDK's SQS module is loaded with the client, at the first. */
export async function sendMessage(
  client: LazySqsClient,
  input: SendMessageCommandInput,
): Promise<void> {
  try {
    const [sqs, { SendMessageCommand }] = await Promise.all([client(), import('./sqs-sdk.js')]);
    await sqs.send(new SendMessageCommand(input));
  } catch (error) {
    throw new AwsCallError('SendMessage', undefined, error);
  }
}
