/**
 * What the project uses of the SDK's SQS module, imported on demand through
 * this file rather than the package itself: a dynamic import of the package
 * would bundle every command it has, this one only these (clients.ts, sqs-send.ts).
 */
export { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
