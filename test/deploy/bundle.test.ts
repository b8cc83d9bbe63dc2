import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../scripts/lib/build.js';
import { sampleEvent, stateChange } from '../support/events.js';
import {
  startServer,
  type RecordedRequest,
  type Reply,
  type TestServer,
} from '../support/http-server.js';
import { sqsEvent } from '../support/sqs.js';

/**
 * The bundles as Lambda runs them: each loaded in a fresh Node process, with
 * source maps on, the config beside it, and the bundled SDK talking to a local
 * server that speaks EC2, CloudWatch, Route 53 and SQS. This proves what the
 * unit tests cannot: the bundle loads (require shim), finds its config, and its
 * SDK serialises requests and reads responses, schemas and all.
 */
const CONFIG = `
hostedZoneId: Z0EXAMPLE12345
ownerId: smoke
services:
  - name: api
    recordName: api.example.com
    members: { tags: { 'rebalancer:service': api } }
    health: { alarmNamePrefix: api- }
    regions: { us-east-2: { mode: weighted } }
`;

const instance = (id: string, zone: string, ip: string) => `
<item><instanceId>${id}</instanceId><instanceState><code>16</code><name>running</name></instanceState>
  <instanceType>m5.large</instanceType><launchTime>2026-11-20T08:15:42.000Z</launchTime>
  <placement><availabilityZone>${zone}</availabilityZone></placement>
  <privateIpAddress>10.0.0.${ip.split('.').pop() ?? ''}</privateIpAddress><ipAddress>${ip}</ipAddress>
  <tagSet><item><key>rebalancer:service</key><value>api</value></item></tagSet></item>`;

/** A booted instance: both status checks pass. */
const status = (id: string) => `
<item><instanceId>${id}</instanceId><instanceStatus><status>ok</status></instanceStatus>
  <systemStatus><status>ok</status></systemStatus></item>`;

const EC2_REPLIES: Record<string, string> = {
  DescribeInstances: `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <reservationSet><item><reservationId>r-1</reservationId><instancesSet>
  ${instance('i-0a1b2c3d4e5f60001', 'us-east-2a', '3.14.205.11')}
  ${instance('i-0a1b2c3d4e5f60002', 'us-east-2b', '3.14.205.12')}
  </instancesSet></item></reservationSet></DescribeInstancesResponse>`,
  DescribeInstanceTypes: `<DescribeInstanceTypesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <instanceTypeSet><item><instanceType>m5.large</instanceType><vCpuInfo><defaultVCpus>2</defaultVCpus></vCpuInfo>
  <memoryInfo><sizeInMiB>8192</sizeInMiB></memoryInfo></item></instanceTypeSet></DescribeInstanceTypesResponse>`,
  DescribeInstanceStatus: `<DescribeInstanceStatusResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <instanceStatusSet>${['i-0a1b2c3d4e5f60001', 'i-0a1b2c3d4e5f60002'].map((id) => status(id)).join('')}</instanceStatusSet></DescribeInstanceStatusResponse>`,
};

const fixture = (path: string): string =>
  readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

/** One fake AWS for every client the bundles make (AWS_ENDPOINT_URL points them all here). */
function fakeAws(request: RecordedRequest): Reply | undefined {
  const xml = (body: string): Reply => ({ headers: { 'content-type': 'text/xml' }, body });
  const json = (body: unknown): Reply => ({
    headers: { 'content-type': 'application/x-amz-json-1.0' },
    body: JSON.stringify(body),
  });
  const target = request.headers['x-amz-target'];
  if (target === 'GraniteServiceVersion20100801.DescribeAlarms') return json({ MetricAlarms: [] });
  if (target === 'GraniteServiceVersion20100801.PutMetricData') return json({});
  if (target === 'AmazonSQS.SendMessage') {
    const { MessageBody } = JSON.parse(request.body) as { MessageBody: string };
    const md5 = createHash('md5').update(MessageBody).digest('hex');
    return json({ MessageId: 'message-1', MD5OfMessageBody: md5 });
  }
  const action = new URLSearchParams(request.body).get('Action');
  const ec2 = action === null ? undefined : EC2_REPLIES[action];
  if (ec2 !== undefined) return xml(ec2);
  if (request.path.endsWith('/rrset') && request.method === 'GET')
    return xml(`<ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
      <ResourceRecordSets/><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems></ListResourceRecordSetsResponse>`);
  if (request.path.endsWith('/rrset')) return xml(fixture('route53/change-pending.xml'));
  if (request.path.includes('/change/')) return xml(fixture('route53/get-change-insync.xml'));
  if (/\/hostedzone\/[A-Z0-9]+$/.test(request.path))
    return xml(`<GetHostedZoneResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
      <HostedZone><Id>/hostedzone/Z0EXAMPLE12345</Id><Name>example.com.</Name><CallerReference>r</CallerReference></HostedZone>
      <DelegationSet><NameServers/></DelegationSet></GetHostedZoneResponse>`);
  return undefined;
}

