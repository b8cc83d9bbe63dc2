/**
 * The health-check adapter with the production clients (their retries
 * included) against a local server speaking Route 53's REST-XML and
 * CloudWatch's JSON 1.0: the requests the SDK really sends for the six Route
 * 53 calls and GetMetricData, what it makes of the answers, and the faults
 * that matter: a create whose response is lost after it succeeded (the
 * CallerReference path), a delete refused with HealthCheckInUse, throttling.
 */
import { readFileSync } from 'node:fs';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Route53Client } from '@aws-sdk/client-route-53';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cloudWatchClient, MAX_ATTEMPTS, route53Client } from '../../shared/aws/clients.js';
import type { HealthCheckAdapter } from '../../shared/aws/health-checks.js';
import { createHealthCheckAdapter } from '../../shared/aws/health-checks.js';
import { AwsCallError } from '../../shared/domain/errors.js';
import type { DesiredHealthCheck } from '../../shared/domain/health-checks/types.js';
import { startServer } from '../support/http-server.js';
import type { RecordedRequest, Reply, TestServer } from '../support/http-server.js';
import { recordedTiming, type RecordedTiming } from '../support/retry-timing.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wire-test-secret' };
const NS = 'https://route53.amazonaws.com/doc/2013-04-01/';
const OWNER = 'prod';
const NOW = new Date('2026-11-20T08:15:00Z');

const CHECK: DesiredHealthCheck = {
  subject: { service: 'api', region: 'us-east-2', instanceId: 'i-0a1b2c3d4e5f60001' },
  config: {
    kind: 'endpoint',
    type: 'HTTPS_STR_MATCH',
    ipAddress: '192.0.2.17',
    port: 443,
    resourcePath: '/health',
    searchString: 'ok',
    requestInterval: 10,
    failureThreshold: 3,
    regions: ['us-east-1', 'eu-west-1', 'ap-southeast-1'],
    inverted: false,
  },
  callerReference: 'prod-api-i-0a1b2c3d4e5f60001-v1',
};

// What this SDK (3.1169, schema-based serde) writes: the required Type first, then the model's
// order. The API reference lists IPAddress and Port before Type; the SDK is AWS's own client
// of this API, so Route 53 takes its order (ROUTE53.md: the CLI, not the SDKs, is the risk).
const SENT_CONFIG =
  '<HealthCheckConfig><Type>HTTPS_STR_MATCH</Type><IPAddress>192.0.2.17</IPAddress><Port>443</Port>' +
  '<ResourcePath>/health</ResourcePath><SearchString>ok</SearchString><RequestInterval>10</RequestInterval>' +
  '<FailureThreshold>3</FailureThreshold><Inverted>false</Inverted>' +
  '<Regions><Region>us-east-1</Region><Region>eu-west-1</Region><Region>ap-southeast-1</Region></Regions>' +
  '</HealthCheckConfig>';

let server: TestServer;
let timing: RecordedTiming;
let route53: Route53Client;
let cloudWatch: CloudWatchClient;

beforeEach(async () => {
  server = await startServer();
  timing = recordedTiming();
  const options = { endpoint: server.url, credentials: CREDENTIALS, retryTiming: timing };
  route53 = route53Client(options);
  cloudWatch = cloudWatchClient('us-east-1', options);
});

afterEach(async () => {
  route53.destroy();
  cloudWatch.destroy();
  await server.close();
});

function adapter(): HealthCheckAdapter {
  return createHealthCheckAdapter(route53, cloudWatch, { now: () => NOW });
}

function xml(body: string, status = 200, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'text/xml', ...headers },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  };
}

function fixture(name: string, status: number): Reply {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: readFileSync(new URL(`../fixtures/route53/${name}`, import.meta.url), 'utf8'),
  };
}

const THROTTLED = fixture('error-throttling.xml', 400);
const between = (text: string, tag: string) =>
  new RegExp(`<${tag}>(.*?)</${tag}>`, 's').exec(text)?.[1];

interface StoredCheck {
  readonly id: string;
  readonly reference: string;
  /** The settings as sent, echoed back as Route 53 echoes them (plus its defaults). */
  readonly config: string;
  tags: string;
}

/**
 * Route 53's health-check API over a store, as a route of the test server.
 * `dropCreates` loses the response of that many creates after they succeeded.
 */
