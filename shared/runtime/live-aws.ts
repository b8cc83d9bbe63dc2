import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { cloudWatchClient, createCloudWatchAdapter } from '../aws/cloudwatch.js';
import { createEc2Adapter, ec2Client } from '../aws/ec2.js';
import { createMetricsPublisher } from '../aws/metrics.js';
import { createRoute53Adapter, route53Client, type Route53Adapter } from '../aws/route53.js';
import { lambdaBasics, once } from './env.js';
import type { Logger } from '../app/log.js';
import type { ReconcileDeps } from '../app/reconcile.js';
import { readRegionRaw } from '../app/read-region.js';
import { observationFrom, type RegionReads } from '../formats/aws-shapes.js';
import type { ServiceSpec } from '../domain/spec.js';
import type { RegionReader } from '../app/read-world.js';

/** Real AWS, for one hosted zone: the adapters behind the reconcile loop. */
export interface LiveAws {
  readonly route53: Route53Adapter;
  readonly readRegion: RegionReader;
  /** The same read as AWS returned it, for `snapshot`. */
  readonly readRegionRaw: (
    region: string,
    services: readonly ServiceSpec[],
  ) => Promise<RegionReads>;
  /** Clients by region, kept for the life of the process (connection reuse, the type cache). */
  readonly ec2: (region: string) => EC2Client;
  readonly cloudWatch: (region: string) => CloudWatchClient;
}

function memo<K, V>(make: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = make(key)));
    return value;
  };
}

/** Adapters over real clients; credentials and endpoints come from the standard chain and AWS_ENDPOINT_URL. */
export function liveAws(hostedZoneId: string): LiveAws {
  const ec2 = memo(ec2Client);
  const cloudWatch = memo(cloudWatchClient);
  const ec2Adapter = memo((region: string) => createEc2Adapter(ec2(region), region));
  const alarmAdapter = memo((region: string) =>
    createCloudWatchAdapter(cloudWatch(region), region),
  );
  return {
    route53: createRoute53Adapter(route53Client(), { hostedZoneId }),
    readRegion: async (region, services) =>
      observationFrom(
        region,
        await readRegionRaw(services, ec2Adapter(region), alarmAdapter(region), region),
      ),
    readRegionRaw: (region, services) =>
      readRegionRaw(services, ec2Adapter(region), alarmAdapter(region), region),
    ec2,
    cloudWatch,
  };
}

/** Loop dependencies over real AWS; metrics go to `namespace` when given. */
export function liveReconcileDeps(
  aws: LiveAws,
  log: Logger,
  namespace: string | undefined,
  homeRegion: string,
): ReconcileDeps {
  const publisher =
    namespace === undefined
      ? undefined
      : createMetricsPublisher(aws.cloudWatch(homeRegion), namespace);
  return {
    zone: {
      readRecords: (roots) => aws.route53.readRecords(roots),
      changeRecords: (batch) => aws.route53.changeRecords(batch),
      waitInSync: (id) => aws.route53.waitInSync(id),
    },
    readRegion: aws.readRegion,
    log,
    now: () => new Date(),
    publish: publisher === undefined ? undefined : (points, at) => publisher.publish(points, at),
  };
}

/**
 * What the writing functions (reconcile, manual) need, built once per
 * container from the environment: the bundled config (see lambdaBasics),
 * METRICS_NAMESPACE (empty to publish none) and AWS_REGION.
 */
export function reconcileEnvironment(env: NodeJS.ProcessEnv = process.env) {
  const { log, spec } = lambdaBasics(env);
  const namespace =
    env.METRICS_NAMESPACE === '' ? undefined : (env.METRICS_NAMESPACE ?? 'Route53Rebalancer');
  const deps = once(async () => ({
    ...liveReconcileDeps(
      liveAws((await spec()).hostedZoneId),
      log,
      namespace,
      env.AWS_REGION ?? 'us-east-1',
    ),
    spec,
  }));
  return { log, reconcileDeps: deps, manualDeps: deps };
}