const run = promisify(execFile);
let dir: string;
let server: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rebalancer-bundle-'));
  writeFileSync(join(dir, 'config.yml'), CONFIG);
  await buildAll({ stage: 'smoke', config: join(dir, 'config.yml'), outDir: join(dir, 'dist') });
  server = await startServer();
  server.route(fakeAws);
}, 60_000);

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What Lambda gives every invocation that the handlers read; the account of the sample events. */
const CONTEXT = {
  awsRequestId: 'req-smoke',
  invokedFunctionArn: 'arn:aws:lambda:us-east-2:123456789012:function:smoke',
};

/** Loads dist/<name>/index.mjs in a fresh process, as Lambda would, and calls its handler. */
async function invoke(name: string, event: unknown, env: Record<string, string> = {}) {
  const bundle = resolve(dir, 'dist', name);
  const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(bundle, 'index.mjs')).href)});
console.log(JSON.stringify(await handler(${JSON.stringify(event)}, ${JSON.stringify(CONTEXT)})));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH,
      NODE_OPTIONS: '--enable-source-maps',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      LAMBDA_TASK_ROOT: bundle,
      REBALANCER_CONFIG: 'rebalancer.json',
      AWS_REGION: 'us-east-2',
      AWS_ENDPOINT_URL: server.url,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'bundle-test-secret',
      METRICS_NAMESPACE: '',
      ...env,
    },
  });
  const lines = stdout.trim().split('\n');
  return { result: JSON.parse(lines.at(-1) ?? 'null') as unknown, logs: lines.slice(0, -1) };
}

