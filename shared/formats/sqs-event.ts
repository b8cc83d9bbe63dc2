import * as v from 'valibot';
import { isPlainObject, parseOrThrow } from './validation.js';

/** What the queue handlers read of each record SQS delivers; the rest passes untouched. */
export interface QueuedRecord {
  readonly messageId: string;
  readonly body: string;
}

const SHAPE = 'expected an SQS event, {"Records": [...]}, as Lambda delivers a queue batch';

const recordSchema = v.pipe(
  v.custom<Record<string, unknown>>(isPlainObject, 'expected an SQS record'),
  v.looseObject(
    {
      messageId: v.pipe(v.string('expected a message id'), v.minLength(1, 'expected a message id')),
      body: v.string('expected the message body as a string'),
    },
    'required',
  ),
);

const eventSchema = v.pipe(
  v.custom<Record<string, unknown>>(isPlainObject, SHAPE),
  v.looseObject({ Records: v.array(recordSchema, 'expected a list of SQS records') }, 'required'),
);

/**
 * Checks the envelope a queue handler is given, so a wrong shape (an invoke
 * with `--data null`, an EventBridge event) is one InputError, not a TypeError.
 */
export function parseSqsEvent(value: unknown, source: string): QueuedRecord[] {
  return parseOrThrow(eventSchema, value, source).Records.map((r) => ({
    messageId: r.messageId,
    body: r.body,
  }));
}
