import { resolve } from 'node:path';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { cloudWatchClient, createCloudWatchAdapter } from './aws/cloudwatch.js';
import { createEc2Adapter, ec2Client } from './aws/ec2.js';
import { createMetricsPublisher } from './aws/metrics.js';
import { createRoute53Adapter, route53Client, type Route53Adapter } from './aws/route53.js';
import { createWorkQueue, sqsClient } from './aws/work-queue.js';
import { loadConfig } from './config.js';
import { InputError } from './errors.js';
import { jsonLogger, type Logger } from './log.js';
import type { ReconcileDeps } from './reconcile.js';
import { readRegionRaw } from './region-reads.js';
import { observationFrom, type RegionReads } from './aws/shapes.js';
import type { ServiceSpec } from './domain/spec.js';
import type { RegionReader } from './world.js';

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

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '')
    throw new InputError('environment', [`${name} is not set`]);
  return value;
}

/** Runs `make` once; later calls share its promise (a broken config stays broken until redeployed). */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

/**
 * What a Lambda function needs, built once per container from its
 * environment: REBALANCER_CONFIG (the bundled config file, default
 * rebalancer.yml beside the code), WORK_QUEUE_URL, METRICS_NAMESPACE (empty to
 * publish none) and AWS_REGION.
 */
export function lambdaEnvironment(env: NodeJS.ProcessEnv = process.env) {
  const log = jsonLogger(undefined, { service: 'route53-rebalancer' });
  const spec = once(() =>
    loadConfig(resolve(env.LAMBDA_TASK_ROOT ?? '.', env.REBALANCER_CONFIG ?? 'rebalancer.yml')),
  );
  const aws = once(async () => liveAws((await spec()).hostedZoneId));
  const queue = once(async () =>
    createWorkQueue(sqsClient(), required(env, 'WORK_QUEUE_URL'), (await spec()).hostedZoneId),
  );
  const namespace =
    env.METRICS_NAMESPACE === '' ? undefined : (env.METRICS_NAMESPACE ?? 'Route53Rebalancer');
  const reconcileDeps = once(async () => ({
    ...liveReconcileDeps(await aws(), log, namespace, env.AWS_REGION ?? 'us-east-1'),
    spec,
  }));
  return {
    log,
    intakeDeps: once(async () => ({ spec, queue: await queue(), log })),
    scheduleDeps: once(async () => ({ queue: await queue(), log })),
    reconcileDeps,
    manualDeps: reconcileDeps,
  };
}
