/**
 * `npm run bench` part 2: 1,000 EC2 events for one service over four regions
 * within a minute, replayed through the real intake and reconcile handlers,
 * against a faked Route 53 (the zone model) that counts every API call.
 *
 * Virtual time. The events queue behaves like SQS feeding Lambda with a
 * batching window: the first message opens a window, everything arriving
 * before it closes is one invocation. The work queue behaves like SQS FIFO
 * with one message group: one batch (up to 10 items) at a time, and a
 * reconcile takes `reconcileSeconds`. Compared with reconciling the event's
 * region once per event, as a plain EventBridge -> Lambda wiring would.
 */
import { Route53Client } from '@aws-sdk/client-route-53';
import { handleIntake } from '../functions/intake.js';
import { handleReconcile } from '../functions/reconcile.js';
import { createRoute53Adapter } from '../shared/aws/route53.js';
import type { Instance } from '../shared/domain/fleet/fleet.js';
import type { RebalancerSpec } from '../shared/domain/spec.js';
import { regionSpec, serviceSpec, spec as specOf, ZONE_ID } from '../test/support/builders.js';
import { silentLogger } from '../shared/app/log.js';
import { reconcile, type ReconcileDeps } from '../shared/app/reconcile.js';
import type { WorkItem } from '../shared/domain/scope.js';
import { fakeRoute53 } from '../test/support/fake-route53.js';
import { sqsEvent } from '../test/support/sqs.js';
import { zoneWith } from '../test/support/zone.js';

const REGIONS = ['us-east-1', 'us-east-2', 'eu-west-1', 'ap-northeast-1'];

interface TimedEvent {
  readonly at: number;
  readonly region: string;
  readonly body: unknown;
  /** What the event reports, applied to the fleet when it happens. */
  readonly apply: (fleet: Map<string, Instance>) => void;
}

/** One service over the four regions, equal capacity, no health checks: only the events matter. */
function spec(): RebalancerSpec {
  return specOf([
    serviceSpec({
      capacity: { source: 'equal', overrideTag: undefined, maxOverrideRatio: 4 },
      health: {
        statusChecks: false,
        alarmNamePrefix: undefined,
        drainTag: undefined,
        readiness: { graceSeconds: 0, statusOk: false, tag: undefined },
      },
      regions: REGIONS.map((region) => regionSpec(region)),
    }),
  ]);
}

function instance(region: string, n: number, state: Instance['state']): Instance {
  return {
    id: `i-${region.replace(/-/g, '')}${String(n).padStart(5, '0')}`,
    region,
    zone: `${region}${'abc'[n % 3] ?? 'a'}`,
    instanceType: 'm5.large',
    state,
    launchTime: undefined,
    tags: { 'rebalancer:service': 'api' },
    publicIp: `10.${REGIONS.indexOf(region)}.${Math.floor(n / 250)}.${n % 250}`,
    privateIp: undefined,
    ipv6: undefined,
  };
}

/** An Auto Scaling group replacing instances: 4 events per replacement (pending, running, shutting-down, terminated). */
function replayEvents(
  total: number,
  seconds: number,
): { events: TimedEvent[]; fleets: Map<string, Map<string, Instance>> } {
  const fleets = new Map(
    REGIONS.map((r) => [
      r,
      new Map(
        Array.from({ length: 20 }, (_, n) => [
          instance(r, n, 'running').id,
          instance(r, n, 'running'),
        ]),
      ),
    ]),
  );
  const events: TimedEvent[] = [];
  const replacements = total / 4;
  for (let k = 0; k < replacements; k++) {
    const region = REGIONS[k % REGIONS.length] as string;
    const old = instance(region, Math.floor(k / REGIONS.length), 'running');
    const fresh = instance(region, 1000 + Math.floor(k / REGIONS.length), 'pending');
    const start = (k / replacements) * (seconds - 4);
    const event = (at: number, target: Instance, state: Instance['state']): TimedEvent => ({
      at,
      region,
      body: {
        version: '0',
        id: `${target.id}-${state}`,
        'detail-type': 'EC2 Instance State-change Notification',
        source: 'aws.ec2',
        account: '123456789012',
        time: new Date(Date.UTC(2026, 10, 22, 12, 0, Math.floor(at))).toISOString(),
        region,
        resources: [`arn:aws:ec2:${region}:123456789012:instance/${target.id}`],
        detail: { 'instance-id': target.id, state },
      },
      apply: (fleet) => void fleet.set(target.id, { ...target, state }),
    });
    events.push(
      event(start, fresh, 'pending'),
      event(start + 1, fresh, 'running'),
      event(start + 2, old, 'shutting-down'),
      event(start + 3, old, 'terminated'),
    );
  }
  return { events: events.sort((a, b) => a.at - b.at), fleets };
}

function depsFor(
  fleets: Map<string, Map<string, Instance>>,
  route53: Route53Client,
): ReconcileDeps {
  const adapter = createRoute53Adapter(route53, { hostedZoneId: ZONE_ID });
  return {
    zone: {
      readRecords: (roots, names) => adapter.readRecords(roots, names),
      changeRecords: (b) => adapter.changeRecords(b),
      waitInSync: (id) => adapter.waitInSync(id),
    },
    readRegion: (region) =>
      Promise.resolve({
        region,
        instances: [...(fleets.get(region)?.values() ?? [])],
        instanceTypes: undefined,
        statuses: undefined,
        alarms: undefined,
      }),
    log: silentLogger,
    now: () => new Date(0),
  };
}