function route53Api(server: TestServer) {
  const checks: StoredCheck[] = [];
  const state = { dropCreates: 0, created: 0 };
  const healthCheck = (c: StoredCheck) =>
    `<HealthCheck><Id>${c.id}</Id><CallerReference>${c.reference}</CallerReference>` +
    c.config.replace(
      '</HealthCheckConfig>',
      '<MeasureLatency>false</MeasureLatency><Disabled>false</Disabled><EnableSNI>true</EnableSNI></HealthCheckConfig>',
    ) +
    '<HealthCheckVersion>1</HealthCheckVersion></HealthCheck>';

  function create(request: RecordedRequest): Reply {
    const reference = between(request.body, 'CallerReference') ?? '';
    const config = /<HealthCheckConfig>.*<\/HealthCheckConfig>/s.exec(request.body)?.[0] ?? '';
    let check = checks.find((c) => c.reference === reference);
    if (check !== undefined && check.config !== config)
      return fixture('error-health-check-exists.xml', 409);
    if (check === undefined) {
      state.created++;
      check = {
        id: `abcdef11-2222-3333-4444-${String(state.created).padStart(12, '0')}`,
        reference,
        config,
        tags: '',
      };
      checks.push(check);
    }
    if (state.dropCreates > 0) {
      state.dropCreates--;
      return { drop: true };
    }
    return xml(
      `<CreateHealthCheckResponse xmlns="${NS}">${healthCheck(check)}</CreateHealthCheckResponse>`,
      201,
      { location: `https://route53.amazonaws.com/2013-04-01/healthcheck/${check.id}` },
    );
  }

  function list(request: RecordedRequest): Reply {
    const marker = request.query.get('marker');
    const size = Number(request.query.get('maxitems') ?? '100');
    const start = marker === null ? 0 : checks.findIndex((c) => c.id === marker);
    const page = checks.slice(start, start + size);
    const next = checks[start + size];
    return xml(
      `<ListHealthChecksResponse xmlns="${NS}"><HealthChecks>${page.map(healthCheck).join('')}</HealthChecks>` +
        `<Marker>${marker ?? ''}</Marker><IsTruncated>${String(next !== undefined)}</IsTruncated>` +
        (next === undefined ? '' : `<NextMarker>${next.id}</NextMarker>`) +
        `<MaxItems>${size}</MaxItems></ListHealthChecksResponse>`,
    );
  }

  function tagsOf(request: RecordedRequest): Reply {
    const ids = [...request.body.matchAll(/<ResourceId>(.*?)<\/ResourceId>/g)].map((m) => m[1]);
    const sets = ids.map((id) => {
      const tags = checks.find((c) => c.id === id)?.tags ?? '';
      return `<ResourceTagSet><ResourceType>healthcheck</ResourceType><ResourceId>${id}</ResourceId><Tags>${tags}</Tags></ResourceTagSet>`;
    });
    return xml(
      `<ListTagsForResourcesResponse xmlns="${NS}"><ResourceTagSets>${sets.join('')}</ResourceTagSets></ListTagsForResourcesResponse>`,
    );
  }

  function tag(request: RecordedRequest, id: string): Reply {
    const check = checks.find((c) => c.id === id);
    if (check === undefined) return fixture('error-no-such-health-check.xml', 404);
    check.tags = between(request.body, 'AddTags') ?? '';
    return xml(`<ChangeTagsForResourceResponse xmlns="${NS}"/>`);
  }

  function remove(id: string): Reply {
    const at = checks.findIndex((c) => c.id === id);
    if (at < 0) return fixture('error-no-such-health-check.xml', 404);
    checks.splice(at, 1);
    return xml(`<DeleteHealthCheckResponse xmlns="${NS}"/>`);
  }

  server.route((request) => {
    const { method, path } = request;
    if (method === 'POST' && path === '/2013-04-01/healthcheck') return create(request);
    if (method === 'GET' && path === '/2013-04-01/healthcheck') return list(request);
    if (method === 'POST' && path === '/2013-04-01/tags/healthcheck') return tagsOf(request);
    const tagged = /^\/2013-04-01\/tags\/healthcheck\/([^/]+)$/.exec(path);
    if (method === 'POST' && tagged !== null) return tag(request, tagged[1] ?? '');
    const one = /^\/2013-04-01\/healthcheck\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && one !== null) return remove(one[1] ?? '');
    return undefined;
  });
  return { checks, state };
}

const calls = (requests: readonly RecordedRequest[]) =>
  requests.map((r) => `${r.method} ${r.path}`);

