import { InputError } from '../domain/errors.js';

const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:(\d{12}):function:[\w-]+(?::[\w$-]+)?$/;

/**
 * The account of a Lambda function's ARN (the invocation context's
 * invokedFunctionArn, an alias or version qualifier allowed): the function's
 * own account, known without a call to STS.
 */
export function accountOfFunctionArn(arn: string, source = 'context.invokedFunctionArn'): string {
  const account = FUNCTION_ARN.exec(arn)?.[1];
  if (account === undefined)
    throw new InputError(source, [
      `expected a Lambda function ARN like arn:aws:lambda:us-east-1:123456789012:function:name, got ${JSON.stringify(arn)}`,
    ]);
  return account;
}
