/**
 * Assumed-role credentials against a local HTTP server speaking STS's and
 * EC2's query protocol: the AssumeRole call the SDK's provider sends, the
 * credentials shared by a region's clients until they near expiry, and a role
 * that cannot be assumed failing the read with a reason that names it.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cloudWatchClient, ec2Client, MAX_ATTEMPTS } from '../../shared/aws/clients.js';
import { assumedRoleCredentials } from '../../shared/aws/credentials.js';
import { createEc2Adapter, createInstanceTypeCache } from '../../shared/aws/ec2.js';
import { createCloudWatchAdapter } from '../../shared/aws/cloudwatch.js';
import type { AccountSpec } from '../../shared/domain/accounts.js';
import { AwsCallError } from '../../shared/domain/errors.js';
import { startServer } from '../support/http-server.js';
import type { RecordedRequest, Reply, TestServer } from '../support/http-server.js';

const REGION = 'us-east-2';
const MASTER = { accessKeyId: 'AKIDHOME', secretAccessKey: 'home-secret' };
const ROLE = 'arn:aws:iam::111122223333:role/route53-rebalancer-read';
const ACCOUNT: AccountSpec = {
  name: 'prod',
  roleArn: ROLE,
  accountId: '111122223333',
  externalId: 'rebalancer-2026',
  sessionName: 'route53-rebalancer',
};
const HOUR = 3_600_000;

let server: TestServer;

beforeEach(async () => {
  server = await startServer();
  // Only the clock the credentials' expiry is judged by; it starts at the real time, as a
  // response's Date header far from the client's clock would make the SDK correct and retry.
  vi.useFakeTimers({ toFake: ['Date'] });
});

afterEach(async () => {
  vi.useRealTimers();
  await server.close();
});

const form = (request: RecordedRequest): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(request.body));
/** The operation: a form field (EC2, STS) or the JSON protocol's target header (CloudWatch). */
const action = (request: RecordedRequest): string | undefined =>
  form(request).Action ?? /\.(\w+)$/.exec(String(request.headers['x-amz-target']))?.[1];
const assumeCalls = (): RecordedRequest[] =>
  server.requests.filter((r) => action(r) === 'AssumeRole');
/** The access key a request was signed with. */
const signedWith = (request: RecordedRequest | undefined): string | undefined =>
  /Credential=([^/]+)\//.exec(String(request?.headers.authorization))?.[1];
const calls = (name: string): RecordedRequest[] =>
  server.requests.filter((r) => action(r) === name);

/** STS hands out ASIA1, ASIA2, ..., each valid for an hour from now. */
function stsIssuing(): void {
  let issued = 0;
  server.route((request) => {
    if (action(request) !== 'AssumeRole') return undefined;
    issued += 1;
    const expiration = new Date(Date.now() + HOUR).toISOString();
    return {
      headers: { 'content-type': 'text/xml' },
      body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIA${issued}</AccessKeyId><SecretAccessKey>secret-${issued}</SecretAccessKey><SessionToken>token-${issued}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/route53-rebalancer-read/route53-rebalancer</Arn><AssumedRoleId>AROA:route53-rebalancer</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r-${issued}</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    };
  });
}

function fleetAnswering(): void {
  server.route((request) =>
    action(request) === 'DescribeInstances'
      ? {
          headers: { 'content-type': 'text/xml' },
          body: '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>d</requestId><reservationSet/></DescribeInstancesResponse>',
        }
      : action(request) === 'DescribeAlarms'
        ? { headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"MetricAlarms":[]}' }
        : undefined,
  );
}

const denied: Reply = {
  status: 403,
  headers: { 'content-type': 'text/xml' },
  body: readFileSync(new URL('../fixtures/sts/access-denied.xml', import.meta.url), 'utf8'),
};

function regionClients() {
  const credentials = assumedRoleCredentials(ACCOUNT, REGION, {
    endpoint: server.url,
    masterCredentials: MASTER,
  });
  const ec2 = ec2Client(REGION, { endpoint: server.url, credentials });
  const cloudWatch = cloudWatchClient(REGION, { endpoint: server.url, credentials });
  return {
    ec2: createEc2Adapter(ec2, REGION, createInstanceTypeCache()),
    alarms: createCloudWatchAdapter(cloudWatch, REGION),
    destroy: () => {
      ec2.destroy();
      cloudWatch.destroy();
    },
  };
}

