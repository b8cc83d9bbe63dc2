/**
 * The health-check adapter against a stateful fake of Route 53 and CloudWatch
 * (aws-sdk-client-mock, test/support/fake-health-checks.ts): what it sends,
 * what it keeps, how few calls it makes.
 */
import 'aws-sdk-client-mock-vitest/extend';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  ChangeTagsForResourceCommand,
  CreateHealthCheckCommand,
  DeleteHealthCheckCommand,
  GetHealthCheckStatusCommand,
  type HealthCheckRegion,
  ListHealthChecksCommand,
  ListTagsForResourcesCommand,
  Route53Client,
  ThrottlingException,
} from '@aws-sdk/client-route-53';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HealthCheckAdapter, UnreadableHealthCheck } from '../../shared/aws/health-checks.js';
import { createHealthCheckAdapter } from '../../shared/aws/health-checks.js';
import { AwsCallError } from '../../shared/domain/errors.js';
import { healthCheckTags } from '../../shared/domain/health-checks/tag-keys.js';
import type {
  DesiredHealthCheck,
  HealthCheckConfig,
} from '../../shared/domain/health-checks/types.js';
import type { FakeHealthChecks } from '../support/fake-health-checks.js';
import { fakeHealthChecks } from '../support/fake-health-checks.js';

const OWNER = 'prod';
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'never-used' };
const NOW = new Date('2026-11-20T08:15:00Z');

let fake: FakeHealthChecks;
let clock: number;
let reported: UnreadableHealthCheck[];

beforeEach(() => {
  fake = fakeHealthChecks();
  clock = NOW.getTime();
  reported = [];
});
afterEach(() => {
  fake.restore();
});

function adapter(tagCacheSeconds?: number): HealthCheckAdapter {
  return createHealthCheckAdapter(
    new Route53Client({ region: 'us-east-1', credentials: CREDENTIALS }),
    new CloudWatchClient({ region: 'us-east-1', credentials: CREDENTIALS }),
    {
      now: () => new Date(clock),
      report: (check) => reported.push(check),
      ...(tagCacheSeconds !== undefined && { tagCacheSeconds }),
    },
  );
}

function endpoint(
  n: number,
  extra: Partial<HealthCheckConfig & { kind: 'endpoint' }> = {},
): HealthCheckConfig {
  return {
    kind: 'endpoint',
    type: 'HTTPS_STR_MATCH',
    ipAddress: `192.0.2.${n}`,
    port: 443,
    resourcePath: '/health',
    searchString: 'ok',
    requestInterval: 10,
    failureThreshold: 3,
    regions: ['us-east-1', 'eu-west-1', 'ap-southeast-1'],
    inverted: false,
    ...extra,
  };
}

function desired(n: number, config: HealthCheckConfig = endpoint(n)): DesiredHealthCheck {
  return {
    subject: { service: 'api', region: 'us-east-2', instanceId: `i-${n}` },
    config,
    callerReference: `${OWNER}-api-i-${n}-v1`,
  };
}

const SDK_ENDPOINT = (n: number) => ({
  IPAddress: `192.0.2.${n}`,
  Port: 443,
  Type: 'HTTPS_STR_MATCH' as const,
  ResourcePath: '/health',
  SearchString: 'ok',
  RequestInterval: 10,
  FailureThreshold: 3,
  Inverted: false,
  Regions: ['us-east-1' as const, 'eu-west-1' as const, 'ap-southeast-1' as const],
});

/** Checks 1..n created by this owner, tagged, straight into the fake. */
function owned(count: number, owner = OWNER): void {
  for (let n = 1; n <= count; n++) {
    const check = desired(n);
    fake.add(
      `own-${owner}-${n}`,
      check.callerReference,
      SDK_ENDPOINT(n),
      healthCheckTags(owner, check.subject),
    );
  }
}

