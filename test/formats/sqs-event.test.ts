import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/domain/errors.js';
import { parseSqsEvent } from '../../shared/formats/sqs-event.js';
import { sqsEvent } from '../support/sqs.js';

const SHAPE = 'expected an SQS event, {"Records": [...]}, as Lambda delivers a queue batch';

describe('parseSqsEvent', () => {
  it('keeps the id and body of each record of a batch as Lambda delivers it', () => {
    expect(parseSqsEvent(sqsEvent([{ a: 1 }, 'text']), 'e')).toEqual([
      { messageId: 'm1', body: '{"a":1}' },
      { messageId: 'm2', body: 'text' },
    ]);
  });

  it.each([
    [null, `e: ${SHAPE}`],
    ['{"Records": []}', `e: ${SHAPE}`],
    [[], `e: ${SHAPE}`],
    [{}, 'e: Records: required'],
    [{ Records: {} }, 'e: Records: expected a list of SQS records'],
    [{ Records: [7] }, 'e: Records[0]: expected an SQS record'],
    [
      { Records: [{ messageId: '', body: 1 }] },
      'e: 2 problems\n  - Records[0].messageId: expected a message id\n  - Records[0].body: expected the message body as a string',
    ],
  ])('refuses %j with one InputError: %s', (value, message) => {
    expect(() => parseSqsEvent(value, 'e')).toThrow(InputError);
    expect(() => parseSqsEvent(value, 'e')).toThrow(message);
  });
});