describe('CreateHealthCheck and ChangeTagsForResource on the wire', () => {
  it('POSTs the reference and the settings (the SDK writes Type first), then the tags', async () => {
    const api = route53Api(server);

    const id = await adapter().create(CHECK, OWNER);

    expect(id).toBe('abcdef11-2222-3333-4444-000000000001');
    expect(calls(server.requests)).toEqual([
      'POST /2013-04-01/healthcheck',
      `POST /2013-04-01/tags/healthcheck/${id}`,
    ]);
    const [created, tagged] = server.requests;
    expect(created?.headers['content-type']).toBe('application/xml');
    expect(created?.headers.authorization).toMatch(/\/us-east-1\/route53\/aws4_request/);
    expect(created?.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        `<CreateHealthCheckRequest xmlns="${NS}"><CallerReference>prod-api-i-0a1b2c3d4e5f60001-v1</CallerReference>` +
        `${SENT_CONFIG}</CreateHealthCheckRequest>`,
    );
    const tag = (key: string, value: string) =>
      `<Tag><Key>${key}</Key><Value>${value}</Value></Tag>`;
    expect(tagged?.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        `<ChangeTagsForResourceRequest xmlns="${NS}"><AddTags>` +
        tag('rebalancer:owner', 'prod') +
        tag('rebalancer:service', 'api') +
        tag('rebalancer:region', 'us-east-2') +
        tag('rebalancer:instance', 'i-0a1b2c3d4e5f60001') +
        tag('Name', 'prod api us-east-2 i-0a1b2c3d4e5f60001') +
        '</AddTags></ChangeTagsForResourceRequest>',
    );
    expect(api.checks).toHaveLength(1);
  });

  it('a calculated check: ChildHealthChecks and HealthThreshold', async () => {
    route53Api(server);
    await adapter().create(
      {
        subject: { service: 'api', region: 'us-east-2', group: 'endpoint-a' },
        config: {
          kind: 'calculated',
          childIds: ['c-1', 'c-2'],
          healthThreshold: 1,
          inverted: false,
        },
        callerReference: 'prod-api-endpoint-a-v1',
      },
      OWNER,
    );
    expect(server.requests[0]?.body).toContain(
      '<HealthCheckConfig><Type>CALCULATED</Type><Inverted>false</Inverted><HealthThreshold>1</HealthThreshold>' +
        '<ChildHealthChecks><ChildHealthCheck>c-1</ChildHealthCheck><ChildHealthCheck>c-2</ChildHealthCheck></ChildHealthChecks>' +
        '</HealthCheckConfig>',
    );
  });
});

describe('a create that timed out after it succeeded', () => {
  it('the client retries with the same CallerReference, Route 53 returns the same check: one check, tagged', async () => {
    const api = route53Api(server);
    api.state.dropCreates = 1;
    const health = adapter();

    const id = await health.create(CHECK, OWNER);

    expect(calls(server.requests)).toEqual([
      'POST /2013-04-01/healthcheck',
      'POST /2013-04-01/healthcheck',
      `POST /2013-04-01/tags/healthcheck/${id}`,
    ]);
    expect(server.requests[0]?.body).toBe(server.requests[1]?.body);
    expect(server.requests[1]?.headers['amz-sdk-request']).toBe(`attempt=2; max=${MAX_ATTEMPTS}`);
    expect(api.checks.map((c) => c.id)).toEqual([id]);
    expect(api.checks[0]?.tags).toContain('<Key>rebalancer:owner</Key><Value>prod</Value>');
    await expect(health.listOwned(OWNER)).resolves.toMatchObject([
      { id, callerReference: CHECK.callerReference },
    ]);
  });

  it('every answer lost: the call fails, and the next reconcile’s create ends with the same one check, tagged', async () => {
    const api = route53Api(server);
    api.state.dropCreates = MAX_ATTEMPTS;
    const health = adapter();

    const failure = health.create(CHECK, OWNER);
    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toThrow(/^CreateHealthCheck failed: /);
    expect(server.requests).toHaveLength(MAX_ATTEMPTS);
    // Created, untagged: invisible to listOwned, so the loop asks for it again.
    await expect(health.listOwned(OWNER)).resolves.toEqual([]);

    const id = await health.create(CHECK, OWNER);
    expect(api.checks.map((c) => c.id)).toEqual([id]);
    await expect(health.listOwned(OWNER)).resolves.toHaveLength(1);
  });

  it('a HealthCheckAlreadyExists for the reference: found by listing, tagged, one check', async () => {
    const api = route53Api(server);
    // The check exists under the reference with settings Route 53 judges different.
    api.checks.push({
      id: 'abcdef11-earlier',
      reference: CHECK.callerReference,
      config: '<HealthCheckConfig><Type>TCP</Type></HealthCheckConfig>',
      tags: '',
    });

    await expect(adapter().create(CHECK, OWNER)).resolves.toBe('abcdef11-earlier');

    expect(calls(server.requests)).toEqual([
      'POST /2013-04-01/healthcheck',
      'GET /2013-04-01/healthcheck',
      'POST /2013-04-01/tags/healthcheck',
      'POST /2013-04-01/tags/healthcheck/abcdef11-earlier',
    ]);
    expect(server.requests[1]?.query.get('maxitems')).toBe('1000');
    expect(api.checks).toHaveLength(1);
  });
});

