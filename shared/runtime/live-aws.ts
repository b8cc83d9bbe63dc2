import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { autoScalingClient, cloudWatchClient, ec2Client, route53Client } from '../aws/clients.js';
import { createCloudWatchAdapter } from '../aws/cloudwatch.js';
import { createEc2Adapter } from '../aws/ec2.js';
import { createRoute53Adapter, type Route53Adapter } from '../aws/route53.js';
import { readRegionObservation, readRegionRaw } from '../app/read-region.js';
import type { RegionReads } from '../formats/aws-shapes.js';
import type { ServiceSpec } from '../domain/spec.js';
import type {
  AutoScalingPort,
  InstanceTagger,
  Logger,
  MetricsSink,
  RegionReader,
} from '../app/ports.js';
import { createAutoScalingAdapter } from '../aws/autoscaling.js';
import type { ReconcileDeps } from '../app/reconcile.js';

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
  /** Lifecycle states and hook completion, per region. */
  readonly autoScaling: (region: string) => AutoScalingPort;
  /** Writes a drain tag on an instance (interruption notices), per region. */
  readonly tagger: (region: string) => InstanceTagger;
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
  const autoScaling = memo((region: string) =>
    createAutoScalingAdapter(autoScalingClient(region), region),
  );
  const raw = (region: string, services: readonly ServiceSpec[]) =>
    readRegionRaw(services, ec2Adapter(region), alarmAdapter(region), region, autoScaling(region));
  return {
    route53: createRoute53Adapter(route53Client(), { hostedZoneId }),
    readRegion: (region, services) =>
      readRegionObservation(
        services,
        ec2Adapter(region),
        alarmAdapter(region),
        region,
        autoScaling(region),
      ),
    readRegionRaw: raw,
    ec2,
    cloudWatch,
    autoScaling,
    tagger: (region) => ({ tag: (id, key, value) => ec2Adapter(region).tag(id, key, value) }),
  };
}

/** Loop dependencies over real AWS; metrics go to the sink when given. */
export function liveReconcileDeps(
  aws: LiveAws,
  log: Logger,
  metrics: MetricsSink | undefined,
): ReconcileDeps {
  return {
    zone: {
      readRecords: (roots, names) => aws.route53.readRecords(roots, names),
      changeRecords: (batch) => aws.route53.changeRecords(batch),
      waitInSync: (id) => aws.route53.waitInSync(id),
    },
    readRegion: aws.readRegion,
    log,
    now: () => new Date(),
    ...(metrics !== undefined && { metrics }),
  };
}
