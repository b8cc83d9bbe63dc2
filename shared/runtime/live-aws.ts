import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { autoScalingClient, cloudWatchClient, ec2Client, route53Client } from '../aws/clients.js';
import { createCloudWatchAdapter } from '../aws/cloudwatch.js';
import { createEc2Adapter } from '../aws/ec2.js';
import { createRoute53Adapter, type Route53Adapter } from '../aws/route53.js';
import { readRegionRaw } from '../app/read-region.js';
import { observationFrom, type RegionReads } from '../formats/aws-shapes.js';
import type { ServiceSpec } from '../domain/spec.js';
import type {
  AutoScalingPort,
  InstanceTagger,
  Logger,
  MetricsSink,
  RegionReader,
  ZonePort,
} from '../app/ports.js';
import { createAutoScalingAdapter } from '../aws/autoscaling.js';
import type { ReconcileDeps } from '../app/reconcile.js';

/** Real AWS, for one hosted zone: the adapters behind the reconcile loop. */
export interface LiveAws {
  readonly route53: Route53Adapter;
  /** The Route 53 adapter of another hosted zone of the configuration (one client, kept). */
  readonly route53For: (hostedZoneId: string) => Route53Adapter;
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
  const client = route53Client();
  const route53For = memo((id: string) => createRoute53Adapter(client, { hostedZoneId: id }));
  const raw = (region: string, services: readonly ServiceSpec[]) =>
    readRegionRaw(services, ec2Adapter(region), alarmAdapter(region), region, autoScaling(region));
  return {
    route53: route53For(hostedZoneId),
    route53For,
    readRegion: async (region, services) => observationFrom(region, await raw(region, services)),
    readRegionRaw: raw,
    ec2,
    cloudWatch,
    autoScaling,
    tagger: (region) => ({ tag: (id, key, value) => ec2Adapter(region).tag(id, key, value) }),
  };
}

function zonePort(route53: Route53Adapter): ZonePort {
  return {
    readRecords: (roots) => route53.readRecords(roots),
    changeRecords: (batch) => route53.changeRecords(batch),
    waitInSync: (id) => route53.waitInSync(id),
  };
}

/** Loop dependencies over real AWS; metrics go to the sink when given. */
export function liveReconcileDeps(
  aws: LiveAws,
  log: Logger,
  metrics: MetricsSink | undefined,
): ReconcileDeps & { readonly zoneFor: (hostedZoneId: string) => ZonePort } {
  return {
    zone: zonePort(aws.route53),
    zoneFor: (id) => zonePort(aws.route53For(id)),
    readRegion: aws.readRegion,
    log,
    now: () => new Date(),
    ...(metrics !== undefined && { metrics }),
  };
}
