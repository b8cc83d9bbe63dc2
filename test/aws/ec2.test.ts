import 'aws-sdk-client-mock-vitest/extend';
import {
  DescribeInstanceStatusCommand,
  DescribeInstanceTypesCommand,
  DescribeInstancesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import type {
  DescribeInstancesCommandInput,
  InstanceStatus,
  InstanceTypeInfo,
  Reservation,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ec2Client } from '../../shared/aws/clients.js';
import { createEc2Adapter, createInstanceTypeCache } from '../../shared/aws/ec2.js';
import type { Ec2Adapter } from '../../shared/aws/ec2.js';
import { AwsCallError } from '../../shared/domain/errors.js';

const REGION = 'us-east-2';
const SERVICE_KEY = 'rebalancer:service';

const ec2 = mockClient(EC2Client);

afterEach(() => {
  ec2.reset();
});

function adapter(cache = createInstanceTypeCache(), region = REGION): Ec2Adapter {
  return createEc2Adapter(ec2Client(region), region, cache);
}

function reservation(id: string, ...instanceIds: string[]): Reservation {
  return {
    ReservationId: id,
    Instances: instanceIds.map((InstanceId) => ({ InstanceId, State: { Name: 'running' } })),
  };
}

function typeInfo(type: string): InstanceTypeInfo {
  // Made-up type names stand for types newer than the SDK's list.
  const InstanceType = type as _InstanceType;
  return { InstanceType, VCpuInfo: { DefaultVCpus: 2 }, MemoryInfo: { SizeInMiB: 8192 } };
}

function status(id: string): InstanceStatus {
  return {
    InstanceId: id,
    InstanceState: { Code: 16, Name: 'running' },
    InstanceStatus: { Status: 'ok' },
    SystemStatus: { Status: 'ok' },
  };
}

function ids(count: number): string[] {
  return Array.from({ length: count }, (_, n) => `i-${n.toString(16).padStart(17, '0')}`);
}

/** The input without the keys the SDK's paginator sets to undefined (they are not sent). */
function defined<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as T;
}

/**
 * Answers each page by its NextToken ('' for the first) and records the input
 * as it was when sent: the paginator reuses one input object for every page.
 */
function byToken<I extends { NextToken?: string }, O>(pages: Record<string, O>, sent: I[]) {
  return (input: I): O => {
    sent.push(defined({ ...input }));
    const page = pages[input.NextToken ?? ''];
    if (page === undefined) throw new Error(`no page for ${String(input.NextToken)}`);
    return page;
  };
}

function instanceInputs() {
  return ec2.commandCalls(DescribeInstancesCommand).map((call) => defined(call.args[0].input));
}

function typeInputs() {
  return ec2.commandCalls(DescribeInstanceTypesCommand).map((call) => defined(call.args[0].input));
}

function statusInputs() {
  return ec2.commandCalls(DescribeInstanceStatusCommand).map((call) => defined(call.args[0].input));
}

