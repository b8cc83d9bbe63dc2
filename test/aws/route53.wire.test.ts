/**
 * The Route 53 adapter with a real Route53Client against a local HTTP server
 * speaking Route 53's REST-XML: the requests the SDK really sends, and what it
 * really makes of Route 53's answers, errors included.
 */
import { readFileSync } from 'node:fs';
import type { Route53Client } from '@aws-sdk/client-route-53';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_ATTEMPTS, route53Client } from '../../shared/aws/clients.js';
import type { Route53Adapter } from '../../shared/aws/route53.js';
import { createRoute53Adapter, StaleWriteError } from '../../shared/aws/route53.js';
import type { ChangeBatch, ResourceRecordSet } from '../../shared/domain/dns/records.js';
import { AwsCallError } from '../../shared/domain/errors.js';
import { startServer } from '../support/http-server.js';
import type { Reply, TestServer } from '../support/http-server.js';
import { recordedTiming, type RecordedTiming } from '../support/retry-timing.js';

const ZONE = 'Z0ROUTE53WIRE';
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wire-test-secret' };
const RRSET_PATH = `/2013-04-01/hostedzone/${ZONE}/rrset`;

let server: TestServer;
let client: Route53Client;
let timing: RecordedTiming;

beforeEach(async () => {
  server = await startServer();
  timing = recordedTiming();
  // The production client, its retries included, with waits that are recorded, not slept.
  client = route53Client({ endpoint: server.url, credentials: CREDENTIALS, retryTiming: timing });
});

afterEach(async () => {
  client.destroy();
  vi.unstubAllEnvs();
  await server.close();
});

function adapter(over: Route53Client = client): Route53Adapter {
  return createRoute53Adapter(over, { hostedZoneId: ZONE });
}

function xml(fixture: string, status = 200): Reply {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: readFileSync(new URL(`../fixtures/route53/${fixture}`, import.meta.url), 'utf8'),
  };
}

function weighted(id: string, weight: number, values: string[], extra = {}): ResourceRecordSet {
  const ResourceRecords = values.map((Value) => ({ Value }));
  return {
    Name: 'api.example.com.',
    Type: 'A',
    SetIdentifier: id,
    Weight: weight,
    TTL: 60,
    ResourceRecords,
    ...extra,
  };
}

describe('ListResourceRecordSets on the wire', () => {
  it('reads a subtree page by page, passing the cursor in the query string', async () => {
    server.enqueue(xml('list-api-page-1.xml'), xml('list-api-page-2.xml'));
    const records = await adapter().readRecords(['api.example.com']);

    // The second page names www.example.com., past the subtree: no third request.
    expect(server.requests.map((r) => [r.method, r.path])).toEqual([
      ['GET', RRSET_PATH],
      ['GET', RRSET_PATH],
    ]);
    expect(Object.fromEntries(server.requests[0]?.query ?? [])).toEqual({
      name: 'api.example.com.',
      maxitems: '300',
    });
    expect(Object.fromEntries(server.requests[1]?.query ?? [])).toEqual({
      name: 'api.example.com.',
      type: 'A',
      identifier: 'use2-c',
      maxitems: '300',
    });
    expect(server.requests[0]?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/route53\/aws4_request/,
    );

    expect(records).toStrictEqual([
      weighted('use2-a', 10, ['192.0.2.10']),
      weighted('use2-b', 20, ['192.0.2.11'], {
        HealthCheckId: '0c7f1e0b-6a9d-4a53-9f3e-2f5d1c0a7b01',
      }),
      weighted('use2-c', 0, ['192.0.2.12', '192.0.2.13']),
      {
        Name: '*.api.example.com.',
        Type: 'A',
        SetIdentifier: 'us-east-2',
        Region: 'us-east-2',
        AliasTarget: {
          HostedZoneId: 'Z3AADJGX6KTTL2',
          DNSName: 'dualstack.api-use2-1234567890.us-east-2.elb.amazonaws.com.',
          EvaluateTargetHealth: true,
        },
      },
      {
        Name: 'edge.api.example.com.',
        Type: 'A',
        AliasTarget: {
          HostedZoneId: ZONE,
          DNSName: '*.api.example.com.',
          EvaluateTargetHealth: false,
        },
      },
      {
        Name: 'mv.api.example.com.',
        Type: 'A',
        SetIdentifier: 'mv-1',
        MultiValueAnswer: true,
        TTL: 30,
        ResourceRecords: [{ Value: '198.51.100.7' }],
        HealthCheckId: '5b1b3c2e-8f0a-4d9e-b7a6-93c2d4e5f601',
      },
    ]);
  });
});