describe('the bundles, loaded as Lambda loads them', () => {
  it('manual: reads the fleet and the zone, then writes the weighted records', async () => {
    const { result } = await invoke('manual', { service: 'api', region: 'us-east-2' });
    expect(result).toMatchObject({
      dryRun: false,
      batchesWritten: 1,
      conflicts: 0,
      readFailures: [],
    });
    const write = server.requests.find((r) => r.method === 'POST' && r.path.includes('/rrset'));
    // EC2's XML names (ipAddress) reached the SDK's shape (PublicIpAddress), and back out as Route 53's XML.
    expect(write?.body).toContain('<Value>3.14.205.11</Value>');
    expect(write?.body).toContain('<Value>3.14.205.12</Value>');
    expect(write?.body).toContain('<SetIdentifier>smoke/');
    const actions = server.requests.map((r) => new URLSearchParams(r.body).get('Action'));
    expect(actions).toContain('DescribeInstances');
    expect(actions).toContain('DescribeInstanceTypes');
  }, 30_000);

  it('intake: turns an EC2 event into one work item on the FIFO queue', async () => {
    const queueUrl = `${server.url}/123456789012/route53-rebalancer-smoke-work.fifo`;
    const event = sqsEvent([stateChange('us-east-2', 'i-0a1b2c3d4e5f60001', 'stopped')]);
    const { result } = await invoke('intake', event, { WORK_QUEUE_URL: queueUrl });
    expect(result).toEqual({ batchItemFailures: [] });
    const sent = server.requests.find((r) => r.headers['x-amz-target'] === 'AmazonSQS.SendMessage');
    expect(JSON.parse(sent?.body ?? '{}')).toMatchObject({
      QueueUrl: queueUrl,
      MessageGroupId: 'Z0EXAMPLE12345',
      MessageDeduplicationId: 'req-smoke',
    });
  }, 30_000);

  it('schedule: queues a full reconcile, as its first slice', async () => {
    const queueUrl = `${server.url}/123456789012/route53-rebalancer-smoke-work.fifo`;
    const { result } = await invoke('schedule', sampleEvent('scheduled'), {
      WORK_QUEUE_URL: queueUrl,
    });
    expect(result).toEqual({ queued: true });
    const sent = server.requests.filter(
      (r) => r.headers['x-amz-target'] === 'AmazonSQS.SendMessage',
    );
    expect(JSON.parse(sent.at(-1)?.body ?? '{}')).toMatchObject({
      QueueUrl: queueUrl,
      // The first (and here only) region of the sweep.
      MessageBody: JSON.stringify({
        scope: [{ region: 'us-east-2' }],
        reason: 'scheduled reconcile: us-east-2',
        events: 1,
        sweep: { chain: '89d1a02d-5ec7-412e-82f5-13505f849b41', remaining: [], orphans: false },
      }),
    });
  }, 30_000);

  it('reconcile: takes a work item, writes, and publishes its metrics', async () => {
    const before = server.requests.length;
    const work = sqsEvent([{ scope: [], reason: 'scheduled reconcile', events: 1 }], 'work.fifo');
    const { result, logs } = await invoke('reconcile', work, {
      METRICS_NAMESPACE: 'Smoke',
      RETRY_QUEUE_URL: `${server.url}/123456789012/route53-rebalancer-smoke-events`,
      WORK_QUEUE_URL: `${server.url}/123456789012/route53-rebalancer-smoke-work.fifo`,
    });
    expect(result).toEqual({ batchItemFailures: [] });
    const requests = server.requests.slice(before);
    expect(requests.some((r) => r.method === 'POST' && r.path.endsWith('/rrset'))).toBe(true);
    // Metrics are embedded-metric-format lines on stdout: no CloudWatch call at all.
    expect(requests.some((r) => r.headers['x-amz-target']?.includes('PutMetricData'))).toBe(false);
    const emf = logs
      .map((line) => JSON.parse(line) as { _aws?: { CloudWatchMetrics: { Namespace: string }[] } })
      .filter((line) => line._aws !== undefined);
    expect(emf.length).toBeGreaterThan(0);
    expect(emf[0]).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'Smoke' }] },
      Service: 'api',
      HealthyInstances: expect.any(Number) as unknown,
    });
  }, 30_000);

  it('a queue handler invoked with `--data null` says what shape it expects, not a TypeError', async () => {
    for (const name of ['reconcile', 'intake']) {
      const failure: unknown = await invoke(name, null, {
        RETRY_QUEUE_URL: `${server.url}/q`,
        WORK_QUEUE_URL: `${server.url}/q.fifo`,
      }).then(
        () => undefined,
        (error: unknown) => error,
      );
      const { stdout, stderr } = failure as { stdout: string; stderr: string };
      const output = `${stdout}\n${stderr}`;
      expect(output).toContain(
        `"error":"InputError: ${name} event: expected an SQS event, {\\"Records\\": [...]}`,
      );
      expect(output).not.toContain('TypeError');
    }
  }, 30_000);

  it('an error maps back to the TypeScript source', async () => {
    const failure: unknown = await invoke('manual', { dryRun: 'yes' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    // execFile's error carries the process's output.
    const { stdout, stderr } = failure as { stdout: string; stderr: string };
    const output = `${stdout}\n${stderr}`;
    expect(output).toContain('invoke payload: dryRun: expected true or false');
    expect(output).toMatch(/at .*shared[\\/]formats[\\/]invoke-payload\.ts:\d+:\d+/);
  }, 30_000);
});

describe('the build of a config without zoneAccount', () => {
  it('writes no zone-account.json: there is no zone role to deploy', () => {
    expect(existsSync(join(dir, 'dist', 'zone-account.json'))).toBe(false);
    expect(existsSync(join(dir, 'dist', 'deploy-values.json'))).toBe(true);
  });
});