function failure(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

describe('eachMember', () => {
  it('hands over each instance once, page by page, across pages and tag keys, with the same requests', async () => {
    const sent: DescribeInstancesCommandInput[] = [];
    const seenAt: string[] = [];
    ec2.on(DescribeInstancesCommand).callsFake((input: DescribeInstancesCommandInput) => {
      seenAt.push(`request ${sent.length + 1}`);
      return byToken(
        {
          '': { Reservations: [reservation('r-1', 'i-1', 'i-2')], NextToken: 'page-2' },
          'page-2': { Reservations: [reservation('r-2', 'i-2', 'i-3')] },
        },
        sent,
      )(input);
    });
    const reader = adapter();
    const visited: string[] = [];

    await reader.eachMember([{ [SERVICE_KEY]: 'api' }, { app: 'x' }], (instance) => {
      visited.push(instance.InstanceId ?? '');
      seenAt.push(`visit ${instance.InstanceId ?? ''}`);
    });

    expect(visited).toEqual(['i-1', 'i-2', 'i-3']);
    // Each page is visited before the next one is asked for.
    expect(seenAt.slice(0, 4)).toEqual(['request 1', 'visit i-1', 'visit i-2', 'request 2']);
    expect(sent.map((input) => input.Filters?.[0]?.Name)).toEqual([
      `tag:${SERVICE_KEY}`,
      `tag:${SERVICE_KEY}`,
      'tag:app',
      'tag:app',
    ]);
    expect(reader.calls()).toBe(4);
  });

  it('wraps a failure as an AwsCallError naming DescribeInstances and the region', async () => {
    ec2.on(DescribeInstancesCommand).rejects(failure('UnauthorizedOperation', 'no'));
    await expect(adapter().eachMember([{ [SERVICE_KEY]: 'api' }], () => undefined)).rejects.toThrow(
      AwsCallError,
    );
  });
});

describe('describeMembers', () => {
  it('asks for one service by its first tag, in every state, 1000 instances a page', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [reservation('r-1', 'i-1')] });

    const reservations = await adapter().describeMembers([{ [SERVICE_KEY]: 'api', team: 'web' }]);

    expect(reservations).toStrictEqual([reservation('r-1', 'i-1')]);
    expect(instanceInputs()).toStrictEqual([
      { Filters: [{ Name: `tag:${SERVICE_KEY}`, Values: ['api'] }], MaxResults: 1000 },
    ]);
  });

  it('asks once for two services sharing a tag key, with both values', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });

    await adapter().describeMembers([
      { [SERVICE_KEY]: 'api' },
      { [SERVICE_KEY]: 'web' },
      { [SERVICE_KEY]: 'api', tier: 'canary' },
    ]);

    expect(ec2).toHaveReceivedCommandOnce(DescribeInstancesCommand);
    expect(instanceInputs()).toStrictEqual([
      { Filters: [{ Name: `tag:${SERVICE_KEY}`, Values: ['api', 'web'] }], MaxResults: 1000 },
    ]);
  });

  it('asks once per tag key when services select by different keys', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });

    await adapter().describeMembers([{ [SERVICE_KEY]: 'api' }, { app: 'billing' }]);

    expect(instanceInputs()).toStrictEqual([
      { Filters: [{ Name: `tag:${SERVICE_KEY}`, Values: ['api'] }], MaxResults: 1000 },
      { Filters: [{ Name: 'tag:app', Values: ['billing'] }], MaxResults: 1000 },
    ]);
  });

  it('puts at most 200 values of one key in a call, as EC2 allows no more', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    const services = Array.from({ length: 250 }, (_, n) => `svc-${n}`);

    await adapter().describeMembers(services.map((name) => ({ [SERVICE_KEY]: name })));

    expect(instanceInputs().map((input) => input.Filters?.[0]?.Values)).toStrictEqual([
      services.slice(0, 200),
      services.slice(200),
    ]);
  });

  it('follows NextToken across three pages and returns every reservation in order', async () => {
    const sent: DescribeInstancesCommandInput[] = [];
    ec2.on(DescribeInstancesCommand).callsFake(
      byToken(
        {
          '': { Reservations: [reservation('r-1', 'i-1')], NextToken: 'page-2' },
          'page-2': { Reservations: [reservation('r-2', 'i-2')], NextToken: 'page-3' },
          'page-3': { Reservations: [reservation('r-3', 'i-3', 'i-4')] },
        },
        sent,
      ),
    );
    const reader = adapter();

    const reservations = await reader.describeMembers([{ [SERVICE_KEY]: 'api' }]);

    expect(reservations.map((r) => r.ReservationId)).toStrictEqual(['r-1', 'r-2', 'r-3']);
    const filters = [{ Name: `tag:${SERVICE_KEY}`, Values: ['api'] }];
    expect(sent).toStrictEqual([
      { Filters: filters, MaxResults: 1000 },
      { Filters: filters, MaxResults: 1000, NextToken: 'page-2' },
      { Filters: filters, MaxResults: 1000, NextToken: 'page-3' },
    ]);
    expect(reader.calls()).toBe(3);
  });

  it('lists an instance found under two tag keys once', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({ Reservations: [reservation('r-1', 'i-1', 'i-2')] })
      .resolvesOnce({
        Reservations: [reservation('r-1', 'i-1', 'i-2'), reservation('r-2', 'i-2', 'i-3')],
      });

    const reservations = await adapter().describeMembers([{ [SERVICE_KEY]: 'api' }, { app: 'x' }]);

    expect(reservations).toStrictEqual([
      reservation('r-1', 'i-1', 'i-2'),
      reservation('r-2', 'i-3'),
    ]);
  });

  it('reads every instance when a selector has no tags, since it selects them all', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });

    await adapter().describeMembers([{ [SERVICE_KEY]: 'api' }, {}]);

    expect(instanceInputs()).toStrictEqual([{ MaxResults: 1000 }]);
  });

  it('makes no call when no service is asked for', async () => {
    const reader = adapter();

    expect(await reader.describeMembers([])).toStrictEqual([]);
    expect(ec2).not.toHaveReceivedAnyCommand();
    expect(reader.calls()).toBe(0);
  });

  it('wraps a failure as an AwsCallError naming DescribeInstances and the region', async () => {
    ec2.on(DescribeInstancesCommand).rejects(failure('UnauthorizedOperation', 'Not allowed'));

    const read = adapter().describeMembers([{ [SERVICE_KEY]: 'api' }]);

    await expect(read).rejects.toBeInstanceOf(AwsCallError);
    await expect(read).rejects.toMatchObject({
      operation: 'DescribeInstances',
      region: REGION,
      message: 'DescribeInstances in us-east-2 failed: UnauthorizedOperation: Not allowed',
    });
  });
});