export interface EventsBenchResult {
  readonly events: number;
  readonly perEvent: { reconciles: number; route53Calls: number; writes: number };
  readonly coalesced: {
    intakeInvocations: number;
    reconciles: number;
    route53Calls: number;
    writes: number;
  };
  readonly sameFinalRecords: boolean;
}

async function perEvent(total: number, seconds: number) {
  const { events, fleets } = replayEvents(total, seconds);
  const route53 = fakeRoute53(zoneWith());
  try {
    const config = spec();
    const deps = depsFor(fleets, new Route53Client({ region: 'us-east-1' }));
    await reconcile({ spec: config, reason: 'initial' }, deps);
    const before = route53.callCount();
    const writesBefore = route53.callCount('ChangeResourceRecordSets');
    for (const event of events) {
      event.apply(fleets.get(event.region) as Map<string, Instance>);
      await reconcile({ spec: config, scope: [{ region: event.region }], reason: 'event' }, deps);
    }
    return {
      stats: {
        reconciles: events.length,
        route53Calls: route53.callCount() - before,
        writes: route53.callCount('ChangeResourceRecordSets') - writesBefore,
      },
      records: JSON.stringify(route53.zone.records()),
    };
  } finally {
    route53.restore();
  }
}

async function coalesced(
  total: number,
  seconds: number,
  windowSeconds: number,
  reconcileSeconds: number,
) {
  const { events, fleets } = replayEvents(total, seconds);
  const route53 = fakeRoute53(zoneWith());
  try {
    const config = spec();
    const deps = {
      ...depsFor(fleets, new Route53Client({ region: 'us-east-1' })),
      spec: () => Promise.resolve(config),
      // Every region reads here, so nothing is ever queued again.
      retry: { send: () => Promise.reject(new Error('no retry expected')) },
    };
    await reconcile({ spec: config, reason: 'initial' }, deps);
    const before = route53.callCount();
    const writesBefore = route53.callCount('ChangeResourceRecordSets');
    const work: { at: number; item: WorkItem }[] = [];
    let intakeInvocations = 0;
    // Events queue: windows opened by the first message after the previous window closed.
    for (let i = 0; i < events.length;) {
      const opens = (events[i] as TimedEvent).at;
      const batch: TimedEvent[] = [];
      while (i < events.length && (events[i] as TimedEvent).at < opens + windowSeconds)
        batch.push(events[i++] as TimedEvent);
      intakeInvocations++;
      const closes = opens + windowSeconds;
      await handleIntake(
        sqsEvent(batch.map((e) => e.body)),
        {
          awsRequestId: `intake-${intakeInvocations}`,
          // The account of the replayed events.
          invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:intake',
        },
        {
          spec: deps.spec,
          log: silentLogger,
          queue: {
            send: (item) => {
              work.push({ at: closes, item });
              return Promise.resolve();
            },
          },
        },
      );
    }
    // Work queue: FIFO, one batch of up to 10 at a time, each reconcile taking reconcileSeconds.
    let clock = 0;
    let reconciles = 0;
    let next = 0;
    while (next < work.length) {
      clock = Math.max(clock, (work[next] as { at: number }).at);
      const batch: WorkItem[] = [];
      while (next < work.length && batch.length < 10 && (work[next] as { at: number }).at <= clock)
        batch.push((work[next++] as { item: WorkItem }).item);
      for (const event of events)
        if (event.at <= clock) event.apply(fleets.get(event.region) as Map<string, Instance>);
      await handleReconcile(sqsEvent(batch, 'work.fifo'), deps);
      reconciles++;
      clock += reconcileSeconds;
    }
    // The last window closes after the last event, so the last reconcile saw every event.
    return {
      stats: {
        intakeInvocations,
        reconciles,
        route53Calls: route53.callCount() - before,
        writes: route53.callCount('ChangeResourceRecordSets') - writesBefore,
      },
      records: JSON.stringify(route53.zone.records()),
    };
  } finally {
    route53.restore();
  }
}

export async function benchEvents(
  total = 1000,
  seconds = 60,
  windowSeconds = 20,
  reconcileSeconds = 3,
): Promise<EventsBenchResult> {
  const a = await perEvent(total, seconds);
  const b = await coalesced(total, seconds, windowSeconds, reconcileSeconds);
  const result = {
    events: total,
    perEvent: a.stats,
    coalesced: b.stats,
    sameFinalRecords: a.records === b.records,
  };
  console.log(
    `\nEvents (${total} EC2 state changes, 1 service, ${REGIONS.length} regions, ${seconds} s; batching window ${windowSeconds} s, FIFO writer)`,
  );
  console.table({
    'one reconcile per event': {
      'Lambda invocations': a.stats.reconciles,
      reconciles: a.stats.reconciles,
      'Route 53 calls': a.stats.route53Calls,
      'Route 53 writes': a.stats.writes,
    },
    'coalesced (this design)': {
      'Lambda invocations': b.stats.intakeInvocations + b.stats.reconciles,
      reconciles: b.stats.reconciles,
      'Route 53 calls': b.stats.route53Calls,
      'Route 53 writes': b.stats.writes,
    },
  });
  console.log(
    `  Route 53 calls: x${(a.stats.route53Calls / Math.max(1, b.stats.route53Calls)).toFixed(0)} fewer; reconciles: ${a.stats.reconciles} -> ${b.stats.reconciles}; same final records: ${result.sameFinalRecords ? 'yes' : 'NO'}`,
  );
  return result;
}