describe('assumed-role credentials', () => {
  it('assume the role with its external id and session name, signed with the function’s own credentials', async () => {
    stsIssuing();
    fleetAnswering();
    const clients = regionClients();
    await clients.ec2.describeMembers([{ 'rebalancer:service': 'api' }]);
    clients.destroy();
    const [assume] = assumeCalls();
    expect(assume === undefined ? undefined : form(assume)).toMatchObject({
      Action: 'AssumeRole',
      RoleArn: ROLE,
      ExternalId: 'rebalancer-2026',
      RoleSessionName: 'route53-rebalancer',
    });
    expect(signedWith(assume)).toBe('AKIDHOME');
    // STS in the region read: the signing scope names it.
    expect(String(assume?.headers.authorization)).toContain(`/${REGION}/sts/aws4_request`);
    expect(signedWith(calls('DescribeInstances')[0])).toBe('ASIA1');
  });

  it('one set per role and region, shared by its clients and reused until it nears expiry, then refreshed', async () => {
    stsIssuing();
    fleetAnswering();
    const clients = regionClients();
    const selectors = [{ 'rebalancer:service': 'api' }];
    await clients.ec2.describeMembers(selectors);
    await clients.alarms.alarmsInAlarm('api-');
    vi.setSystemTime(new Date(Date.now() + 50 * 60_000)); // 10 minutes left: still good
    await clients.ec2.describeMembers(selectors);
    expect(assumeCalls()).toHaveLength(1);
    vi.setSystemTime(new Date(Date.now() + 6 * 60_000)); // 4 minutes left: inside the SDK's 5-minute window
    await clients.ec2.describeMembers(selectors);
    await clients.alarms.alarmsInAlarm('api-');
    clients.destroy();
    expect(assumeCalls()).toHaveLength(2);
    expect(calls('DescribeInstances').map(signedWith)).toEqual(['ASIA1', 'ASIA1', 'ASIA2']);
    expect(calls('DescribeAlarms').map(signedWith)).toEqual(['ASIA1', 'ASIA2']);
  });

  it('a role that cannot be assumed fails the call with a reason naming the role and STS’s words', async () => {
    server.route((request) => (action(request) === 'AssumeRole' ? denied : undefined));
    fleetAnswering();
    const clients = regionClients();
    const error = await clients.ec2.describeMembers([{ a: 'b' }]).catch((e: unknown) => e);
    clients.destroy();
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as Error).message).toBe(
      `DescribeInstances in ${REGION} failed: AssumeRoleError: cannot assume role ${ROLE}: AccessDenied: User: arn:aws:sts::999988887777:assumed-role/route53-rebalancer-prod-reconcile/fn is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`,
    );
    // Nothing reached EC2 unsigned, and a refusal is not retried.
    expect(calls('DescribeInstances')).toEqual([]);
    expect(assumeCalls()).toHaveLength(1);
  });

  it('an STS that never answers times out (retried within the bound) instead of stalling the read', async () => {
    // STS keeps the SDK's own backoff between its attempts: under 4 s in all.
    server.route((request) => (action(request) === 'AssumeRole' ? { hang: true } : undefined));
    fleetAnswering();
    const credentials = assumedRoleCredentials(ACCOUNT, REGION, {
      endpoint: server.url,
      masterCredentials: MASTER,
      timeouts: { connectMs: 1_000, requestMs: 100 },
    });
    const ec2 = ec2Client(REGION, { endpoint: server.url, credentials });
    const adapter = createEc2Adapter(ec2, REGION, createInstanceTypeCache());
    const error = await adapter.describeMembers([{ a: 'b' }]).catch((e: unknown) => e);
    ec2.destroy();
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as Error).message).toContain(`cannot assume role ${ROLE}: TimeoutError`);
    expect(assumeCalls()).toHaveLength(MAX_ATTEMPTS);
    expect(calls('DescribeInstances')).toEqual([]);
  }, 15_000);
});
