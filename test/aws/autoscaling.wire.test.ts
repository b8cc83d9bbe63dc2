/**
 * The Auto Scaling adapter against a local HTTP server speaking Auto Scaling's
 * query protocol: the form the real SDK posts (InstanceIds.member.N), the XML
 * it reads back, and how it surfaces an ErrorResponse, the expired-token
 * ValidationError included.
 */
import { readFileSync } from 'node:fs';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutoScalingAdapter } from '../../shared/aws/autoscaling.js';
import { autoScalingClient } from '../../shared/aws/clients.js';
import type { AutoScalingAdapter } from '../../shared/aws/autoscaling.js';
import { AwsCallError } from '../../shared/domain/errors.js';
import type { LifecycleActionRef } from '../../shared/domain/fleet/lifecycle-action.js';
import { startServer } from '../support/http-server.js';
import type { RecordedRequest, Reply, TestServer } from '../support/http-server.js';

const REGION = 'us-east-2';
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wire-test-secret' };

let server: TestServer;
let client: AutoScalingClient;

beforeEach(async () => {
  server = await startServer();
  client = new AutoScalingClient({
    region: REGION,
    endpoint: server.url,
    credentials: CREDENTIALS,
  });
});

afterEach(async () => {
  client.destroy();
  await server.close();
});

function adapter(): AutoScalingAdapter {
  return createAutoScalingAdapter(client, REGION);
}

function xml(fixture: string, status = 200): Reply {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: readFileSync(new URL(`../fixtures/autoscaling/${fixture}`, import.meta.url), 'utf8'),
  };
}

/** The form the query protocol sends, as a plain object. */
function form(request: RecordedRequest | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request?.body ?? ''));
}

const action: LifecycleActionRef = {
  autoScalingGroupName: 'api-prod',
  lifecycleHookName: 'drain-dns',
  lifecycleActionToken: '87654321-4321-4321-4321-210987654321',
  instanceId: 'i-0a4e7c1d9b2f30002',
};

const target = {
  AutoScalingGroupName: 'api-prod',
  LifecycleHookName: 'drain-dns',
  LifecycleActionToken: '87654321-4321-4321-4321-210987654321',
  InstanceId: 'i-0a4e7c1d9b2f30002',
};

