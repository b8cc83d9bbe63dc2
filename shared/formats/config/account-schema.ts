import * as v from 'valibot';
import { isPlainObject, strictMapping } from '../validation.js';

/*
 * The `accounts` mapping and the references to it. The shapes are IAM's and
 * STS's own limits (AssumeRole: ExternalId 2-1224 of [\w+=,.@:/-],
 * RoleSessionName 2-64 of [\w+=,.@-]; a role name 1-64 of [\w+=,.@-] below an
 * optional path), so a bad value is refused at load, not at the first read.
 */

export const ACCOUNT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
const ROLE_ARN =
  /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/(?:[\x21-\x7e]{0,510}\/)?[\w+=,.@-]{1,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

const ACCOUNT_NAME_MESSAGE =
  'expected an account name of 1-63 letters, digits, _ or -, starting with a letter or digit';

const pattern = (regex: RegExp, message: string) =>
  v.pipe(v.string(message), v.regex(regex, message));

const account = strictMapping({
  roleArn: pattern(
    ROLE_ARN,
    'expected a role ARN like arn:aws:iam::123456789012:role/route53-rebalancer-read',
  ),
  externalId: v.nullish(
    pattern(EXTERNAL_ID, 'expected 2-1224 letters, digits or any of _+=,.@:/-'),
  ),
  sessionName: v.nullish(pattern(SESSION_NAME, 'expected 2-64 letters, digits or any of _+=,.@-')),
});

/** Top-level `accounts`: name -> the role to assume there. */
export const accountsSchema = v.pipe(
  v.custom<Record<string, unknown>>(isPlainObject, 'expected a mapping of accounts'),
  v.record(pattern(ACCOUNT_NAME, ACCOUNT_NAME_MESSAGE), account, 'expected a mapping of accounts'),
  v.check((record) => Object.keys(record).length > 0, 'expected at least one account'),
);

/** A reference to an entry of `accounts` (whether it exists is checked in accounts.ts). */
export const accountRef = pattern(ACCOUNT_NAME, ACCOUNT_NAME_MESSAGE);

export type AccountsEntry = v.InferOutput<typeof accountsSchema>;