describe('create', () => {
  it('sends the CallerReference and the mapped endpoint settings, then tags the check', async () => {
    const id = await adapter().create(desired(7), OWNER);

    expect(fake.route53).toHaveReceivedCommandWith(CreateHealthCheckCommand, {
      CallerReference: 'prod-api-i-7-v1',
      HealthCheckConfig: SDK_ENDPOINT(7),
    });
    expect(fake.route53).toHaveReceivedCommandWith(ChangeTagsForResourceCommand, {
      ResourceType: 'healthcheck',
      ResourceId: id,
      AddTags: [
        { Key: 'rebalancer:owner', Value: 'prod' },
        { Key: 'rebalancer:service', Value: 'api' },
        { Key: 'rebalancer:region', Value: 'us-east-2' },
        { Key: 'rebalancer:instance', Value: 'i-7' },
        { Key: 'Name', Value: 'prod api us-east-2 i-7' },
      ],
    });
    expect(fake.checks.size).toBe(1);
  });

  it('leaves out the optional settings the domain leaves undefined', async () => {
    const tcp = endpoint(3, {
      type: 'TCP',
      resourcePath: undefined,
      searchString: undefined,
      regions: undefined,
    });
    await adapter().create(desired(3, tcp), OWNER);
    const sent = fake.route53.commandCalls(CreateHealthCheckCommand)[0]?.args[0].input;
    expect(sent?.HealthCheckConfig).toStrictEqual({
      IPAddress: '192.0.2.3',
      Port: 443,
      Type: 'TCP',
      RequestInterval: 10,
      FailureThreshold: 3,
      Inverted: false,
    });
  });

  it('maps a calculated check to ChildHealthChecks and HealthThreshold, tagged with its group', async () => {
    const check: DesiredHealthCheck = {
      subject: { service: 'api', region: 'us-east-2', group: 'endpoint-a' },
      config: {
        kind: 'calculated',
        childIds: ['hc-a', 'hc-b'],
        healthThreshold: 1,
        inverted: false,
      },
      callerReference: 'prod-api-group-a',
    };
    await adapter().create(check, OWNER);
    expect(fake.route53).toHaveReceivedCommandWith(CreateHealthCheckCommand, {
      HealthCheckConfig: {
        Type: 'CALCULATED',
        Inverted: false,
        HealthThreshold: 1,
        ChildHealthChecks: ['hc-a', 'hc-b'],
      },
    });
    const tags = fake.route53.commandCalls(ChangeTagsForResourceCommand)[0]?.args[0].input.AddTags;
    expect(tags).toContainEqual({ Key: 'rebalancer:group', Value: 'endpoint-a' });
    expect(tags?.map((t) => t.Key)).not.toContain('rebalancer:instance');
  });

  it('a retried create with the same reference returns the first check, tagged once more, and makes no second', async () => {
    const health = adapter();
    const first = await health.create(desired(1), OWNER);
    await expect(health.create(desired(1), OWNER)).resolves.toBe(first);
    expect(fake.checks.size).toBe(1);
  });

  it('on HealthCheckAlreadyExists, finds the check its reference names and tags it', async () => {
    // Created untagged under this reference with other settings (Route 53 compares settings itself).
    fake.add('hc-earlier', desired(1).callerReference, { ...SDK_ENDPOINT(1), FailureThreshold: 2 });
    const id = await adapter().create(desired(1), OWNER);
    expect(id).toBe('hc-earlier');
    expect(fake.checks.size).toBe(1);
    expect(fake.tags.get('hc-earlier')).toContainEqual({ Key: 'rebalancer:owner', Value: 'prod' });
  });

  it('refuses a reference that names another owner’s check, and tags nothing', async () => {
    fake.add('hc-theirs', desired(1).callerReference, { ...SDK_ENDPOINT(1), FailureThreshold: 2 }, [
      { Key: 'rebalancer:owner', Value: 'staging' },
    ]);
    await expect(adapter().create(desired(1), OWNER)).rejects.toThrow(
      new AwsCallError(
        'CreateHealthCheck',
        undefined,
        'CallerReference prod-api-i-1-v1 belongs to health check hc-theirs, tagged for owner staging: not touching it',
      ),
    );
    expect(fake.route53).not.toHaveReceivedCommand(ChangeTagsForResourceCommand);
  });

  it('says so when the reference was a deleted check’s', async () => {
    const health = adapter();
    const id = await health.create(desired(1), OWNER);
    await health.delete(id);
    await expect(health.create(desired(1), OWNER)).rejects.toThrow(
      /^CreateHealthCheck failed: CallerReference prod-api-i-1-v1 was used by a health check that no longer exists \(Route 53 keeps a deleted check's reference for days\): HealthCheckAlreadyExists: /,
    );
  });

  it('wraps any other failure in an AwsCallError naming the call', async () => {
    fake.route53
      .on(CreateHealthCheckCommand)
      .rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }));
    await expect(adapter().create(desired(1), OWNER)).rejects.toThrow(
      /^CreateHealthCheck failed: ThrottlingException: Rate exceeded$/,
    );
  });

  it('fails when Route 53 answers without an id', async () => {
    fake.route53.on(CreateHealthCheckCommand).resolves({});
    await expect(adapter().create(desired(1), OWNER)).rejects.toThrow(
      'CreateHealthCheck failed: response has no HealthCheck.Id',
    );
  });

  it('fails, with the id still unreturned, when tagging fails: the next create with the reference finds it again', async () => {
    fake.route53
      .on(ChangeTagsForResourceCommand)
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }));
    const health = adapter();
    await expect(health.create(desired(1), OWNER)).rejects.toThrow('ChangeTagsForResource failed');
    await expect(health.listOwned(OWNER)).resolves.toEqual([]);
    fake.route53.on(ChangeTagsForResourceCommand).callsFake(() => {
      // The fake's own handler was replaced: tag by hand as Route 53 would.
      const [id] = fake.checks.keys();
      fake.tags.set(id ?? '', healthCheckTags(OWNER, desired(1).subject));
      return {};
    });
    const id = await health.create(desired(1), OWNER);
    expect(fake.checks.size).toBe(1);
    expect(id).toBe([...fake.checks.keys()][0]);
  });
});

