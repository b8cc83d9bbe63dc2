/**
 * A stateful fake Route 53 behind aws-sdk-client-mock, for tests of anything
 * that talks to Route 53 through a Route53Client.
 *
 * ```ts
 * const route53 = fakeRoute53(createHostedZone({ zoneId: 'Z1' }, records));
 * afterEach(() => route53.restore());
 * const adapter = createRoute53Adapter(new Route53Client({ region: 'us-east-1' }), {
 *   hostedZoneId: 'Z1',
 * });
 * route53.throttleNext(2); // the next two calls, of any command, are throttled
 * route53.beforeChange((batch, zone) => zone.apply(foreignEdit)); // a concurrent edit
 * expect(route53.callCount('ListResourceRecordSets')).toBe(1);
 * ```
 *
 * It mocks every Route53Client (the class's prototype), as the state lives in
 * `zone`, a model of the hosted zone with Route 53's rules and wording:
 * - ListResourceRecordSets answers from `zone.list()`, with names printed the
 *   way Route 53 prints them (`\052` for `*`), pages of at most `pageSize`;
 * - ChangeResourceRecordSets runs the `beforeChange` hooks, then `zone.apply()`;
 *   a rejection throws the SDK's own InvalidChangeBatch / InvalidInput error,
 *   shaped as the SDK surfaces Route 53's `<ErrorResponse>` (see rejectionError:
 *   name, Code, Type, message "[first, second]", `messages` empty, $fault
 *   'client', $metadata.httpStatusCode 400);
 * - GetChange answers INSYNC (PENDING first for `pendingPolls(n)` polls);
 * - any other command rejects; a wrong hosted zone id answers NoSuchHostedZone.
 *
 * The mock replaces the client's send, so the client's own retries never run:
 * a throttled call fails at once, as after the client's last attempt (the wire
 * tests in test/aws/ show those retries).
 *
 * Every call is counted per command, faults included. It is an AwsStub, so the
 * aws-sdk-client-mock-vitest matchers work on it; call `restore()` when done,
 * and never `reset()`, which would drop the wiring.
 */
import type {
  ChangeResourceRecordSetsCommandInput,
  ChangeResourceRecordSetsCommandOutput,
  GetChangeCommandInput,
  GetChangeCommandOutput,
  ListResourceRecordSetsCommandInput,
  ListResourceRecordSetsCommandOutput,
  ResourceRecordSet as SdkRecordSet,
} from '@aws-sdk/client-route-53';
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  InvalidChangeBatch,
  InvalidInput,
  ListResourceRecordSetsCommand,
  NoSuchChange,
  NoSuchHostedZone,
  Route53Client,
  Route53ServiceException,
} from '@aws-sdk/client-route-53';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { mockClient } from 'aws-sdk-client-mock';
import { escapeName } from '../../shared/domain/dns/names.js';
import type { ChangeBatch, ResourceRecordSet } from '../../shared/domain/dns/records.js';
import type { HostedZone, Rejection } from '../../shared/domain/dns/zone/index.js';
import { stripZoneId } from '../../shared/domain/dns/zone/index.js';

export type FakeCommand =
  'ListResourceRecordSets' | 'ChangeResourceRecordSets' | 'GetChange' | 'GetHostedZone';

/** Runs just before a batch is applied: e.g. a concurrent foreign edit to `zone`. */
export type ChangeHook = (batch: ChangeBatch, zone: HostedZone) => void;

export interface FakeRoute53Options {
  /** The hosted zone id requests must name; default `zone.zoneId`. */
  readonly zoneId?: string;
  /** Largest page ListResourceRecordSets returns, whatever MaxItems asks; default 300. */
  readonly pageSize?: number;
  /** The zone's name GetHostedZone answers; default example.com. */
  readonly zoneName?: string;
}

export interface FakeRoute53Controls {
  readonly zone: HostedZone;
  readonly zoneId: string;
  /** Batches the zone accepted, in order. */
  readonly accepted: readonly ChangeBatch[];
  /** Calls received for one command, or for all commands (unsupported ones included). */
  callCount(command?: FakeCommand): number;
  /** The next n calls of any command throw the SDK's throttling error for `code`. */
  throttleNext(n: number, code?: string): void;
  /** The next n calls of any command throw `error`. */
  failNext(error: Error, n?: number): void;
  /** Adds a hook run before every batch is applied (after any injected fault). */
  beforeChange(hook: ChangeHook): void;
  /** The next n GetChange calls answer PENDING. */
  pendingPolls(n: number): void;
}

export type FakeRoute53 = AwsClientStub<Route53Client> & FakeRoute53Controls;

const METADATA = { httpStatusCode: 400, requestId: 'fake-request' };

/** A throttling error as the SDK surfaces Route 53's (name and Code), flagged retryable. */
export function throttlingError(code = 'Throttling'): Error {
  return Object.assign(
    new Route53ServiceException({
      name: code,
      $fault: 'client',
      $metadata: METADATA,
      message: code === 'PriorRequestNotComplete' ? 'Prior request not complete' : 'Rate exceeded',
    }),
    { Code: code, Type: 'Sender', $retryable: { throttling: true } },
  );
}

/**
 * The error the SDK throws for a Route 53 rejection, as seen on the wire:
 * Route 53 puts every InvalidChangeBatch message in one `<Message>` as
 * "[first, second]", and the SDK leaves its `messages` member empty. Code and
 * Type are copied from the `<Error>` element.
 */
