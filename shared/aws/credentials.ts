import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import {
  doesIdentityRequireRefresh,
  isIdentityExpired,
  memoizeIdentityProvider,
} from '@smithy/core';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { AccountSpec } from '../domain/accounts.js';
import { AssumeRoleError } from '../domain/errors.js';
import { MAX_ATTEMPTS, requestHandlerOptions, type RequestTimeouts } from './clients.js';

/*
 * Credentials in another account: STS AssumeRole through the SDK's own
 * provider (fromTemporaryCredentials), which signs the call with the
 * function's credentials (the standard chain). It does not cache, and every
 * client would cache on its own, so the provider is memoized here, once per
 * role and region: all the clients of a region share one set, fetched again
 * when it comes within the SDK's refresh window of its expiry (5 minutes).
 */

export interface AssumeRoleOptions {
  /** Where STS requests go (tests); by default the standard chain decides. */
  readonly endpoint?: string;
  /** Who signs AssumeRole; by default the standard credential chain. */
  readonly masterCredentials?: AwsCredentialIdentity;
  /** For tests only: production uses REQUEST_TIMEOUTS. */
  readonly timeouts?: RequestTimeouts;
}

/** Credentials of the account's role for clients of `region` (STS is called in that region too). */
export function assumedRoleCredentials(
  account: AccountSpec,
  region: string,
  options: AssumeRoleOptions = {},
): AwsCredentialIdentityProvider {
  const assume = fromTemporaryCredentials({
    params: {
      RoleArn: account.roleArn,
      RoleSessionName: account.sessionName,
      ...(account.externalId !== undefined && { ExternalId: account.externalId }),
    },
    clientConfig: {
      region,
      retryMode: 'adaptive',
      maxAttempts: MAX_ATTEMPTS,
      requestHandler: requestHandlerOptions(options.timeouts),
      ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    },
    ...(options.masterCredentials !== undefined && {
      masterCredentials: options.masterCredentials,
    }),
  });
  const provider: AwsCredentialIdentityProvider = async (properties) => {
    try {
      return await assume(properties);
    } catch (error) {
      throw new AssumeRoleError(account.roleArn, error);
    }
  };
  // Undefined only for an undefined provider.
  return memoizeIdentityProvider(
    provider,
    isIdentityExpired,
    doesIdentityRequireRefresh,
  ) as AwsCredentialIdentityProvider;
}