describe('throttling on create', () => {
  it('converges after five Throttling answers: six requests, one adapter call', async () => {
    route53Api(server);
    server.enqueue(...Array.from({ length: MAX_ATTEMPTS - 1 }, () => THROTTLED));
    const health = adapter();

    await expect(health.create(CHECK, OWNER)).resolves.toMatch(/^abcdef11-/);

    expect(server.requests.filter((r) => r.path === '/2013-04-01/healthcheck')).toHaveLength(6);
    expect(timing.backoffs).toEqual([1, 2, 3, 4, 5]);
    expect(timing.reports.slice(0, 6)).toEqual([
      ...Array.from({ length: 5 }, () => 'THROTTLING'),
      'SUCCESS',
    ]);
    expect(health.calls().route53).toBe(2);
  });

  it('a storm fails with an AwsCallError after exactly six requests, creating nothing', async () => {
    const api = route53Api(server);
    server.enqueue(...Array.from({ length: MAX_ATTEMPTS + 3 }, () => THROTTLED));

    const failure = adapter().create(CHECK, OWNER);

    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toThrow('CreateHealthCheck failed: Throttling: Rate exceeded');
    await expect(failure).rejects.toMatchObject({
      cause: { name: 'Throttling', $metadata: { attempts: 6 } },
    });
    expect(server.requests).toHaveLength(6);
    expect(api.checks).toEqual([]);
  });
});

describe('ListHealthChecks and ListTagsForResources on the wire', () => {
  it('pages by marker, reads the tags of up to ten ids per POST, keeps this owner’s', async () => {
    const api = route53Api(server);
    const tag = (key: string, value: string) =>
      `<Tag><Key>${key}</Key><Value>${value}</Value></Tag>`;
    for (let n = 0; n < 12; n++) {
      api.checks.push({
        id: `abcdef11-${n}`,
        reference: `ref-${n}`,
        config: SENT_CONFIG,
        tags:
          tag('rebalancer:owner', n < 11 ? OWNER : 'staging') +
          tag('rebalancer:service', 'api') +
          tag('rebalancer:region', 'us-east-2') +
          tag('rebalancer:instance', `i-${n}`),
      });
    }
    const fresh = adapter();

    const owned = await fresh.listOwned(OWNER);

    expect(owned).toHaveLength(11);
    expect(owned[0]).toStrictEqual({
      id: api.checks[0]?.id,
      callerReference: 'ref-0',
      subject: { service: 'api', region: 'us-east-2', instanceId: 'i-0' },
      config: CHECK.config,
    });
    expect(calls(server.requests)).toEqual([
      'GET /2013-04-01/healthcheck',
      'POST /2013-04-01/tags/healthcheck',
      'POST /2013-04-01/tags/healthcheck',
    ]);
    expect(Object.fromEntries(server.requests[0]?.query ?? [])).toEqual({ maxitems: '1000' });
    const ids = (r: RecordedRequest | undefined) =>
      [...(r?.body ?? '').matchAll(/<ResourceId>/g)].length;
    expect([ids(server.requests[1]), ids(server.requests[2])]).toEqual([10, 2]);
    expect(server.requests[1]?.body).toMatch(
      new RegExp(
        `^<\\?xml version="1.0" encoding="UTF-8"\\?><ListTagsForResourcesRequest xmlns="${NS}"><ResourceIds><ResourceId>abcdef11-`,
      ),
    );
  });

  it('follows NextMarker in the query string', async () => {
    server.enqueue(
      xml(
        `<ListHealthChecksResponse xmlns="${NS}"><HealthChecks></HealthChecks><Marker></Marker><IsTruncated>true</IsTruncated><NextMarker>abc-2</NextMarker><MaxItems>1000</MaxItems></ListHealthChecksResponse>`,
      ),
      xml(
        `<ListHealthChecksResponse xmlns="${NS}"><HealthChecks></HealthChecks><Marker>abc-2</Marker><IsTruncated>false</IsTruncated><MaxItems>1000</MaxItems></ListHealthChecksResponse>`,
      ),
    );
    await expect(adapter().listOwned(OWNER)).resolves.toEqual([]);
    expect(Object.fromEntries(server.requests[1]?.query ?? [])).toEqual({
      marker: 'abc-2',
      maxitems: '1000',
    });
  });
});