describe('listOwned', () => {
  it('pages with Marker and MaxItems 1000, reads tags ten ids a call, keeps only this owner’s', async () => {
    owned(25);
    owned(3, 'staging');
    fake.add('hc-untagged', 'someone-else', SDK_ENDPOINT(99));

    const found = await adapter().listOwned(OWNER);

    expect(found).toHaveLength(25);
    expect(found[0]).toStrictEqual({
      id: 'own-prod-1',
      callerReference: 'prod-api-i-1-v1',
      subject: { service: 'api', region: 'us-east-2', instanceId: 'i-1' },
      config: endpoint(1),
    });
    expect(fake.route53).toHaveReceivedCommandWith(ListHealthChecksCommand, { MaxItems: 1000 });
    const batches = fake.route53
      .commandCalls(ListTagsForResourcesCommand)
      .map((c) => c.args[0].input);
    expect(batches.map((b) => b.ResourceIds?.length)).toEqual([10, 10, 9]);
    expect(batches.every((b) => b.ResourceType === 'healthcheck')).toBe(true);
    expect(reported).toEqual([]);
  });

  it('follows NextMarker page by page', async () => {
    fake.restore();
    fake = fakeHealthChecks({ pageSize: 4 });
    owned(10);
    await expect(adapter().listOwned(OWNER)).resolves.toHaveLength(10);
    expect(
      fake.route53.commandCalls(ListHealthChecksCommand).map((c) => c.args[0].input.Marker),
    ).toEqual([undefined, 'own-prod-5', 'own-prod-9']);
  });

  it('reads a calculated check back', async () => {
    const subject = { service: 'api', region: 'us-east-2', group: 'endpoint-a' };
    fake.add(
      'hc-group',
      'prod-group-a',
      { Type: 'CALCULATED', HealthThreshold: 2, ChildHealthChecks: ['a', 'b'], Inverted: true },
      healthCheckTags(OWNER, subject),
    );
    await expect(adapter().listOwned(OWNER)).resolves.toStrictEqual([
      {
        id: 'hc-group',
        callerReference: 'prod-group-a',
        subject,
        config: { kind: 'calculated', childIds: ['a', 'b'], healthThreshold: 2, inverted: true },
      },
    ]);
  });

  it('in steady state makes one ListHealthChecks per 1,000 checks and no call per check', async () => {
    owned(25);
    const health = adapter();
    await health.listOwned(OWNER);
    fake.route53.resetHistory();

    await expect(health.listOwned(OWNER)).resolves.toHaveLength(25);

    expect(fake.route53).toHaveReceivedCommandTimes(ListHealthChecksCommand, 1);
    expect(fake.route53).not.toHaveReceivedCommand(ListTagsForResourcesCommand);
  });

  it('reads tags only of checks it has not seen, and again once they are older than tagCacheSeconds', async () => {
    owned(3);
    const health = adapter(600);
    await health.listOwned(OWNER);
    const check = desired(4);
    fake.add(
      'own-prod-4',
      check.callerReference,
      SDK_ENDPOINT(4),
      healthCheckTags(OWNER, check.subject),
    );
    fake.route53.resetHistory();

    await expect(health.listOwned(OWNER)).resolves.toHaveLength(4);
    expect(
      fake.route53
        .commandCalls(ListTagsForResourcesCommand)
        .map((c) => c.args[0].input.ResourceIds),
    ).toEqual([['own-prod-4']]);

    // Someone re-tags a check for another owner: seen once its cached tags have expired.
    fake.tags.set('own-prod-1', [{ Key: 'rebalancer:owner', Value: 'staging' }]);
    clock += 600_000;
    fake.route53.resetHistory();
    await expect(health.listOwned(OWNER)).resolves.toHaveLength(3);
    expect(fake.route53).toHaveReceivedCommandTimes(ListTagsForResourcesCommand, 1);
  });

  it('knows the checks it created without reading their tags', async () => {
    const health = adapter();
    await health.create(desired(1), OWNER);
    fake.route53.resetHistory();
    await expect(health.listOwned(OWNER)).resolves.toHaveLength(1);
    expect(fake.route53).not.toHaveReceivedCommand(ListTagsForResourcesCommand);
  });

  it('reports, and leaves out, a check with the owner’s tag whose tags or settings cannot be read', async () => {
    owned(1);
    fake.add('hc-no-region', 'r1', SDK_ENDPOINT(2), [
      { Key: 'rebalancer:owner', Value: OWNER },
      { Key: 'rebalancer:service', Value: 'api' },
      { Key: 'rebalancer:instance', Value: 'i-2' },
    ]);
    fake.add('hc-both', 'r2', SDK_ENDPOINT(3), [
      ...healthCheckTags(OWNER, desired(3).subject),
      { Key: 'rebalancer:group', Value: 'endpoint-a' },
    ]);
    fake.add(
      'hc-metric',
      'r3',
      { Type: 'CLOUDWATCH_METRIC' },
      healthCheckTags(OWNER, desired(4).subject),
    );
    fake.add(
      'hc-interval',
      'r4',
      { ...SDK_ENDPOINT(5), RequestInterval: 20 },
      healthCheckTags(OWNER, desired(5).subject),
    );
    fake.add(
      'hc-no-ip',
      'r5',
      { ...SDK_ENDPOINT(6), IPAddress: undefined },
      healthCheckTags(OWNER, desired(6).subject),
    );
    fake.add(
      'hc-no-port',
      'r6',
      { ...SDK_ENDPOINT(7), Port: undefined },
      healthCheckTags(OWNER, desired(7).subject),
    );
    fake.add('hc-calc', 'r7', { Type: 'CALCULATED' }, healthCheckTags(OWNER, desired(8).subject));
    fake.add('hc-no-ref', '', SDK_ENDPOINT(9), healthCheckTags(OWNER, desired(9).subject));

    const health = adapter();
    await expect(health.listOwned(OWNER)).resolves.toHaveLength(1);
    expect(reported).toEqual([
      { id: 'hc-no-region', problem: 'tags: no rebalancer:region tag' },
      {
        id: 'hc-both',
        problem: 'tags: needs exactly one of the rebalancer:instance and rebalancer:group tags',
      },
      {
        id: 'hc-metric',
        problem: 'settings: type CLOUDWATCH_METRIC is not one the rebalancer creates',
      },
      { id: 'hc-interval', problem: 'settings: RequestInterval 20 is neither 10 nor 30' },
      { id: 'hc-no-ip', problem: 'settings: a HTTPS_STR_MATCH check without IPAddress' },
      { id: 'hc-no-port', problem: 'settings: a HTTPS_STR_MATCH check without Port' },
      { id: 'hc-calc', problem: 'settings: a CALCULATED check without HealthThreshold' },
      { id: 'hc-no-ref', problem: 'no CallerReference' },
    ]);
    // Reported, never deleted: they stay ours to delete only by hand, and the fake still has them.
    expect(fake.checks.size).toBe(9);
  });

  it('throws, deleting nothing, when a tag read fails', async () => {
    owned(2);
    fake.route53
      .on(ListTagsForResourcesCommand)
      .rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }));
    await expect(adapter().listOwned(OWNER)).rejects.toThrow(
      /^ListTagsForResources failed: ThrottlingException: Rate exceeded$/,
    );
  });

  it.each([
    [
      'a repeated NextMarker',
      { IsTruncated: true, NextMarker: 'm1', HealthChecks: [] },
      'ListHealthChecks failed: NextMarker repeated after 2 pages',
    ],
    [
      'a truncated page without a marker',
      { IsTruncated: true, HealthChecks: [] },
      'ListHealthChecks failed: truncated page without a NextMarker',
    ],
  ])('refuses %s', async (_, page, message) => {
    fake.route53.on(ListHealthChecksCommand).resolves(page);
    await expect(adapter().listOwned(OWNER)).rejects.toThrow(message);
  });

  it('refuses an endless listing after 200 pages', async () => {
    let n = 0;
    fake.route53
      .on(ListHealthChecksCommand)
      .callsFake(() => ({ IsTruncated: true, NextMarker: `m${n++}`, HealthChecks: [] }));
    await expect(adapter().listOwned(OWNER)).rejects.toThrow(
      'ListHealthChecks failed: more than 200 pages',
    );
    expect(n).toBe(200);
  });

  it('ignores tags Route 53 returns for an id it was not asked about', async () => {
    owned(1);
    fake.route53.on(ListTagsForResourcesCommand).resolves({
      ResourceTagSets: [
        {
          ResourceType: 'healthcheck',
          ResourceId: 'hc-other',
          Tags: healthCheckTags(OWNER, desired(1).subject),
        },
      ],
    });
    await expect(adapter().listOwned(OWNER)).resolves.toEqual([]);
  });
});

