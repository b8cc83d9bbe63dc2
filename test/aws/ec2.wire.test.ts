/**
 * The EC2 adapter against a local HTTP server speaking EC2's query protocol:
 * what the real SDK puts on the wire, and what it makes of EC2's XML (whose
 * names differ from the SDK's: ipAddress is PublicIpAddress, tagSet is Tags).
 */
import { readFileSync } from 'node:fs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ec2Client } from '../../shared/aws/clients.js';
import { createEc2Adapter, createInstanceTypeCache } from '../../shared/aws/ec2.js';
import type { Ec2Adapter } from '../../shared/aws/ec2.js';
import { observationFrom } from '../../shared/formats/aws-shapes.js';
import type { Instance } from '../../shared/domain/fleet/fleet.js';
import { AwsCallError } from '../../shared/domain/errors.js';
import { startServer } from '../support/http-server.js';
import type { RecordedRequest, Reply, TestServer } from '../support/http-server.js';
import { recordedTiming, type RecordedTiming } from '../support/retry-timing.js';

const REGION = 'us-east-2';
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wire-test-secret' };

let server: TestServer;
let client: EC2Client;
let timing: RecordedTiming;

beforeEach(async () => {
  server = await startServer();
  timing = recordedTiming();
  // The production client, its retries included, with waits that are recorded, not slept.
  client = ec2Client(REGION, {
    endpoint: server.url,
    credentials: CREDENTIALS,
    retryTiming: timing,
  });
});

afterEach(async () => {
  client.destroy();
  await server.close();
});

function adapter(): Ec2Adapter {
  return createEc2Adapter(client, REGION, createInstanceTypeCache());
}

function xml(fixture: string, status = 200): Reply {
  return {
    status,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
    body: readFileSync(new URL(`../fixtures/ec2/${fixture}`, import.meta.url), 'utf8'),
  };
}

/** The form EC2's query protocol sends, as a plain object. */
function form(request: RecordedRequest | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request?.body ?? ''));
}

const api1: Instance = {
  id: 'i-0a1b2c3d4e5f60001',
  region: REGION,
  zone: 'us-east-2a',
  instanceType: 'm5.large',
  state: 'running',
  launchTime: '2026-11-20T08:15:42.000Z',
  tags: { Name: 'api-1', 'rebalancer:service': 'api' },
  publicIp: '3.14.205.11',
  privateIp: '10.0.1.11',
  ipv6: '2600:1f16:abc:d01::11',
};

