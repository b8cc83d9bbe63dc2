/**
 * liveAws with regions in other accounts, against a local HTTP server
 * speaking STS and EC2 (AWS_ENDPOINT_URL, as a user would point the CLI
 * elsewhere): each region's clients sign with its account's role, the own
 * account's with the function's credentials, and a region whose role cannot
 * be assumed becomes an unread region with that reason while the others are read.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readWorld } from '../../shared/app/read-world.js';
import { accountAccess, liveAws } from '../../shared/runtime/live-aws.js';
import type { AccountSpec } from '../../shared/domain/accounts.js';
import { regionSpec, serviceSpec, spec as specOf } from '../support/builders.js';
import { startServer } from '../support/http-server.js';
import type { RecordedRequest, TestServer } from '../support/http-server.js';

const EAST = 'us-east-2';
const WEST = 'eu-west-1';
const DENIED = 'arn:aws:iam::111122223333:role/route53-rebalancer-read';
const GOOD = 'arn:aws:iam::444455556666:role/route53-rebalancer-read';
const account = (name: string, roleArn: string): AccountSpec => ({
  name,
  roleArn,
  accountId: roleArn.split(':')[4] ?? '',
  externalId: undefined,
  sessionName: 'route53-rebalancer',
});

let server: TestServer;

beforeEach(async () => {
  server = await startServer();
  vi.stubEnv('AWS_ENDPOINT_URL', server.url);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDHOME');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'home-secret');
  vi.stubEnv('AWS_SESSION_TOKEN', '');
  vi.stubEnv('AWS_PROFILE', '');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

const form = (request: RecordedRequest): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(request.body));
const scope = (request: RecordedRequest): string =>
  /Credential=([^/]+)\/\d+\/([^/]+)\//
    .exec(String(request.headers.authorization))
    ?.slice(1)
    .join(' ') ?? '';

function answering(): void {
  server.route((request) => {
    const { Action, RoleArn } = form(request);
    if (Action === 'AssumeRole' && RoleArn === DENIED)
      return {
        status: 403,
        headers: { 'content-type': 'text/xml' },
        body: readFileSync(new URL('../fixtures/sts/access-denied.xml', import.meta.url), 'utf8'),
      };
    if (Action === 'AssumeRole')
      return {
        headers: { 'content-type': 'text/xml' },
        body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAMEMBER</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>${new Date(Date.now() + 3_600_000).toISOString()}</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>`,
      };
    if (Action === 'CompleteLifecycleAction')
      return {
        headers: { 'content-type': 'text/xml' },
        body: readFileSync(
          new URL('../fixtures/autoscaling/complete-lifecycle-action.xml', import.meta.url),
          'utf8',
        ),
      };
    if (Action === 'CreateTags')
      return {
        headers: { 'content-type': 'text/xml' },
        body: '<CreateTagsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><return>true</return></CreateTagsResponse>',
      };
    if (Action === 'DescribeInstances')
      return {
        headers: { 'content-type': 'text/xml' },
        body: '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><reservationSet/></DescribeInstancesResponse>',
      };
    return undefined;
  });
}

const reads = () =>
  server.requests
    .filter((r) => form(r).Action === 'DescribeInstances')
    .map(scope)
    .sort();

const service = (regions: ReturnType<typeof regionSpec>[]) =>
  serviceSpec({
    capacity: { source: 'equal', overrideTag: undefined, maxOverrideRatio: 4 },
    health: {
      statusChecks: false,
      alarmNamePrefix: undefined,
      drainTag: undefined,
      readiness: { graceSeconds: 0, statusOk: false, tag: undefined },
    },
    regions,
  });

describe('liveAws across accounts', () => {
  it('reads a region with its account’s role and the others with the function’s credentials', async () => {
    answering();
    const config = specOf([
      service([regionSpec(EAST), regionSpec(WEST, { account: account('ops', GOOD) })]),
    ]);
    const aws = liveAws(config.hostedZoneId, accountAccess(config));
    const services = config.services;
    await aws.readRegion(EAST, services);
    await aws.readRegion(WEST, services);
    await aws.readRegion(WEST, services);
    await aws.tagger(WEST).tag('i-0000000000000000c', 'rebalancer:drain', 'spot interruption');
    expect(reads()).toEqual([`AKIDHOME ${EAST}`, `ASIAMEMBER ${WEST}`, `ASIAMEMBER ${WEST}`]);
    await aws.autoScaling(WEST).completeLifecycleAction(
      {
        autoScalingGroupName: 'api-west',
        lifecycleHookName: 'drain',
        lifecycleActionToken: 'token',
        instanceId: 'i-0000000000000000c',
      },
      'CONTINUE',
    );
    // Drain tags and lifecycle hooks are written in the member account, with its role.
    const written = server.requests.filter((r) =>
      ['CreateTags', 'CompleteLifecycleAction'].includes(form(r).Action ?? ''),
    );
    expect(written.map(scope)).toEqual([`ASIAMEMBER ${WEST}`, `ASIAMEMBER ${WEST}`]);
    const assumed = server.requests.filter((r) => form(r).Action === 'AssumeRole');
    // One AssumeRole for the region, in the region, signed with the function's credentials.
    expect(assumed.map(scope)).toEqual([`AKIDHOME ${WEST}`]);
  });

  it('a role that cannot be assumed leaves its region unread with the reason; the others are read', async () => {
    answering();
    const config = specOf([
      service([regionSpec(EAST), regionSpec(WEST, { account: account('prod', DENIED) })]),
    ]);
    const aws = liveAws(config.hostedZoneId, accountAccess(config));
    const zone = { readRecords: () => Promise.resolve([]) };
    const world = await readWorld(config, undefined, zone, aws.readRegion);
    expect(world.regions.get(WEST)).toEqual({
      region: WEST,
      error: `DescribeInstances in ${WEST} failed: AssumeRoleError: cannot assume role ${DENIED}: AccessDenied: User: arn:aws:sts::999988887777:assumed-role/route53-rebalancer-prod-reconcile/fn is not authorized to perform: sts:AssumeRole on resource: ${DENIED}`,
    });
    expect(world.regions.get(EAST)).toMatchObject({ region: EAST, instances: [] });
    expect(reads()).toEqual([`AKIDHOME ${EAST}`]);
  });

  it('the zone is read with its own role when zoneAccount is set', async () => {
    answering();
    server.route((request) =>
      request.path.includes('/rrset')
        ? {
            headers: { 'content-type': 'text/xml' },
            body: '<ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ResourceRecordSets/><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems></ListResourceRecordSetsResponse>',
          }
        : undefined,
    );
    const config = { ...specOf([service([regionSpec(EAST)])]), zoneAccount: account('dns', GOOD) };
    const aws = liveAws(config.hostedZoneId, accountAccess(config));
    await aws.route53.readRecords(['api.example.com.']);
    const list = server.requests.filter((r) => r.path.includes('/rrset'));
    expect(list.map(scope)).toEqual(['ASIAMEMBER us-east-1']);
  });

  it('a zone with an account of its own (zones[].account) is read with that role, the others with the function’s', async () => {
    answering();
    server.route((request) =>
      request.path.includes('/rrset')
        ? {
            headers: { 'content-type': 'text/xml' },
            body: '<ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ResourceRecordSets/><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems></ListResourceRecordSetsResponse>',
          }
        : undefined,
    );
    const config = {
      ...specOf([service([regionSpec(EAST)])]),
      hostedZoneId: 'Z0PUBLIC1',
      zones: [
        { id: 'Z0PUBLIC1', private: false },
        { id: 'Z0PRIVATE2', private: true, account: account('dns', GOOD) },
      ],
    };
    const aws = liveAws(config.hostedZoneId, accountAccess(config));
    await aws.route53For('Z0PRIVATE2').readRecords(['api.example.com.']);
    await aws.route53For('Z0PUBLIC1').readRecords(['api.example.com.']);
    const list = server.requests.filter((r) => r.path.includes('/rrset'));
    expect(list.map((r) => [r.path.split('/')[3], scope(r)])).toEqual([
      ['Z0PRIVATE2', 'ASIAMEMBER us-east-1'],
      ['Z0PUBLIC1', 'AKIDHOME us-east-1'],
    ]);
  });
});
