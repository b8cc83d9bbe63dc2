import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/domain/errors.js';
import { accountOfFunctionArn } from '../../shared/formats/function-arn.js';

describe('the account of a function ARN', () => {
  it.each([
    [
      'arn:aws:lambda:us-east-1:123456789012:function:route53-rebalancer-prod-intake',
      '123456789012',
    ],
    ['arn:aws:lambda:eu-west-1:999988887777:function:intake:live', '999988887777'],
    ['arn:aws:lambda:eu-west-1:999988887777:function:intake:$LATEST', '999988887777'],
    ['arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:intake:7', '111122223333'],
  ])('%s is in %s', (arn, account) => {
    expect(accountOfFunctionArn(arn)).toBe(account);
  });

  it.each([
    '',
    'intake',
    'arn:aws:lambda:us-east-1:12345:function:intake',
    'arn:aws:sqs:us-east-1:123456789012:events',
    'arn:aws:lambda:us-east-1:123456789012:layer:x',
  ])('refuses %j in one line, naming it', (arn) => {
    expect(() => accountOfFunctionArn(arn)).toThrow(
      new InputError('context.invokedFunctionArn', [
        `expected a Lambda function ARN like arn:aws:lambda:us-east-1:123456789012:function:name, got ${JSON.stringify(arn)}`,
      ]),
    );
  });
});