const BATCH: ChangeBatch = {
  Comment: 'rebalance api',
  Changes: [
    { Action: 'DELETE', ResourceRecordSet: weighted('use2-b', 20, ['192.0.2.11']) },
    { Action: 'CREATE', ResourceRecordSet: weighted('use2-b', 35, ['192.0.2.11']) },
  ],
};

describe('ChangeResourceRecordSets on the wire', () => {
  it('POSTs the batch as Route 53 XML and returns the change id', async () => {
    server.enqueue(xml('change-pending.xml'));
    await expect(adapter().changeRecords(BATCH)).resolves.toBe('/change/C2682N5HXP0BZ4');
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(RRSET_PATH);
    expect(request?.headers['content-type']).toBe('application/xml');
    const record = (weight: number) =>
      `<ResourceRecordSet><Name>api.example.com.</Name><Type>A</Type><SetIdentifier>use2-b</SetIdentifier><Weight>${weight}</Weight><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.11</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>`;
    expect(request?.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">' +
        `<ChangeBatch><Changes><Change><Action>DELETE</Action>${record(20)}</Change>` +
        `<Change><Action>CREATE</Action>${record(35)}</Change></Changes>` +
        '<Comment>rebalance api</Comment></ChangeBatch></ChangeResourceRecordSetsRequest>',
    );
  });

  it('surfaces an <ErrorResponse> InvalidChangeBatch as the SDK error, all messages in one', async () => {
    server.enqueue(xml('error-stale.xml', 400));
    const failure = adapter().changeRecords(BATCH);
    await expect(failure).rejects.toBeInstanceOf(StaleWriteError);
    await expect(failure).rejects.toMatchObject({
      messages: [
        "Tried to delete resource record set [name='api.example.com.', type='A', set-identifier='use2-b'] but the values provided do not match the current values",
        "Tried to create resource record set [name='api.example.com.', type='A', set-identifier='use2-d'] but it already exists",
      ],
      // What the SDK makes of it: the modeled InvalidChangeBatch, with `messages` left empty.
      cause: {
        name: 'InvalidChangeBatch',
        Code: 'InvalidChangeBatch',
        Type: 'Sender',
        messages: [],
        message: expect.stringMatching(/^\[Tried to delete .* but it already exists\]$/) as unknown,
        $fault: 'client',
        $metadata: { httpStatusCode: 400, requestId: '7eb28fd5-9ce6-11e4-a8e8-9f105805808f' },
      },
    });
    expect(server.requests).toHaveLength(1);
  });

  it('keeps Route 53 message for an InvalidChangeBatch that re-reading would not cure', async () => {
    server.enqueue(xml('error-ttl.xml', 400));
    const failure = adapter().changeRecords(BATCH);
    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toThrow(
      'ChangeResourceRecordSets failed: InvalidChangeBatch: [RRSet with DNS name api.example.com., type A, SetIdentifier use2-d cannot be created as weighted sets must contain the same TTL.]',
    );
  });

  it('reads the messages of an <InvalidChangeBatch> body, which the SDK calls Unknown', async () => {
    server.enqueue(xml('error-stale-messages.xml', 400));
    const failure = adapter().changeRecords(BATCH);
    await expect(failure).rejects.toBeInstanceOf(StaleWriteError);
    await expect(failure).rejects.toMatchObject({
      messages: [
        "Tried to delete resource record set [name='api.example.com.', type='A', set-identifier='use2-b'] but it was not found",
      ],
      cause: {
        name: 'Unknown',
        message: 'UnknownError',
        Messages: { Message: expect.any(String) as unknown },
      },
    });
  });
});

const THROTTLED = xml('error-throttling.xml', 400);
const PRIOR_REQUEST = xml('error-prior-request.xml', 400);