export function rejectionError(rejection: Rejection): Error {
  const error =
    rejection.code === 'InvalidChangeBatch'
      ? new InvalidChangeBatch({
          message: `[${rejection.messages.join(', ')}]`,
          messages: [],
          $metadata: METADATA,
        })
      : new InvalidInput({ message: rejection.messages.join(', '), $metadata: METADATA });
  return Object.assign(error, { Code: rejection.code, Type: 'Sender' });
}

/** The record as ListResourceRecordSets prints it: names escaped. */
function printed(record: ResourceRecordSet): SdkRecordSet {
  const alias = record.AliasTarget;
  return {
    ...record,
    Name: escapeName(record.Name),
    ...(alias && { AliasTarget: { ...alias, DNSName: escapeName(alias.DNSName) } }),
  } as SdkRecordSet;
}

/** Mocks Route53Client over `zone`; see the module comment for what each command does. */
export function fakeRoute53(zone: HostedZone, options: FakeRoute53Options = {}): FakeRoute53 {
  const zoneId = stripZoneId(options.zoneId ?? zone.zoneId);
  const pageSize = options.pageSize ?? 300;
  const counts = new Map<string, number>();
  const faults: Error[] = [];
  const hooks: ChangeHook[] = [];
  const accepted: ChangeBatch[] = [];
  const changes = new Map<string, Date>();
  let pending = 0;

  /** Counts the call, throws an injected fault if one is due, else runs the handler. */
  function handle<I, O>(command: string, handler: (input: I) => O): (input: I) => Promise<O> {
    return (input) => {
      counts.set(command, (counts.get(command) ?? 0) + 1);
      const fault = faults.shift();
      // Run in a promise, so that a throw from the handler rejects the send like a real failure.
      return fault === undefined ? Promise.resolve(input).then(handler) : Promise.reject(fault);
    };
  }

  function checkZone(id: string | undefined): void {
    if (stripZoneId(id ?? '') === zoneId) return;
    throw new NoSuchHostedZone({
      message: `No hosted zone found with ID: ${id ?? ''}`,
      $metadata: { httpStatusCode: 404 },
    });
  }

  function list(input: ListResourceRecordSetsCommandInput): ListResourceRecordSetsCommandOutput {
    checkZone(input.HostedZoneId);
    const page = zone.list({
      StartRecordName: input.StartRecordName,
      StartRecordType: input.StartRecordType,
      StartRecordIdentifier: input.StartRecordIdentifier,
      MaxItems: Math.min(pageSize, input.MaxItems ?? pageSize),
    });
    return {
      ...page,
      ResourceRecordSets: page.ResourceRecordSets.map(printed),
      NextRecordName:
        page.NextRecordName === undefined ? undefined : escapeName(page.NextRecordName),
      NextRecordType: page.NextRecordType as SdkRecordSet['Type'] | undefined,
      MaxItems: Number(page.MaxItems),
      $metadata: {},
    };
  }

  function change(
    input: ChangeResourceRecordSetsCommandInput,
  ): ChangeResourceRecordSetsCommandOutput {
    checkZone(input.HostedZoneId);
    // The SDK's input is the domain's shape with wider types; the model checks every field.
    const batch = input.ChangeBatch as unknown as ChangeBatch;
    for (const hook of hooks) hook(batch, zone);
    const rejection = zone.apply(batch);
    if (rejection !== undefined) throw rejectionError(rejection);
    accepted.push(batch);
    const id = `/change/C${String(accepted.length).padStart(12, '0')}`;
    const submitted = new Date();
    changes.set(id, submitted);
    return { ChangeInfo: { Id: id, Status: 'PENDING', SubmittedAt: submitted }, $metadata: {} };
  }

  function getChange(input: GetChangeCommandInput): GetChangeCommandOutput {
    // The SDK strips "/change/" before sending; a mock sees the id as the caller gave it.
    const id = `/change/${(input.Id ?? '').replace(/^\/change\//, '')}`;
    const submitted = changes.get(id);
    if (submitted === undefined) {
      throw new NoSuchChange({
        message: `A change with the specified change ID does not exist.`,
        $metadata: { httpStatusCode: 404 },
      });
    }
    const status = pending > 0 ? 'PENDING' : 'INSYNC';
    if (pending > 0) pending--;
    return { ChangeInfo: { Id: id, Status: status, SubmittedAt: submitted }, $metadata: {} };
  }

  const stub = mockClient(Route53Client);
  stub.callsFake(
    handle('other', () => {
      throw new Error('fake Route 53: command not supported');
    }),
  );
  stub.on(ListResourceRecordSetsCommand).callsFake(handle('ListResourceRecordSets', list));
  stub.on(ChangeResourceRecordSetsCommand).callsFake(handle('ChangeResourceRecordSets', change));
  stub.on(GetChangeCommand).callsFake(handle('GetChange', getChange));
  stub.on(GetHostedZoneCommand).callsFake(
    handle('GetHostedZone', () => ({
      HostedZone: {
        Id: `/hostedzone/${zoneId}`,
        Name: options.zoneName ?? 'example.com.',
        CallerReference: 'fake',
      },
      DelegationSet: { NameServers: [] },
      $metadata: {},
    })),
  );

  const controls: FakeRoute53Controls = {
    zone,
    zoneId,
    accepted,
    callCount: (command) =>
      command === undefined
        ? [...counts.values()].reduce((sum, n) => sum + n, 0)
        : (counts.get(command) ?? 0),
    throttleNext: (n, code = 'Throttling') => {
      for (let i = 0; i < n; i++) faults.push(throttlingError(code));
    },
    failNext: (error, n = 1) => {
      for (let i = 0; i < n; i++) faults.push(error);
    },
    beforeChange: (hook) => {
      hooks.push(hook);
    },
    pendingPolls: (n) => {
      pending = n;
    },
  };
  return Object.assign(stub, controls);
}