describe('delete', () => {
  it('deletes a check it listed as this owner’s; gone when it no longer exists', async () => {
    owned(2);
    const health = adapter();
    await health.listOwned(OWNER);
    await expect(health.delete('own-prod-1')).resolves.toBe('deleted');
    fake.checks.delete('own-prod-2');
    await expect(health.delete('own-prod-2')).resolves.toBe('gone');
    expect(fake.route53).toHaveReceivedCommandWith(DeleteHealthCheckCommand, {
      HealthCheckId: 'own-prod-1',
    });
  });

  it('answers in-use while a record still names the check, and deletes it once none does', async () => {
    const health = adapter();
    const id = await health.create(desired(1), OWNER);
    fake.inUse.add(id);
    await expect(health.delete(id)).resolves.toBe('in-use');
    fake.inUse.delete(id);
    await expect(health.delete(id)).resolves.toBe('deleted');
  });

  it('never deletes a check it did not list or create as an owner’s, not even one call', async () => {
    owned(1, 'staging');
    const health = adapter();
    await health.listOwned(OWNER);
    await expect(health.delete('own-staging-1')).rejects.toThrow(
      "DeleteHealthCheck failed: health check own-staging-1 was never listed or created as this owner's: not deleting it",
    );
    expect(fake.route53).not.toHaveReceivedCommand(DeleteHealthCheckCommand);
  });

  it('wraps any other failure', async () => {
    owned(1);
    const health = adapter();
    await health.listOwned(OWNER);
    fake.route53
      .on(DeleteHealthCheckCommand)
      .rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }));
    await expect(health.delete('own-prod-1')).rejects.toBeInstanceOf(AwsCallError);
  });
});