describe('describeInstanceTypes', () => {
  function answerEveryType(): void {
    ec2.on(DescribeInstanceTypesCommand).callsFake((input: { InstanceTypes?: string[] }) => ({
      InstanceTypes: (input.InstanceTypes ?? []).map(typeInfo),
    }));
  }

  it('asks for 250 types in three calls of at most 100', async () => {
    answerEveryType();
    const types = Array.from({ length: 250 }, (_, n) => `x${n}.large`);

    const infos = await adapter().describeInstanceTypes(types);

    expect(infos).toStrictEqual(types.map(typeInfo));
    expect(typeInputs()).toStrictEqual([
      { InstanceTypes: types.slice(0, 100) },
      { InstanceTypes: types.slice(100, 200) },
      { InstanceTypes: types.slice(200) },
    ]);
  });

  it('asks each type once when it is named twice', async () => {
    answerEveryType();

    const infos = await adapter().describeInstanceTypes(['m5.large', 'c5.large', 'm5.large']);

    expect(infos).toStrictEqual([typeInfo('m5.large'), typeInfo('c5.large')]);
    expect(typeInputs()).toStrictEqual([{ InstanceTypes: ['m5.large', 'c5.large'] }]);
  });

  it('makes no call for types it already knows', async () => {
    answerEveryType();
    const reader = adapter();
    await reader.describeInstanceTypes(['m5.large', 'c5.large']);
    ec2.resetHistory();

    const infos = await reader.describeInstanceTypes(['c5.large', 'm5.large']);

    expect(infos).toStrictEqual([typeInfo('c5.large'), typeInfo('m5.large')]);
    expect(ec2).not.toHaveReceivedAnyCommand();
  });

  it('asks only for the types it does not know yet', async () => {
    answerEveryType();
    const reader = adapter();
    await reader.describeInstanceTypes(['m5.large']);
    ec2.resetHistory();

    const infos = await reader.describeInstanceTypes(['m5.large', 'r6g.xlarge']);

    expect(infos).toStrictEqual([typeInfo('m5.large'), typeInfo('r6g.xlarge')]);
    expect(typeInputs()).toStrictEqual([{ InstanceTypes: ['r6g.xlarge'] }]);
  });

  it('keeps what it learnt per region, so another region asks for itself', async () => {
    answerEveryType();
    const cache = createInstanceTypeCache();
    await adapter(cache, 'us-east-2').describeInstanceTypes(['m5.large']);

    await adapter(cache, 'eu-west-1').describeInstanceTypes(['m5.large']);

    expect(ec2).toHaveReceivedCommandTimes(DescribeInstanceTypesCommand, 2);
  });

  it('shares one cache between the adapters of the process unless given its own', async () => {
    answerEveryType();
    await createEc2Adapter(ec2Client(REGION), REGION).describeInstanceTypes(['z9.shared']);
    ec2.resetHistory();

    const later = createEc2Adapter(ec2Client(REGION), REGION);
    const infos = await later.describeInstanceTypes(['z9.shared']);

    expect(infos).toStrictEqual([typeInfo('z9.shared')]);
    expect(later.calls()).toBe(0);
  });

  it('leaves out a type EC2 does not describe and asks for it again next time', async () => {
    ec2.on(DescribeInstanceTypesCommand).resolves({ InstanceTypes: [typeInfo('m5.large')] });
    const reader = adapter();

    expect(await reader.describeInstanceTypes(['m5.large', 'q1.odd'])).toStrictEqual([
      typeInfo('m5.large'),
    ]);
    await reader.describeInstanceTypes(['m5.large', 'q1.odd']);

    expect(typeInputs()).toStrictEqual([
      { InstanceTypes: ['m5.large', 'q1.odd'] },
      { InstanceTypes: ['q1.odd'] },
    ]);
  });

  it('makes no call when no type is asked for', async () => {
    expect(await adapter().describeInstanceTypes([])).toStrictEqual([]);
    expect(ec2).not.toHaveReceivedAnyCommand();
  });

  it('wraps a failure as an AwsCallError naming DescribeInstanceTypes and the region', async () => {
    ec2.on(DescribeInstanceTypesCommand).rejects(failure('InvalidInstanceType', 'q1.odd'));

    await expect(adapter().describeInstanceTypes(['q1.odd'])).rejects.toThrow(
      'DescribeInstanceTypes in us-east-2 failed: InvalidInstanceType: q1.odd',
    );
  });
});

