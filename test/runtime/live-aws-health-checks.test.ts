/**
 * The live wiring of the health-check adapter: Route 53 signed for us-east-1,
 * and the HealthCheckStatus metric read from CloudWatch in us-east-1 whatever
 * the Lambda's own region, both reached through AWS_ENDPOINT_URL.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveAws } from '../../shared/runtime/live-aws.js';
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
    const aws = liveAws('Z0EXAMPLE', { onUnreadableHealthCheck: () => undefined });

    await expect(aws.healthChecks.statuses(['hc-1'])).resolves.toEqual(new Map());
    await expect(aws.healthChecks.listOwned('prod')).resolves.toEqual([]);

    const [metrics, list] = server.requests;
    expect(metrics?.headers['x-amz-target']).toBe('GraniteServiceVersion20100801.GetMetricData');
    expect(metrics?.headers.authorization).toContain('/us-east-1/monitoring/aws4_request');
    expect(list?.path).toBe('/2013-04-01/healthcheck');
    expect(list?.headers.authorization).toContain('/us-east-1/route53/aws4_request');
    expect(aws.healthChecks.calls()).toEqual({ route53: 1, cloudWatch: 1 });
  });
});