describe('throttling on the wire: the client retries, the adapter does not', () => {
  it.each([
    ['Throttling', THROTTLED],
    ['PriorRequestNotComplete', PRIOR_REQUEST],
  ])('converges after %s answered 5 times: 6 requests, one adapter call', async (_, refusal) => {
    server.enqueue(...Array.from({ length: MAX_ATTEMPTS - 1 }, () => refusal));
    server.enqueue(xml('change-pending.xml'));
    const route53 = adapter();

    await expect(route53.changeRecords(BATCH)).resolves.toBe('/change/C2682N5HXP0BZ4');

    expect(MAX_ATTEMPTS).toBe(6);
    expect(server.requests).toHaveLength(6);
    expect(server.requests.map((r) => r.headers['amz-sdk-request'])).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => `attempt=${n}; max=6`),
    );
    expect(route53.calls()).toBe(1);
    // One backoff before each retry, and the adaptive limiter told of every throttle.
    expect(timing.backoffs).toEqual([1, 2, 3, 4, 5]);
    expect(timing.reports).toEqual([...Array.from({ length: 5 }, () => 'THROTTLING'), 'SUCCESS']);
    expect(timing.sendTokens()).toBe(6);
  });

  it.each([
    ['Throttling', THROTTLED, 'Throttling: Rate exceeded'],
    [
      'PriorRequestNotComplete',
      PRIOR_REQUEST,
      'PriorRequestNotComplete: The request was rejected because Route 53 was still processing a prior request.',
    ],
  ])('gives up on a longer %s storm after exactly 6 requests', async (code, refusal, why) => {
    server.enqueue(...Array.from({ length: MAX_ATTEMPTS + 3 }, () => refusal));
    const route53 = adapter();

    const failure = route53.changeRecords(BATCH);

    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toThrow(`ChangeResourceRecordSets failed: ${why}`);
    await expect(failure).rejects.toMatchObject({
      operation: 'ChangeResourceRecordSets',
      cause: { name: code, $metadata: { httpStatusCode: 400, attempts: 6 } },
    });
    expect(server.requests).toHaveLength(6);
    expect(timing.backoffs).toEqual([1, 2, 3, 4, 5]);
    expect(route53.calls()).toBe(1);
  });

  it('retries a throttled page of a listing within the same adapter call', async () => {
    server.enqueue(THROTTLED, xml('list-api-page-1.xml'), THROTTLED, THROTTLED);
    server.enqueue(xml('list-api-page-2.xml'));
    const route53 = adapter();

    await expect(route53.readRecords(['api.example.com'])).resolves.toHaveLength(6);

    expect(server.requests).toHaveLength(5);
    expect(route53.calls()).toBe(2);
    // Each page starts its own count of attempts.
    expect(timing.backoffs).toEqual([1, 1, 2]);
  });

  it('does not retry what is not throttling: one request for a stale batch', async () => {
    server.enqueue(xml('error-stale.xml', 400), xml('change-pending.xml'));

    await expect(adapter().changeRecords(BATCH)).rejects.toBeInstanceOf(StaleWriteError);

    expect(server.requests).toHaveLength(1);
    expect(timing.backoffs).toEqual([]);
  });
});

describe('GetChange on the wire', () => {
  // The SDK waiter's delays are seconds; a millisecond keeps the test from waiting.
  const QUICK = { minDelaySeconds: 0.001, maxDelaySeconds: 0.001 };

  it('polls the change, its id without the /change/ prefix, until INSYNC', async () => {
    server.enqueue(xml('get-change-pending.xml'), xml('get-change-insync.xml'));
    const route53 = adapter();
    await expect(route53.waitInSync('/change/C2682N5HXP0BZ4', QUICK)).resolves.toBe(true);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /2013-04-01/change/C2682N5HXP0BZ4',
      'GET /2013-04-01/change/C2682N5HXP0BZ4',
    ]);
    expect(route53.calls()).toBe(2);
  });

  it('rides out a throttled poll inside the client: one poll, two requests', async () => {
    server.enqueue(xml('get-change-pending.xml'), THROTTLED, xml('get-change-insync.xml'));
    const route53 = adapter();
    await expect(route53.waitInSync('C2682N5HXP0BZ4', QUICK)).resolves.toBe(true);
    expect(server.requests).toHaveLength(3);
    expect(route53.calls()).toBe(2);
    expect(timing.backoffs).toEqual([1]);
  });
});

describe('route53Client', () => {
  beforeEach(() => {
    // Static credentials from the environment, so the chain never looks further (no IMDS).
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMENV');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
    vi.stubEnv('AWS_SESSION_TOKEN', undefined);
    vi.stubEnv('AWS_PROFILE', undefined);
    vi.stubEnv('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', undefined);
  });

  it.each(['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ROUTE_53'])(
    'reaches the endpoint named by %s, signing for us-east-1',
    async (variable) => {
      vi.stubEnv(variable, server.url);
      server.enqueue(xml('get-change-insync.xml'));
      const fromEnvironment = route53Client();
      await expect(fromEnvironment.config.region()).resolves.toBe('us-east-1');
      await expect(adapter(fromEnvironment).waitInSync('C2682N5HXP0BZ4')).resolves.toBe(true);
      expect(server.requests[0]?.headers.authorization).toContain('Credential=AKIDFROMENV/');
      expect(server.requests[0]?.headers.authorization).toContain(
        '/us-east-1/route53/aws4_request',
      );
      fromEnvironment.destroy();
    },
  );
});