describe('describeStatuses', () => {
  it('asks for 250 instances in three calls of at most 100 ids, including stopped ones', async () => {
    ec2.on(DescribeInstanceStatusCommand).callsFake((input: { InstanceIds?: string[] }) => ({
      InstanceStatuses: (input.InstanceIds ?? []).map(status),
    }));
    const wanted = ids(250);

    const statuses = await adapter().describeStatuses(wanted);

    expect(statuses).toStrictEqual(wanted.map(status));
    expect(statusInputs()).toStrictEqual([
      { InstanceIds: wanted.slice(0, 100), IncludeAllInstances: true },
      { InstanceIds: wanted.slice(100, 200), IncludeAllInstances: true },
      { InstanceIds: wanted.slice(200), IncludeAllInstances: true },
    ]);
  });

  it('follows NextToken within a call', async () => {
    ec2
      .on(DescribeInstanceStatusCommand)
      .resolves({ InstanceStatuses: [status('i-1')], NextToken: 'more' })
      .on(DescribeInstanceStatusCommand, { NextToken: 'more' })
      .resolves({ InstanceStatuses: [status('i-2')] });

    const statuses = await adapter().describeStatuses(['i-1', 'i-2']);

    expect(statuses).toStrictEqual([status('i-1'), status('i-2')]);
    expect(ec2).toHaveReceivedNthCommandWith(DescribeInstanceStatusCommand, 2, {
      InstanceIds: ['i-1', 'i-2'],
      IncludeAllInstances: true,
      NextToken: 'more',
    });
  });

  it('makes no call when no instance is asked for', async () => {
    expect(await adapter().describeStatuses([])).toStrictEqual([]);
    expect(ec2).not.toHaveReceivedAnyCommand();
  });

  it('wraps a failure as an AwsCallError naming DescribeInstanceStatus and the region', async () => {
    ec2
      .on(DescribeInstanceStatusCommand)
      .rejects(failure('RequestLimitExceeded', 'Request limit exceeded.'));

    await expect(adapter().describeStatuses(['i-9'])).rejects.toThrow(
      'DescribeInstanceStatus in us-east-2 failed: RequestLimitExceeded: Request limit exceeded.',
    );
  });
});

