import { afterEach } from 'vitest';
/** A fleet that tests change between reads, behind the reconcile loop's ports, with Route 53 faked over the zone model. */
import { Route53Client } from '@aws-sdk/client-route-53';
import { createRoute53Adapter } from '../../shared/aws/route53.js';
import type { Instance, RegionRead } from '../../shared/domain/fleet/fleet.js';
import type { ResourceRecordSet } from '../../shared/domain/dns/records.js';
import { memoryLogger } from '../../shared/app/log.js';
import type { ReconcileDeps } from '../../shared/app/reconcile.js';
import type { RegionReader } from '../../shared/app/ports.js';
import { fakeRoute53, type FakeRoute53 } from './fake-route53.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import { instance, observation, regionSpec, serviceSpec, spec, ZONE_ID } from './builders.js';
import { zoneWith } from './zone.js';

export interface TestWorld {
  /** The instances each region shows now; tests edit it between reconciles. */
  readonly fleets: Map<string, Instance[]>;
  /** Regions whose reads fail, with the error. */
  readonly failing: Map<string, string>;
  readonly route53: FakeRoute53;
  readonly log: ReturnType<typeof memoryLogger>;
  /** Region reads done so far. */
  readonly regionReads: string[];
  readonly deps: ReconcileDeps;
}

/** A world with the given fleets and zone records; call `world.route53.restore()` after the test. */
export function testWorld(
  fleets: Record<string, Instance[]>,
  records: readonly ResourceRecordSet[] = [],
): TestWorld {
  const state = new Map(Object.entries(fleets));
  const failing = new Map<string, string>();
  const route53 = fakeRoute53(zoneWith(records));
  const log = memoryLogger();
  const regionReads: string[] = [];
  const adapter = createRoute53Adapter(
    new Route53Client({
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    }),
    { hostedZoneId: ZONE_ID },
  );
  const readRegion: RegionReader = (region) => {
    regionReads.push(region);
    const error = failing.get(region);
    if (error !== undefined) return Promise.reject(new Error(error));
    return Promise.resolve<RegionRead>(observation(region, state.get(region) ?? []));
  };
  let clock = 0;
  return {
    fleets: state,
    failing,
    route53,
    log,
    regionReads,
    deps: {
      zone: {
        readRecords: (roots, names) => adapter.readRecords(roots, names),
        changeRecords: (b) => adapter.changeRecords(b),
        waitInSync: (id) =>
          adapter.waitInSync(id, { minDelaySeconds: 0.001, maxDelaySeconds: 0.001 }),
      },
      readRegion,
      log,
      now: () => new Date(Date.UTC(2026, 10, 22, 12, 0, 0, (clock += 5))),
    },
  };
}

/** One instance in us-east-2 and one in eu-west-1, and a handler's dependencies over them. */
export function twoRegionWorld(): {
  world: TestWorld;
  deps: TestWorld['deps'] & { spec: () => Promise<RebalancerSpec> };
} {
  const world = testWorld({
    'us-east-2': [instance({ n: 1 })],
    'eu-west-1': [instance({ n: 2, zone: 'eu-west-1a' })],
  });
  const config = spec([
    serviceSpec({ regions: [regionSpec('us-east-2'), regionSpec('eu-west-1')] }),
  ]);
  return { world, deps: { ...world.deps, spec: () => Promise.resolve(config) } };
}

/** For a test file: a fresh two-region world per call, its Route 53 fake restored after each test. */
export function twoRegionWorlds(): () => ReturnType<typeof twoRegionWorld> {
  let current: ReturnType<typeof twoRegionWorld> | undefined;
  afterEach(() => {
    current?.world.route53.restore();
    current = undefined;
  });
  return () => (current = twoRegionWorld());
}