describe('DescribeInstances on the wire', () => {
  it('posts the tag filter as a form and follows nextToken to the second page', async () => {
    server.enqueue(xml('describe-instances-page-1.xml'), xml('describe-instances-page-2.xml'));

    await adapter().describeMembers([
      { 'rebalancer:service': 'api' },
      { 'rebalancer:service': 'web' },
    ]);

    const [first, second] = server.requests;
    expect(server.requests).toHaveLength(2);
    expect(first?.method).toBe('POST');
    expect(first?.path).toBe('/');
    expect(first?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const filter = {
      Action: 'DescribeInstances',
      Version: '2016-11-15',
      'Filter.1.Name': 'tag:rebalancer:service',
      'Filter.1.Value.1': 'api',
      'Filter.1.Value.2': 'web',
      MaxResults: '1000',
    };
    expect(form(first)).toStrictEqual(filter);
    expect(form(second)).toStrictEqual({
      ...filter,
      NextToken: 'eyJ2IjoiMiIsImMiOiJwYWdlLTIifQ==',
    });
  });

  it('parses the XML into reservations that observationFrom turns into instances', async () => {
    server.enqueue(xml('describe-instances-page-1.xml'), xml('describe-instances-page-2.xml'));

    const reservations = await adapter().describeMembers([{ 'rebalancer:service': 'api' }]);

    expect(reservations[0]?.Instances?.[0]?.LaunchTime).toBeInstanceOf(Date);
    expect(observationFrom(REGION, { reservations }).instances).toStrictEqual([
      api1,
      {
        id: 'i-0a1b2c3d4e5f60002',
        region: REGION,
        zone: 'us-east-2b',
        instanceType: 'c5.xlarge',
        state: 'stopped',
        launchTime: '2026-11-19T22:03:00.000Z',
        tags: { 'rebalancer:service': 'web' },
        publicIp: undefined,
        privateIp: '10.0.2.12',
        ipv6: undefined,
      },
      {
        id: 'i-0a1b2c3d4e5f60003',
        region: REGION,
        zone: 'us-east-2c',
        instanceType: 'm5.large',
        state: 'terminated',
        launchTime: '2026-11-18T10:00:00.000Z',
        tags: { 'rebalancer:service': 'api' },
        publicIp: undefined,
        privateIp: undefined,
        ipv6: undefined,
      },
    ]);
  });

  it('surfaces an EC2 XML error as an AwsCallError naming the call and the region', async () => {
    server.enqueue(xml('unauthorized.xml', 403));

    const read = adapter().describeMembers([{ 'rebalancer:service': 'api' }]);

    await expect(read).rejects.toBeInstanceOf(AwsCallError);
    await expect(read).rejects.toThrow(
      'DescribeInstances in us-east-2 failed: UnauthorizedOperation: You are not authorized to perform this operation.',
    );
  });
});

describe('RequestLimitExceeded on the wire: the client retries, the adapter counts pages', () => {
  const LIMITED = xml('request-limit-exceeded.xml', 503);

  it('reads both pages through two throttles on each: six requests, two pages', async () => {
    server.enqueue(LIMITED, LIMITED, xml('describe-instances-page-1.xml'));
    server.enqueue(LIMITED, LIMITED, xml('describe-instances-page-2.xml'));
    const reader = adapter();

    const reservations = await reader.describeMembers([{ 'rebalancer:service': 'api' }]);

    expect(reservations.flatMap((r) => r.Instances ?? [])).toHaveLength(3);
    expect(server.requests).toHaveLength(6);
    expect(form(server.requests[5]).NextToken).toBe('eyJ2IjoiMiIsImMiOiJwYWdlLTIifQ==');
    expect(reader.calls()).toBe(2);
    expect(timing.backoffs).toEqual([1, 2, 1, 2]);
  });

  it('gives up on a storm after exactly 6 requests, naming the call and the region', async () => {
    server.enqueue(...Array.from({ length: 9 }, () => LIMITED));
    const reader = adapter();

    const read = reader.describeMembers([{ 'rebalancer:service': 'api' }]);

    await expect(read).rejects.toBeInstanceOf(AwsCallError);
    await expect(read).rejects.toThrow(
      'DescribeInstances in us-east-2 failed: RequestLimitExceeded: Request limit exceeded.',
    );
    await expect(read).rejects.toMatchObject({
      cause: { $metadata: { httpStatusCode: 503, attempts: 6 } },
    });
    expect(server.requests).toHaveLength(6);
    expect(reader.calls()).toBe(1);
  });
});

describe('DescribeInstanceTypes on the wire', () => {
  it('sends each type as InstanceType.N and reads vCpuInfo and memoryInfo', async () => {
    server.enqueue(xml('describe-instance-types.xml'));

    const instanceTypes = await adapter().describeInstanceTypes(['m5.large', 'c5.xlarge']);

    expect(form(server.requests[0])).toStrictEqual({
      Action: 'DescribeInstanceTypes',
      Version: '2016-11-15',
      'InstanceType.1': 'm5.large',
      'InstanceType.2': 'c5.xlarge',
    });
    expect(observationFrom(REGION, { reservations: [], instanceTypes }).instanceTypes).toEqual(
      new Map([
        ['m5.large', { vcpus: 2, memoryMiB: 8192 }],
        ['c5.xlarge', { vcpus: 4, memoryMiB: 8192 }],
      ]),
    );
  });
});

describe('DescribeInstanceStatus on the wire', () => {
  it('sends InstanceId.N with IncludeAllInstances and reads both checks', async () => {
    server.enqueue(xml('describe-instance-status.xml'));

    const statuses = await adapter().describeStatuses([
      'i-0a1b2c3d4e5f60001',
      'i-0a1b2c3d4e5f60002',
    ]);

    expect(form(server.requests[0])).toStrictEqual({
      Action: 'DescribeInstanceStatus',
      Version: '2016-11-15',
      'InstanceId.1': 'i-0a1b2c3d4e5f60001',
      'InstanceId.2': 'i-0a1b2c3d4e5f60002',
      IncludeAllInstances: 'true',
    });
    expect(observationFrom(REGION, { reservations: [], statuses }).statuses).toEqual(
      new Map([
        ['i-0a1b2c3d4e5f60001', { instance: 'impaired', system: 'ok' }],
        ['i-0a1b2c3d4e5f60002', { instance: 'not-applicable', system: 'not-applicable' }],
      ]),
    );
  });
});

describe('ec2Client', () => {
  it('sends to AWS_ENDPOINT_URL when no endpoint is given', async () => {
    // Credentials from the environment too, so the chain never looks further (no IMDS).
    vi.stubEnv('AWS_ENDPOINT_URL', server.url);
    vi.stubEnv('AWS_ENDPOINT_URL_EC2', undefined);
    vi.stubEnv('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', undefined);
    vi.stubEnv('AWS_ACCESS_KEY_ID', CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', CREDENTIALS.secretAccessKey);
    vi.stubEnv('AWS_SESSION_TOKEN', undefined);
    const fromEnvironment = ec2Client(REGION);
    // Were the variable ignored, the request would go to AWS: stop it before it leaves.
    fromEnvironment.middlewareStack.add(
      (next) => (args) => {
        const { hostname } = args.request as { hostname?: string };
        if (hostname !== '127.0.0.1') throw new Error(`refusing to send to ${String(hostname)}`);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'onlyLocalEndpoint' },
    );
    server.enqueue(xml('describe-instances-page-2.xml'));

    try {
      const reservations = await createEc2Adapter(fromEnvironment, REGION).describeMembers([
        { 'rebalancer:service': 'api' },
      ]);

      expect(reservations).toHaveLength(1);
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
