/**
 * The Route 53 adapter against the stateful fake (aws-sdk-client-mock over the
 * zone model): what it asks for, how few calls it makes, and how it classifies
 * what Route 53 answers.
 */
import 'aws-sdk-client-mock-vitest/extend';
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Route53Adapter } from '../../shared/aws/route53.js';
import { createRoute53Adapter, StaleWriteError } from '../../shared/aws/route53.js';
import { isAtOrBelow, normalizeName } from '../../shared/domain/dns/names.js';
import type { ResourceRecordSet } from '../../shared/domain/dns/records.js';
import { createHostedZone } from '../../shared/domain/dns/zone/index.js';
import { AwsCallError, ConflictError } from '../../shared/domain/errors.js';
import { batch, create, remove, simple, upsert, weighted } from '../domain/dns/zone/fixtures.js';
import {
  API_CHILDREN,
  API_GROUP,
  apiZone,
  hosts,
  WWW,
  ZONE_ID,
} from '../fixtures/route53/zones.js';
import type { FakeRoute53 } from '../support/fake-route53.js';
import { fakeRoute53 } from '../support/fake-route53.js';

const client = new Route53Client({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'never-used' },
});

let route53: FakeRoute53 | undefined;
afterEach(() => {
  route53?.restore();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function setUp(
  records: readonly ResourceRecordSet[] = [],
  options: { pageSize?: number } = {},
): { fake: FakeRoute53; adapter: Route53Adapter } {
  const fake = fakeRoute53(apiZone(records), { pageSize: options.pageSize });
  route53 = fake;
  const adapter = createRoute53Adapter(client, { hostedZoneId: ZONE_ID });
  return { fake, adapter };
}

function listInputs(fake: FakeRoute53): unknown[] {
  return fake.commandCalls(ListResourceRecordSetsCommand).map((call) => call.args[0].input);
}

const API_SUBTREE = [...API_GROUP, ...API_CHILDREN];

describe('readRecords', () => {
  it('reads a subtree from its root with Route 53 largest page', async () => {
    const { fake, adapter } = setUp();
    const records = await adapter.readRecords(['api.example.com.']);
    expect(listInputs(fake)).toEqual([
      { HostedZoneId: ZONE_ID, StartRecordName: 'api.example.com.', MaxItems: 300 },
    ]);
    expect(records).toEqual(
      fake.zone.records().filter((r) => isAtOrBelow(r.Name, 'api.example.com.')),
    );
    expect(records).toHaveLength(API_SUBTREE.length);
  });

  it('reads a small subtree of a 2,000-record zone in one call', async () => {
    const { fake, adapter } = setUp(hosts(2_000));
    const records = await adapter.readRecords(['us-east-2.api.example.com.']);
    expect(records.map((r) => r.SetIdentifier)).toEqual(['a', 'b']);
    expect(fake.callCount()).toBe(1);
    expect(adapter.calls()).toBe(1);
  });

  it('follows the cursor across pages, reading a weighted group split over two', async () => {
    const { fake, adapter } = setUp([], { pageSize: 4 });
    const records = await adapter.readRecords(['api.example.com.']);
    expect(listInputs(fake)).toEqual([
      { HostedZoneId: ZONE_ID, StartRecordName: 'api.example.com.', MaxItems: 300 },
      {
        HostedZoneId: ZONE_ID,
        StartRecordName: 'api.example.com.',
        StartRecordType: 'A',
        StartRecordIdentifier: 'w5',
        MaxItems: 300,
      },
      {
        HostedZoneId: ZONE_ID,
        StartRecordName: 'us-east-2.api.example.com.',
        StartRecordType: 'A',
        StartRecordIdentifier: 'a',
        MaxItems: 300,
      },
    ]);
    expect(records.filter((r) => r.Name === 'api.example.com.')).toEqual(API_GROUP);
    expect(records).toHaveLength(API_SUBTREE.length);
  });

  it('stops without another call when the next page starts past the subtree', async () => {
    // The api subtree fills exactly one page; Route 53's cursor then names www.example.com.
    const { fake, adapter } = setUp([], { pageSize: API_SUBTREE.length });
    await expect(adapter.readRecords(['api.example.com.'])).resolves.toHaveLength(10);
    expect(fake.callCount()).toBe(1);
  });

  it('asks for a wildcard root by the name Route 53 prints', async () => {
    const { fake, adapter } = setUp();
    const records = await adapter.readRecords(['*.api.example.com.']);
    expect(records.map((r) => r.Name)).toEqual(['*.api.example.com.']);
    expect(fake).toHaveReceivedCommandWith(ListResourceRecordSetsCommand, {
      StartRecordName: '\\052.api.example.com.',
    });
  });

  it('reads a root inside another root only once', async () => {
    const { fake, adapter } = setUp(hosts(500));
    const roots = ['us-east-2.api.example.com.', 'API.example.com', 'api.example.com.'];
    const records = await adapter.readRecords(roots);
    expect(listInputs(fake)).toEqual([
      { HostedZoneId: ZONE_ID, StartRecordName: 'api.example.com.', MaxItems: 300 },
    ]);
    expect(records).toHaveLength(API_SUBTREE.length);
  });

  it('reads several subtrees from one page when they lie within it', async () => {
    const { fake, adapter } = setUp();
    const records = await adapter.readRecords(['www.example.com.', 'api.example.com.']);
    expect(records).toEqual([
      ...fake.zone.records().filter((r) => r.Name !== 'api-eu.example.com.'),
    ]);
    expect(fake.callCount()).toBe(1);
  });

  it('starts a new read for a subtree beyond the page already read', async () => {
    const { fake, adapter } = setUp(hosts(2_000));
    const records = await adapter.readRecords(['api.example.com.', 'www.example.com.']);
    expect(records.at(-1)).toEqual(WWW);
    expect(listInputs(fake)).toEqual([
      { HostedZoneId: ZONE_ID, StartRecordName: 'api.example.com.', MaxItems: 300 },
      { HostedZoneId: ZONE_ID, StartRecordName: 'www.example.com.', MaxItems: 300 },
    ]);
  });

  it('normalises the octal escapes Route 53 prints, in names and alias targets', async () => {
    const { adapter } = setUp();
    const raw = await client.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: ZONE_ID,
        StartRecordName: '*.api.example.com.',
      }),
    );
    expect(raw.ResourceRecordSets?.[0]?.Name).toBe('\\052.api.example.com.');
    const records = await adapter.readRecords(['api.example.com.']);
    expect(records.map((r) => r.Name)).toContain('*.api.example.com.');
    const edge = records.find((r) => r.Name === 'edge.api.example.com.');
    expect(edge?.AliasTarget?.DNSName).toBe('*.api.example.com.');
  });

  it('makes no call at all for no roots', async () => {
    const { fake, adapter } = setUp();
    await expect(adapter.readRecords([])).resolves.toEqual([]);
    expect(fake.callCount()).toBe(0);
  });

  it('returns nothing, after one call, for a root without records', async () => {
    const { fake, adapter } = setUp();
    await expect(adapter.readRecords(['nothing.example.com.'])).resolves.toEqual([]);
    expect(fake.callCount()).toBe(1);
  });

  it('wraps a failure in AwsCallError, throttling the client gave up on too, unretried', async () => {
    const { fake, adapter } = setUp();
    fake.throttleNext(1);
    await expect(adapter.readRecords(['api.example.com.'])).rejects.toThrow(
      'ListResourceRecordSets failed: Throttling: Rate exceeded',
    );
    expect(fake.callCount()).toBe(1);
    fake.failNext(Object.assign(new Error('User is not authorized'), { name: 'AccessDenied' }));
    const failure = adapter.readRecords(['api.example.com.']);
    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toMatchObject({ operation: 'ListResourceRecordSets' });
  });

  it('returns exactly the records at or below the roots, whatever the page size', async () => {
    const label = fc.constantFrom('a', 'b', 'a-b', '*', 'c0');
    const name = fc
      .array(label, { minLength: 0, maxLength: 3 })
      .map((labels) => [...labels, 'example.com.'].join('.'));
    const entry = fc.record({ name, type: fc.constantFrom('A', 'AAAA', 'TXT') });
    const entries = fc.uniqueArray(entry, {
      selector: (e) => `${e.name} ${e.type}`,
      maxLength: 30,
    });
    await fc.assert(
      fc.asyncProperty(
        entries,
        fc.array(name, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 5 }),
        async (zoneEntries, roots, pageSize) => {
          const zone = createHostedZone(
            { zoneId: ZONE_ID },
            zoneEntries.map((e) => simple(e.name, ['x'], { Type: e.type })),
          );
          const fake = fakeRoute53(zone, { pageSize });
          try {
            const adapter = createRoute53Adapter(client, { hostedZoneId: ZONE_ID });
            const wanted = roots.map(normalizeName);
            const expected = zone
              .records()
              .filter((r) => wanted.some((root) => isAtOrBelow(r.Name, root)));
            expect(await adapter.readRecords(roots)).toEqual(expected);
          } finally {
            fake.restore();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

const W1 = API_GROUP[0] ?? simple('missing.');
const W7 = weighted('api.example.com.', 'w7', 70, ['192.0.2.7']);

describe('changeRecords', () => {
  it('sends the batch exactly as given, comment included, and returns the change id', async () => {
    const { fake, adapter } = setUp();
    const sent = { Comment: 'rebalance api', Changes: [remove(W1), create(W7)] };
    const id = await adapter.changeRecords(sent);
    expect(fake).toHaveReceivedCommandOnce(ChangeResourceRecordSetsCommand);
    const input = fake.commandCalls(ChangeResourceRecordSetsCommand)[0]?.args[0].input;
    expect(input).toStrictEqual({ HostedZoneId: ZONE_ID, ChangeBatch: sent });
    expect(input?.ChangeBatch).toBe(sent);
    expect(id).toMatch(/^\/change\/C\w+$/);
    expect(fake.zone.get('api.example.com.', 'A', 'w7')).toEqual(W7);
  });

  it.each(['Throttling', 'PriorRequestNotComplete'])(
    'sends a batch once when %s comes back: retrying is the client',
    async (code) => {
      const { fake, adapter } = setUp();
      fake.throttleNext(5, code);
      const failure = adapter.changeRecords(batch(create(W7)));
      await expect(failure).rejects.toThrow(AwsCallError);
      await expect(failure).rejects.toMatchObject({
        operation: 'ChangeResourceRecordSets',
        cause: { name: code },
      });
      expect(fake.callCount()).toBe(1);
      expect(adapter.calls()).toBe(1);
      expect(fake.zone.get('api.example.com.', 'A', 'w7')).toBeUndefined();
    },
  );

  const deleteW1 = batch(remove(W1), create(W7));
  it.each([
    [
      'a record it deletes was deleted meanwhile',
      deleteW1,
      batch(remove(W1)),
      "Tried to delete resource record set [name='api.example.com.', type='A', set-identifier='w1'] but it was not found",
    ],
    [
      'a record it deletes was changed meanwhile',
      deleteW1,
      batch(upsert({ ...W1, Weight: 99 })),
      "Tried to delete resource record set [name='api.example.com.', type='A', set-identifier='w1'] but the values provided do not match the current values",
    ],
    [
      'a record it creates was created meanwhile',
      batch(create(W7)),
      batch(create(W7)),
      "Tried to create resource record set [name='api.example.com.', type='A', set-identifier='w7'] but it already exists",
    ],
  ])('throws StaleWriteError, without retrying, when %s', async (_, mine, foreign, message) => {
    const { fake, adapter } = setUp();
    fake.beforeChange((_batch, zone) => {
      expect(zone.apply(foreign)).toBeUndefined();
    });
    const failure = adapter.changeRecords(mine);
    await expect(failure).rejects.toBeInstanceOf(StaleWriteError);
    await expect(failure).rejects.toBeInstanceOf(ConflictError);
    await expect(failure).rejects.toMatchObject({ messages: [message] });
    expect(fake.callCount()).toBe(1);
  });

  it('throws AwsCallError, with Route 53 message, for a batch that is wrong in itself', async () => {
    const { adapter } = setUp();
    const failure = adapter.changeRecords(batch(create({ ...W7, TTL: 300 })));
    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toThrow(
      'ChangeResourceRecordSets failed: InvalidChangeBatch: [RRSet with DNS name api.example.com., type A, SetIdentifier w7 cannot be created as weighted sets must contain the same TTL.]',
    );
    await expect(failure).rejects.toMatchObject({ cause: { name: 'InvalidChangeBatch' } });
  });

  it('throws AwsCallError when a stale message comes with another problem', async () => {
    const { adapter } = setUp();
    const gone = weighted('api.example.com.', 'gone', 1, ['192.0.2.99']);
    const failure = adapter.changeRecords(batch(remove(gone), create({ ...W7, TTL: 300 })));
    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toThrow('but it was not found, RRSet with DNS name');
  });

  it('throws AwsCallError for InvalidInput', async () => {
    const { adapter } = setUp();
    const failure = adapter.changeRecords(batch(create({ ...W7, Weight: 300 })));
    await expect(failure).rejects.toThrow(
      /^ChangeResourceRecordSets failed: InvalidInput: 1 validation error/,
    );
  });
});

/** A listing whose page n (from 1) is truncated with cursor(n) as the next record; undefined ends it. */
function cursorStream(cursor: (n: number) => string | undefined) {
  const stub = mockClient(Route53Client);
  let pages = 0;
  stub.on(ListResourceRecordSetsCommand).callsFake(() => {
    const next = cursor(++pages);
    return {
      ResourceRecordSets: [],
      IsTruncated: next !== undefined,
      ...(next !== undefined && { NextRecordName: next, NextRecordType: 'A' }),
      MaxItems: 300,
    };
  });
  return { stub, pages: () => pages };
}

describe('answers Route 53 should never give', () => {
  it('refuses a truncated page whose cursor does not move, rather than loop', async () => {
    const stub = mockClient(Route53Client);
    try {
      stub.on(ListResourceRecordSetsCommand).resolves({
        ResourceRecordSets: [],
        IsTruncated: true,
        NextRecordName: 'api.example.com.',
        MaxItems: 300,
      });
      const adapter = createRoute53Adapter(client, { hostedZoneId: ZONE_ID });
      await expect(adapter.readRecords(['api.example.com.'])).rejects.toThrow(
        'ListResourceRecordSets failed: cursor api.example.com. repeated after 1 page',
      );
      expect(adapter.calls()).toBe(1);
    } finally {
      stub.restore();
    }
  });

  it('refuses a truncated page without a cursor', async () => {
    const stub = mockClient(Route53Client);
    try {
      stub.on(ListResourceRecordSetsCommand).resolves({ IsTruncated: true, MaxItems: 300 });
      const adapter = createRoute53Adapter(client, { hostedZoneId: ZONE_ID });
      await expect(adapter.readRecords(['api.example.com.'])).rejects.toThrow(
        'ListResourceRecordSets failed: truncated page without a new cursor',
      );
    } finally {
      stub.restore();
    }
  });

  it('refuses a cursor cycle (a, b, a) after three pages, rather than loop', async () => {
    const cycle = ['a.api.example.com.', 'b.api.example.com.'];
    const { stub, pages } = cursorStream((n) => cycle[(n - 1) % 2]);
    try {
      const adapter = createRoute53Adapter(client, { hostedZoneId: ZONE_ID });
      const read = adapter.readRecords(['api.example.com.']);
      await expect(read).rejects.toBeInstanceOf(AwsCallError);
      await expect(read).rejects.toThrow(
        'ListResourceRecordSets failed: cursor a.api.example.com. A repeated after 3 pages',
      );
      expect(pages()).toBe(3);
    } finally {
      stub.restore();
    }
  });

  it('refuses a listing of more than 400 pages, after exactly 400 requests', async () => {
    const { stub, pages } = cursorStream((n) => `h${n}.api.example.com.`);
    try {
      const adapter = createRoute53Adapter(client, { hostedZoneId: ZONE_ID });
      await expect(adapter.readRecords(['api.example.com.'])).rejects.toThrow(
        'ListResourceRecordSets failed: more than 400 pages',
      );
      expect(pages()).toBe(400);
      expect(adapter.calls()).toBe(400);
    } finally {
      stub.restore();
    }
  });

  it('reads a long listing of 400 pages to its end', async () => {
    const { stub, pages } = cursorStream((n) => (n < 400 ? `h${n}.api.example.com.` : undefined));
    try {
      const adapter = createRoute53Adapter(client, { hostedZoneId: ZONE_ID });
      await expect(adapter.readRecords(['api.example.com.'])).resolves.toEqual([]);
      expect(pages()).toBe(400);
    } finally {
      stub.restore();
    }
  });

  it('refuses a change answer without a change id', async () => {
    const stub = mockClient(Route53Client);
    try {
      stub.on(ChangeResourceRecordSetsCommand).resolves({});
      const adapter = createRoute53Adapter(client, { hostedZoneId: ZONE_ID });
      await expect(adapter.changeRecords(batch(create(W7)))).rejects.toThrow(
        'ChangeResourceRecordSets failed: response has no ChangeInfo.Id',
      );
    } finally {
      stub.restore();
    }
  });
});

describe('waitInSync', () => {
  // The SDK waiter's delays are seconds; a millisecond keeps the test from waiting.
  const QUICK = { minDelaySeconds: 0.001, maxDelaySeconds: 0.001 };

  it('polls GetChange until the change is INSYNC', async () => {
    const { fake, adapter } = setUp();
    const id = await adapter.changeRecords(batch(create(W7)));
    fake.pendingPolls(2);
    await expect(adapter.waitInSync(id, QUICK)).resolves.toBe(true);
    expect(fake).toHaveReceivedCommandTimes(GetChangeCommand, 3);
    expect(fake).toHaveReceivedCommandWith(GetChangeCommand, { Id: id });
    expect(adapter.calls()).toBe(4);
  });

  it('resolves false once the wait is over, polling at the delays given', async () => {
    vi.useFakeTimers();
    const { fake, adapter } = setUp();
    const id = await adapter.changeRecords(batch(create(W7)));
    fake.pendingPolls(100);
    const wait = adapter.waitInSync(id, {
      maxWaitSeconds: 10,
      minDelaySeconds: 2,
      maxDelaySeconds: 2,
    });
    await vi.runAllTimersAsync();
    await expect(wait).resolves.toBe(false);
    // At 0, 2, 4, 6, 8 and 10 s.
    expect(fake.callCount('GetChange')).toBe(6);
  });

  it('polls at most 7 times within the default 120 s', async () => {
    vi.useFakeTimers();
    // The waiter's jitter at its lowest: the most polls.
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { fake, adapter } = setUp();
    const id = await adapter.changeRecords(batch(create(W7)));
    fake.pendingPolls(100);
    const started = Date.now();
    const wait = adapter.waitInSync(id);
    await vi.runAllTimersAsync();
    await expect(wait).resolves.toBe(false);
    // At 0, 5, 10, 15, 45, 75 and 105 s; the next would come after 120 s.
    expect(fake.callCount('GetChange')).toBe(7);
    expect(Date.now() - started).toBe(105_000);
  });

  it('ends the wait at once when a poll fails, with an AwsCallError naming GetChange', async () => {
    const { fake, adapter } = setUp();
    const id = await adapter.changeRecords(batch(create(W7)));
    const denied = Object.assign(new Error('User is not authorized to perform GetChange'), {
      name: 'AccessDenied',
    });
    fake.failNext(denied);
    const wait = adapter.waitInSync(id, QUICK);
    await expect(wait).rejects.toBeInstanceOf(AwsCallError);
    await expect(wait).rejects.toThrow(
      'GetChange failed: AccessDenied: User is not authorized to perform GetChange',
    );
    expect(fake.callCount('GetChange')).toBe(1);
  });

  it('fails for a change Route 53 does not know, rather than wait two minutes', async () => {
    const { fake, adapter } = setUp();
    await expect(adapter.waitInSync('/change/C000000000099', QUICK)).rejects.toThrow(
      'GetChange failed: NoSuchChange: A change with the specified change ID does not exist.',
    );
    expect(fake.callCount('GetChange')).toBe(1);
  });
});

describe('readRecords of names read alone', () => {
  /** A latency name with its regional subtrees, `perRegion` weighted records each, and a page of 300. */
  function bigZone(perRegion: number): ResourceRecordSet[] {
    const regions = ['ap-northeast-1', 'eu-west-1', 'us-east-2', 'us-west-2'];
    return regions.flatMap((region) => [
      weighted('api.example.com.', region, 1, ['192.0.2.1']),
      ...Array.from({ length: perRegion }, (_, n) =>
        weighted(`${region}.api.example.com.`, `r${n}`, 1, [
          `10.0.${Math.floor(n / 250)}.${n % 250}`,
        ]),
      ),
    ]);
  }

  function setUp(records: readonly ResourceRecordSet[]) {
    const fake = fakeRoute53(createHostedZone({ zoneId: ZONE_ID }, records));
    route53 = fake;
    return { fake, adapter: createRoute53Adapter(client, { hostedZoneId: ZONE_ID }) };
  }

  it('reads the records at the name and none below it', async () => {
    const records = bigZone(5);
    const { adapter } = setUp(records);
    const read = await adapter.readRecords([], ['api.example.com.']);
    expect(read.map((r) => r.Name)).toEqual(Array(4).fill('api.example.com.'));
  });

  it('one region of four: pages for its own records and one more, not the whole subtree', async () => {
    const { fake, adapter } = setUp(bigZone(1500));
    const read = await adapter.readRecords(['us-east-2.api.example.com.'], ['api.example.com.']);
    expect(read.filter((r) => r.Name === 'us-east-2.api.example.com.')).toHaveLength(1500);
    expect(read.filter((r) => r.Name === 'api.example.com.')).toHaveLength(4);
    expect(read).toHaveLength(1504);
    // 1,500 records are 5 pages of 300, plus the page at the latency name.
    expect(fake.callCount('ListResourceRecordSets')).toBe(6);
    fake.restore();
    const whole = setUp(bigZone(1500));
    await whole.adapter.readRecords(['api.example.com.']);
    // The whole subtree: 6,004 records, 21 pages.
    expect(whole.fake.callCount('ListResourceRecordSets')).toBe(21);
  });

  it('a name inside a subtree read is read with it, once', async () => {
    const { fake, adapter } = setUp(bigZone(2));
    const read = await adapter.readRecords(['api.example.com.'], ['api.example.com.']);
    expect(read).toHaveLength(12);
    expect(fake.callCount('ListResourceRecordSets')).toBe(1);
  });

  it('a name without records reads one page and nothing from it', async () => {
    const { adapter } = setUp(bigZone(2));
    await expect(adapter.readRecords([], ['nothing.example.com.'])).resolves.toEqual([]);
  });
});