describe('statuses', () => {
  it('asks for the HealthCheckStatus Minimum per minute over the last three, 500 checks a call', async () => {
    const ids = Array.from({ length: 1200 }, (_, i) => `hc-${i}`);
    for (const [i, id] of ids.entries()) fake.metric.set(id, i % 3 === 0 ? [0, 1] : [1, 0]);
    const health = adapter();

    const statuses = await health.statuses(ids);

    const calls = fake.cloudWatch.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input);
    expect(calls.map((input) => input.MetricDataQueries?.length)).toEqual([500, 500, 200]);
    expect(calls[0]).toMatchObject({
      StartTime: new Date('2026-11-20T08:12:00Z'),
      EndTime: NOW,
      ScanBy: 'TimestampDescending',
    });
    expect(calls[1]?.MetricDataQueries?.[0]).toStrictEqual({
      Id: 'h0',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Route53',
          MetricName: 'HealthCheckStatus',
          Dimensions: [{ Name: 'HealthCheckId', Value: 'hc-500' }],
        },
        Period: 60,
        Stat: 'Minimum',
      },
      ReturnData: true,
    });
    expect(statuses.size).toBe(1200);
    // The newest value decides.
    expect([statuses.get('hc-0'), statuses.get('hc-1'), statuses.get('hc-1199')]).toEqual([
      false,
      true,
      true,
    ]);
    expect(health.calls()).toEqual({ route53: 0, cloudWatch: 3 });
  });

  it('leaves out ids without a datapoint, asks once for a repeated id, and nothing for none', async () => {
    fake.metric.set('hc-a', [1]);
    const health = adapter();
    const statuses = await health.statuses(['hc-a', 'hc-new', 'hc-a']);
    expect([...statuses]).toEqual([['hc-a', true]]);
    expect(
      fake.cloudWatch.commandCalls(GetMetricDataCommand)[0]?.args[0].input.MetricDataQueries,
    ).toHaveLength(2);
    await expect(health.statuses([])).resolves.toEqual(new Map());
    expect(fake.cloudWatch).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
  });

  it('follows NextToken within a call, the first (newest) value winning', async () => {
    fake.cloudWatch.on(GetMetricDataCommand).callsFake((input: { NextToken?: string }) =>
      input.NextToken === undefined
        ? {
            MetricDataResults: [
              { Id: 'h0', Values: [0] },
              { Id: 'h1', Values: [] },
            ],
            NextToken: 't2',
          }
        : {
            MetricDataResults: [
              { Id: 'h0', Values: [1] },
              { Id: 'h1', Values: [1] },
              { Id: 'zz', Values: [1] },
            ],
          },
    );
    const statuses = await adapter().statuses(['hc-a', 'hc-b']);
    expect([...statuses]).toEqual([
      ['hc-a', false],
      ['hc-b', true],
    ]);
  });

  it('throws an AwsCallError naming us-east-1 when the read fails', async () => {
    fake.cloudWatch.on(GetMetricDataCommand).rejects(new Error('boom'));
    await expect(adapter().statuses(['hc-a'])).rejects.toThrow(
      'GetMetricData in us-east-1 failed: Error: boom',
    );
  });
});

