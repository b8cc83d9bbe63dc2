/**
 * A connection that never answers ends in a timeout the adaptive strategy
 * retries, never in a reconcile stalled until Lambda kills it: every client is
 * built with REQUEST_TIMEOUTS (here shortened, against a local server).
 */
import { ListHostedZonesCommand } from '@aws-sdk/client-route-53';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpRequest } from '@smithy/core/protocols';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autoScalingClient,
  cloudWatchClient,
  ec2Client,
  MAX_ATTEMPTS,
  REQUEST_TIMEOUTS,
  route53Client,
  sqsClient,
  type ClientOptions,
} from '../../shared/aws/clients.js';
import { startServer, type TestServer } from '../support/http-server.js';
import { recordedTiming } from '../support/retry-timing.js';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };
const timeouts = { connectMs: 1_000, requestMs: 150 };

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

const options = (): ClientOptions => ({
  endpoint: server.url,
  credentials,
  retryTiming: recordedTiming(),
  timeouts,
});

const HOSTED_ZONES = `<?xml version="1.0"?>
<ListHostedZonesResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
  <HostedZones/><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems>
</ListHostedZonesResponse>`;

describe('request timeouts', () => {
  it('ends a call that never gets an answer with a TimeoutError after MAX_ATTEMPTS requests', async () => {
    server.route(() => ({ hang: true }));
    const client = route53Client(options());
    try {
      await expect(client.send(new ListHostedZonesCommand({}))).rejects.toMatchObject({
        name: 'TimeoutError',
      });
      expect(server.requests).toHaveLength(MAX_ATTEMPTS);
    } finally {
      client.destroy();
    }
  });

  it('retries a request that timed out, and the next answer is the result', async () => {
    server.enqueue({ hang: true }, { body: HOSTED_ZONES, headers: { 'content-type': 'text/xml' } });
    const client = route53Client(options());
    try {
      const result = await client.send(new ListHostedZonesCommand({}));
      expect(result.HostedZones).toEqual([]);
      expect(server.requests).toHaveLength(2);
    } finally {
      client.destroy();
    }
  });

  it('times out EC2 the same way (every client shares the settings)', async () => {
    server.route(() => ({ hang: true }));
    const client = ec2Client('us-east-2', options());
    try {
      await expect(client.send(new DescribeRegionsCommand({}))).rejects.toMatchObject({
        name: 'TimeoutError',
      });
      expect(server.requests).toHaveLength(MAX_ATTEMPTS);
    } finally {
      client.destroy();
    }
  });

  const builders = [
    ['Route 53', () => route53Client()],
    ['EC2', () => ec2Client('us-east-2')],
    ['CloudWatch', () => cloudWatchClient('us-east-2')],
    ['SQS', () => sqsClient()],
    ['Auto Scaling', () => autoScalingClient('us-east-2')],
  ] as const;

  it.each(builders)('%s is built with the production timeouts, thrown', async (_, build) => {
    const client = await build();
    try {
      const handler = client.config.requestHandler;
      expect(handler).toBeInstanceOf(NodeHttpHandler);
      // The handler settles its options on its first request.
      const request = new HttpRequest({
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: server.port,
      });
      await (handler as NodeHttpHandler).handle(request);
      expect((handler as NodeHttpHandler).httpHandlerConfigs()).toMatchObject({
        connectionTimeout: REQUEST_TIMEOUTS.connectMs,
        requestTimeout: REQUEST_TIMEOUTS.requestMs,
        throwOnRequestTimeout: true,
      });
      expect(REQUEST_TIMEOUTS).toEqual({ connectMs: 3_000, requestMs: 10_000 });
    } finally {
      client.destroy();
    }
  });
});