describe('describeStatuses when an id is not visible yet', () => {
  it('drops the ids EC2 says do not exist and asks again for the rest', async () => {
    const notFound = Object.assign(
      new Error("The instance IDs 'i-0000000000000000b' do not exist"),
      { name: 'InvalidInstanceID.NotFound' },
    );
    ec2
      .on(DescribeInstanceStatusCommand, {
        InstanceIds: ['i-0000000000000000a', 'i-0000000000000000b'],
      })
      .rejects(notFound)
      .on(DescribeInstanceStatusCommand, { InstanceIds: ['i-0000000000000000a'] })
      .resolves({
        InstanceStatuses: [{ InstanceId: 'i-0000000000000000a', InstanceStatus: { Status: 'ok' } }],
      });
    const adapter = createEc2Adapter(
      new EC2Client({ region: 'us-east-2' }),
      'us-east-2',
      createInstanceTypeCache(),
    );
    const statuses = await adapter.describeStatuses(['i-0000000000000000a', 'i-0000000000000000b']);
    expect(statuses.map((s) => s.InstanceId)).toEqual(['i-0000000000000000a']);
    expect(ec2.commandCalls(DescribeInstanceStatusCommand)).toHaveLength(2);
  });

  it('fails as before on any other error', async () => {
    ec2
      .on(DescribeInstanceStatusCommand)
      .rejects(Object.assign(new Error('no'), { name: 'UnauthorizedOperation' }));
    const adapter = createEc2Adapter(
      new EC2Client({ region: 'us-east-2' }),
      'us-east-2',
      createInstanceTypeCache(),
    );
    await expect(adapter.describeStatuses(['i-0000000000000000a'])).rejects.toThrow(
      'DescribeInstanceStatus in us-east-2 failed: UnauthorizedOperation: no',
    );
  });
});

/** Page n (from 1) answers with token(n) as its NextToken; undefined ends the listing. */
function tokenStream(token: (n: number) => string | undefined) {
  let pages = 0;
  const answer = () => ({ NextToken: token(++pages) });
  return { answer, pages: () => pages };
}

const cycle = (n: number) => ['A', 'B'][(n - 1) % 2];
const endless = (n: number) => `token-${n}`;

describe('listings that never end', () => {
  const MEMBERS = [{ [SERVICE_KEY]: 'api' }];
  const listings = [
    {
      operation: 'DescribeInstances',
      command: DescribeInstancesCommand,
      cap: 200,
      read: (reader: Ec2Adapter) => reader.describeMembers(MEMBERS),
    },
    {
      operation: 'DescribeInstanceStatus',
      command: DescribeInstanceStatusCommand,
      cap: 100,
      read: (reader: Ec2Adapter) => reader.describeStatuses(['i-1']),
    },
    {
      operation: 'DescribeInstanceTypes',
      command: DescribeInstanceTypesCommand,
      cap: 100,
      read: (reader: Ec2Adapter) => reader.describeInstanceTypes(['m5.large']),
    },
  ] as const;

  it.each(listings)('refuses a NextToken cycle (A, B, A) in $operation', async (listing) => {
    const stream = tokenStream(cycle);
    ec2.on(listing.command).callsFake(stream.answer);
    const reader = adapter();

    const read = listing.read(reader);

    await expect(read).rejects.toBeInstanceOf(AwsCallError);
    await expect(read).rejects.toThrow(
      `${listing.operation} in us-east-2 failed: NextToken repeated after 3 pages`,
    );
    expect(stream.pages()).toBe(3);
    expect(reader.calls()).toBe(3);
  });

  it.each(listings)(
    'refuses a token repeated at once in $operation, where the paginator would stop short',
    async (listing) => {
      const stream = tokenStream(() => 'same');
      ec2.on(listing.command).callsFake(stream.answer);

      await expect(listing.read(adapter())).rejects.toThrow(
        `${listing.operation} in us-east-2 failed: NextToken repeated after 2 pages`,
      );
      expect(stream.pages()).toBe(2);
    },
  );

  it.each(listings)(
    'refuses endless new tokens in $operation after exactly $cap pages',
    async (listing) => {
      const stream = tokenStream(endless);
      ec2.on(listing.command).callsFake(stream.answer);
      const reader = adapter();

      await expect(listing.read(reader)).rejects.toThrow(
        `${listing.operation} in us-east-2 failed: more than ${listing.cap} pages`,
      );
      expect(stream.pages()).toBe(listing.cap);
      expect(reader.calls()).toBe(listing.cap);
    },
  );

  it('reads a listing of exactly 200 pages of DescribeInstances to its end', async () => {
    const stream = tokenStream((n) => (n < 200 ? endless(n) : undefined));
    ec2.on(DescribeInstancesCommand).callsFake(stream.answer);

    await expect(adapter().describeMembers(MEMBERS)).resolves.toStrictEqual([]);
    expect(stream.pages()).toBe(200);
  });
});
