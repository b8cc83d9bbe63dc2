/** The writers' wiring says, as a warning, which checks with their ownerId it cannot read and leaves alone. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { healthCheckTags } from '../../shared/domain/health-checks/tag-keys.js';
import { writerEnvironment } from '../../shared/runtime/writer-env.js';
import { startServer, type TestServer } from '../support/http-server.js';

const NS = 'https://route53.amazonaws.com/doc/2013-04-01/';
let server: TestServer;

beforeEach(async () => {
  server = await startServer();
  vi.stubEnv('AWS_ENDPOINT_URL', server.url);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMENV');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
  vi.stubEnv('AWS_SESSION_TOKEN', undefined);
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', undefined);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await server.close();
});

describe('writerEnvironment', () => {
  it('logs a warning for an owned check of a type it never creates, and lists it not', async () => {
    const tags = healthCheckTags('api-prod', {
      service: 'api',
      region: 'us-east-2',
      instanceId: 'i-1',
    })
      .map((t) => `<Tag><Key>${t.Key}</Key><Value>${t.Value}</Value></Tag>`)
      .join('');
    const xml = (body: string) => ({ headers: { 'content-type': 'text/xml' }, body });
    server.enqueue(
      xml(
        `<ListHealthChecksResponse xmlns="${NS}"><HealthChecks><HealthCheck><Id>hc-metric</Id><CallerReference>r1</CallerReference>` +
          '<HealthCheckConfig><Type>CLOUDWATCH_METRIC</Type></HealthCheckConfig><HealthCheckVersion>1</HealthCheckVersion></HealthCheck></HealthChecks>' +
          '<Marker></Marker><IsTruncated>false</IsTruncated><MaxItems>1000</MaxItems></ListHealthChecksResponse>',
      ),
      xml(
        `<ListTagsForResourcesResponse xmlns="${NS}"><ResourceTagSets><ResourceTagSet><ResourceType>healthcheck</ResourceType>` +
          `<ResourceId>hc-metric</ResourceId><Tags>${tags}</Tags></ResourceTagSet></ResourceTagSets></ListTagsForResourcesResponse>`,
      ),
    );
    const config = new URL('../fixtures/config/minimal.yaml', import.meta.url).pathname;
    const { logger, aws } = writerEnvironment({ REBALANCER_CONFIG: config });
    const warn = vi.spyOn(logger.powertools, 'warn').mockImplementation(() => undefined);

    await expect((await aws()).healthChecks.listOwned('api-prod')).resolves.toEqual([]);

    expect(warn).toHaveBeenCalledWith(
      'a health check with this ownerId cannot be read; left alone',
      {
        id: 'hc-metric',
        problem: 'settings: type CLOUDWATCH_METRIC is not one the rebalancer creates',
      },
    );
  });
});