describe('DeleteHealthCheck on the wire', () => {
  it('DELETEs by id; HealthCheckInUse is in-use, NoSuchHealthCheck is gone', async () => {
    route53Api(server);
    const health = adapter();
    const id = await health.create(CHECK, OWNER);
    const before = server.requests.length;
    server.enqueue(fixture('error-health-check-in-use.xml', 400));

    await expect(health.delete(id)).resolves.toBe('in-use');
    await expect(health.delete(id)).resolves.toBe('deleted');
    expect(calls(server.requests.slice(before))).toEqual([
      `DELETE /2013-04-01/healthcheck/${id}`,
      `DELETE /2013-04-01/healthcheck/${id}`,
    ]);

    const again = await health.create({ ...CHECK, callerReference: 'other' }, OWNER);
    server.enqueue(fixture('error-no-such-health-check.xml', 404));
    await expect(health.delete(again)).resolves.toBe('gone');
    // Refusals are not retried.
    expect(timing.backoffs).toEqual([]);
  });
});

describe('GetHealthCheckStatus on the wire', () => {
  it('GETs the status path and applies the 18 % rule to the observations', async () => {
    server.enqueue(fixture('health-check-status.xml', 200));
    const reports = await adapter().checkerReports('abcdef11-2222-3333-4444-555555fedcba');
    expect(calls(server.requests)).toEqual([
      'GET /2013-04-01/healthcheck/abcdef11-2222-3333-4444-555555fedcba/status',
    ]);
    // One of three: 33 % > 18 %.
    expect(reports.healthy).toBe(true);
    expect(reports.reports.map((r) => r.region)).toEqual([
      'us-east-1',
      'eu-west-1',
      'ap-southeast-1',
    ]);
  });
});

describe('GetMetricData on the wire', () => {
  const JSON_1_0 = 'application/x-amz-json-1.0';

  it('POSTs JSON 1.0 with epoch-second times and reads the newest value per query', async () => {
    server.enqueue({
      headers: { 'content-type': JSON_1_0 },
      body: JSON.stringify({
        MetricDataResults: [
          {
            Id: 'h0',
            Label: 'HealthCheckStatus',
            Timestamps: [1795162440, 1795162380],
            Values: [1, 0],
            StatusCode: 'Complete',
          },
          {
            Id: 'h1',
            Label: 'HealthCheckStatus',
            Timestamps: [1795162440],
            Values: [0],
            StatusCode: 'Complete',
          },
          {
            Id: 'h2',
            Label: 'HealthCheckStatus',
            Timestamps: [],
            Values: [],
            StatusCode: 'Complete',
          },
        ],
        Messages: [],
      }),
    });

    const statuses = await adapter().statuses(['hc-up', 'hc-down', 'hc-new']);

    expect([...statuses]).toEqual([
      ['hc-up', true],
      ['hc-down', false],
    ]);
    const [request] = server.requests;
    expect(request?.headers['x-amz-target']).toBe('GraniteServiceVersion20100801.GetMetricData');
    expect(request?.headers.authorization).toMatch(/\/us-east-1\/monitoring\/aws4_request/);
    const body = JSON.parse(request?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({
      StartTime: 1795162320,
      EndTime: 1795162500,
      ScanBy: 'TimestampDescending',
    });
    expect((body.MetricDataQueries as unknown[])[2]).toStrictEqual({
      Id: 'h2',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Route53',
          MetricName: 'HealthCheckStatus',
          Dimensions: [{ Name: 'HealthCheckId', Value: 'hc-new' }],
        },
        Period: 60,
        Stat: 'Minimum',
      },
      ReturnData: true,
    });
  });
});