describe('checkerReports', () => {
  const observation = (region: string, status: string) => ({
    Region: region as HealthCheckRegion,
    StatusReport: { Status: status },
  });

  it('is healthy when more than 18 % of the checkers report success', async () => {
    const some = (passing: number, of: number) =>
      Array.from({ length: of }, (_, i) =>
        observation(
          `r${i}`,
          i < passing ? 'Success: HTTP Status Code 200, OK' : 'Failure: Connection timed out.',
        ),
      );
    const health = adapter();
    fake.route53.on(GetHealthCheckStatusCommand).resolves({ HealthCheckObservations: some(2, 16) });
    await expect(health.checkerReports('hc-a')).resolves.toMatchObject({ healthy: false });
    fake.route53.on(GetHealthCheckStatusCommand).resolves({ HealthCheckObservations: some(3, 16) });
    const reports = await health.checkerReports('hc-a');
    expect(reports.healthy).toBe(true);
    expect(reports.reports[0]).toEqual({
      region: 'r0',
      status: 'Success: HTTP Status Code 200, OK',
    });
    fake.route53.on(GetHealthCheckStatusCommand).resolves({});
    await expect(health.checkerReports('hc-a')).resolves.toEqual({ healthy: false, reports: [] });
    expect(fake.route53).toHaveReceivedCommandWith(GetHealthCheckStatusCommand, {
      HealthCheckId: 'hc-a',
    });
  });
});

describe('listOwned while someone deletes a check', () => {
  it('reads the ten one by one when one of them is gone, and lists the rest', async () => {
    owned(12);
    // Deleted by its owner between the listing and the tag read.
    fake.route53.on(ListHealthChecksCommand).callsFakeOnce(() => {
      const page = { HealthChecks: [...fake.checks.values()], IsTruncated: false };
      fake.checks.delete('own-prod-3');
      return page;
    });
    const found = await adapter().listOwned(OWNER);
    expect(found.map((c) => c.id)).toEqual(
      Array.from({ length: 12 }, (_, i) => `own-prod-${i + 1}`).filter((id) => id !== 'own-prod-3'),
    );
    // One failed batch of ten, ten single reads, and the last batch of two.
    expect(
      fake.route53
        .commandCalls(ListTagsForResourcesCommand)
        .map((c) => c.args[0].input.ResourceIds?.length),
    ).toEqual([10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
  });
});