describe('DescribeAutoScalingInstances on the wire', () => {
  const asked = [
    'i-0a4e7c1d9b2f30001',
    'i-0a4e7c1d9b2f30002',
    'i-0a4e7c1d9b2f30005',
    'i-0a4e7c1d9b2f30009',
    'i-0a4e7c1d9b2f3000a',
  ];

  it('posts InstanceIds.member.N with MaxRecords and follows NextToken to the second page', async () => {
    server.enqueue(
      xml('describe-auto-scaling-instances-page-1.xml'),
      xml('describe-auto-scaling-instances-page-2.xml'),
    );

    await adapter().lifecycleStates(asked);

    const [first, second] = server.requests;
    expect(server.requests).toHaveLength(2);
    expect(first?.method).toBe('POST');
    expect(first?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const query = {
      Action: 'DescribeAutoScalingInstances',
      Version: '2011-01-01',
      ...Object.fromEntries(asked.map((id, n) => [`InstanceIds.member.${n + 1}`, id])),
      MaxRecords: '50',
    };
    expect(form(first)).toStrictEqual(query);
    expect(form(second)).toStrictEqual({
      ...query,
      NextToken: 'H4sIAAAAAAAAAFXMsQ6CMBRA0X9pbxaZ',
    });
  });

  it('reads each member into its group and state; an id in no group is absent', async () => {
    server.enqueue(
      xml('describe-auto-scaling-instances-page-1.xml'),
      xml('describe-auto-scaling-instances-page-2.xml'),
    );

    const states = await adapter().lifecycleStates(asked);

    expect(states).toStrictEqual(
      new Map([
        ['i-0a4e7c1d9b2f30001', { group: 'api-prod', state: 'InService' }],
        ['i-0a4e7c1d9b2f30002', { group: 'api-prod', state: 'Terminating:Wait' }],
        ['i-0a4e7c1d9b2f30009', { group: 'api-prod', state: 'Pending:Wait' }],
        ['i-0a4e7c1d9b2f3000a', { group: 'api-prod', state: 'Warmed:Running' }],
      ]),
    );
  });
});

describe('lifecycle actions on the wire', () => {
  it('posts CompleteLifecycleAction with the four names and the result', async () => {
    server.enqueue(xml('complete-lifecycle-action.xml'));

    expect(await adapter().completeLifecycleAction(action, 'CONTINUE')).toBe('completed');

    expect(form(server.requests[0])).toStrictEqual({
      Action: 'CompleteLifecycleAction',
      Version: '2011-01-01',
      ...target,
      LifecycleActionResult: 'CONTINUE',
    });
  });

  it('reads the ValidationError for an expired token as gone', async () => {
    server.enqueue(xml('no-active-lifecycle-action.xml', 400));

    expect(await adapter().completeLifecycleAction(action, 'CONTINUE')).toBe('gone');
    expect(server.requests).toHaveLength(1);
  });

  it('posts RecordLifecycleActionHeartbeat, and reads the same error as gone', async () => {
    server.enqueue(
      xml('record-lifecycle-action-heartbeat.xml'),
      xml('no-active-lifecycle-action.xml', 400),
    );
    const hooks = adapter();

    expect(await hooks.recordHeartbeat(action)).toBe('recorded');
    expect(await hooks.recordHeartbeat(action)).toBe('gone');

    expect(form(server.requests[0])).toStrictEqual({
      Action: 'RecordLifecycleActionHeartbeat',
      Version: '2011-01-01',
      ...target,
    });
  });

  it('surfaces any other ErrorResponse as an AwsCallError naming the call and the region', async () => {
    server.enqueue(xml('access-denied.xml', 403));

    const call = adapter().completeLifecycleAction(action, 'ABANDON');

    await expect(call).rejects.toBeInstanceOf(AwsCallError);
    await expect(call).rejects.toThrow(
      'CompleteLifecycleAction in us-east-2 failed: AccessDenied: User: arn:aws:sts::123456789012:assumed-role/rebalancer/writer is not authorized to perform: autoscaling:CompleteLifecycleAction',
    );
  });
});

describe('autoScalingClient', () => {
  it('sends to AWS_ENDPOINT_URL when no endpoint is given', async () => {
    // Credentials from the environment too, so the chain never looks further (no IMDS).
    vi.stubEnv('AWS_ENDPOINT_URL', server.url);
    vi.stubEnv('AWS_ENDPOINT_URL_AUTO_SCALING', undefined);
    vi.stubEnv('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', undefined);
    vi.stubEnv('AWS_ACCESS_KEY_ID', CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', CREDENTIALS.secretAccessKey);
    vi.stubEnv('AWS_SESSION_TOKEN', undefined);
    const fromEnvironment = await autoScalingClient(REGION);
    // Were the variable ignored, the request would go to AWS: stop it before it leaves.
    fromEnvironment.middlewareStack.add(
      (next) => (args) => {
        const { hostname } = args.request as { hostname?: string };
        if (hostname !== '127.0.0.1') throw new Error(`refusing to send to ${String(hostname)}`);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'onlyLocalEndpoint' },
    );
    server.enqueue(xml('complete-lifecycle-action.xml'));

    try {
      const outcome = await createAutoScalingAdapter(
        fromEnvironment,
        REGION,
      ).completeLifecycleAction(action, 'CONTINUE');

      expect(outcome).toBe('completed');
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.headers.authorization).toContain(
        `Credential=${CREDENTIALS.accessKeyId}/`,
      );
    } finally {
      fromEnvironment.destroy();
      vi.unstubAllEnvs();
    }
  });
});
