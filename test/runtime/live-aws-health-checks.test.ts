/**
 * The live wiring of the health-check adapter: Route 53 signed for us-east-1,
 * and the HealthCheckStatus metric read from CloudWatch in us-east-1 whatever
 * the Lambda's own region, both reached through AWS_ENDPOINT_URL.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveAws, liveReconcileDeps } from '../../shared/runtime/live-aws.js';
import { silentLogger } from '../../shared/app/log.js';
import type { AccountSpec } from '../../shared/domain/accounts.js';
import { startServer, type TestServer } from '../support/http-server.js';

let server: TestServer;

beforeEach(async () => {
  server = await startServer();
  vi.stubEnv('AWS_ENDPOINT_URL', server.url);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMENV');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
  vi.stubEnv('AWS_SESSION_TOKEN', undefined);
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', undefined);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

describe('liveAws().healthChecks', () => {
  it('is the health-check port the live reconcile is given', () => {
    const aws = liveAws('Z0EXAMPLE', undefined, { onUnreadableHealthCheck: () => undefined });
    expect(liveReconcileDeps(aws, silentLogger, undefined).healthChecks).toBe(aws.healthChecks);
  });

  it('reads statuses from CloudWatch in us-east-1 and lists checks from Route 53', async () => {
    const NS = 'https://route53.amazonaws.com/doc/2013-04-01/';
    server.enqueue(
      {
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: '{"MetricDataResults":[]}',
      },
      {
        headers: { 'content-type': 'text/xml' },
        body: `<ListHealthChecksResponse xmlns="${NS}"><HealthChecks></HealthChecks><Marker></Marker><IsTruncated>false</IsTruncated><MaxItems>1000</MaxItems></ListHealthChecksResponse>`,
      },
    );
    const aws = liveAws('Z0EXAMPLE', undefined, { onUnreadableHealthCheck: () => undefined });

    await expect(aws.healthChecks.statuses(['hc-1'])).resolves.toEqual(new Map());
    await expect(aws.healthChecks.listOwned('prod')).resolves.toEqual([]);

    const [metrics, list] = server.requests;
    expect(metrics?.headers['x-amz-target']).toBe('GraniteServiceVersion20100801.GetMetricData');
    expect(metrics?.headers.authorization).toContain('/us-east-1/monitoring/aws4_request');
    expect(list?.path).toBe('/2013-04-01/healthcheck');
    expect(list?.headers.authorization).toContain('/us-east-1/route53/aws4_request');
    expect(aws.healthChecks.calls()).toEqual({ route53: 1, cloudWatch: 1 });
  });

  it('with the zone in another account, manages the checks and reads their metric with the zone’s role', async () => {
    const NS = 'https://route53.amazonaws.com/doc/2013-04-01/';
    server.route((request) => {
      if (new URLSearchParams(request.body).get('Action') === 'AssumeRole')
        return {
          headers: { 'content-type': 'text/xml' },
          body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAZONE</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>${new Date(Date.now() + 3_600_000).toISOString()}</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>`,
        };
      if (request.path === '/2013-04-01/healthcheck')
        return {
          headers: { 'content-type': 'text/xml' },
          body: `<ListHealthChecksResponse xmlns="${NS}"><HealthChecks></HealthChecks><Marker></Marker><IsTruncated>false</IsTruncated><MaxItems>1000</MaxItems></ListHealthChecksResponse>`,
        };
      if (request.headers['x-amz-target'] === 'GraniteServiceVersion20100801.GetMetricData')
        return {
          headers: { 'content-type': 'application/x-amz-json-1.0' },
          body: '{"MetricDataResults":[]}',
        };
      return undefined;
    });
    const zone: AccountSpec = {
      name: 'dns',
      roleArn: 'arn:aws:iam::444455556666:role/route53-rebalancer-zone',
      accountId: '444455556666',
      externalId: undefined,
      sessionName: 'route53-rebalancer',
    };
    const aws = liveAws('Z0EXAMPLE', { regions: new Map(), zone });

    await aws.healthChecks.listOwned('prod');
    await aws.healthChecks.statuses(['hc-1']);

    const signed = server.requests
      .filter(
        (r) => r.path === '/2013-04-01/healthcheck' || r.headers['x-amz-target'] !== undefined,
      )
      .map((r) =>
        /Credential=([^/]+)\/\d+\/([^/]+)\/([^/]+)\//
          .exec(String(r.headers.authorization))
          ?.slice(1)
          .join(' '),
      );
    expect(signed).toEqual(['ASIAZONE us-east-1 route53', 'ASIAZONE us-east-1 monitoring']);
  });
});
