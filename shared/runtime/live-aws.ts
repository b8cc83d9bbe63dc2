import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { autoScalingClient, cloudWatchClient, ec2Client, route53Client } from '../aws/clients.js';
import { createCloudWatchAdapter } from '../aws/cloudwatch.js';
import { createEc2Adapter } from '../aws/ec2.js';
import { HEALTH_CHECK_METRIC_REGION } from '../aws/health-check-statuses.js';
import type { HealthCheckAdapter, UnreadableHealthCheck } from '../aws/health-checks.js';
import { lazyHealthChecks } from './lazy-health-checks.js';
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
  ZonePort,
} from '../app/ports.js';
import { lazyAutoScaling } from './lazy-auto-scaling.js';
import { assumedRoleCredentials } from '../aws/credentials.js';
import type { ClientOptions } from '../aws/clients.js';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { regionAccounts, type AccountSpec } from '../domain/accounts.js';
import type { RebalancerSpec } from '../domain/spec.js';
import type { ReconcileDeps } from '../app/reconcile.js';

/** Real AWS, for one hosted zone: the adapters behind the reconcile loop. */
export interface LiveAws {
  readonly route53: Route53Adapter;
  /** The deployment's Route 53 health checks: the same Route 53 client, CloudWatch in us-east-1 for their status. */
  readonly healthChecks: HealthCheckAdapter;
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

export interface LiveAwsOptions {
  /** Told of each check with the owner's tag that cannot be read back (it is left alone). */
  readonly onUnreadableHealthCheck?: (check: UnreadableHealthCheck) => void;
}

/** Which account each region is read from, and the zones written in; undefined = the function's own. */
export interface AccountAccess {
  readonly regions: ReadonlyMap<string, AccountSpec | undefined>;
  /** The default zone's account (zoneAccount). */
  readonly zone: AccountSpec | undefined;
  /** Zones written with a role of their own (`zones[].account`), by zone id. */
  readonly zones?: ReadonlyMap<string, AccountSpec>;
}

const OWN_ACCOUNT: AccountAccess = { regions: new Map(), zone: undefined };

/** The accounts of a configuration: each region's (one per region, which the config checks) and the zones'. */
export function accountAccess(spec: RebalancerSpec): AccountAccess {
  const zones = new Map(
    (spec.zones ?? []).flatMap((z) =>
      z.account === undefined ? [] : [[z.id, z.account] as const],
    ),
  );
  return {
    regions: regionAccounts(spec),
    zone: spec.zoneAccount,
    ...(zones.size > 0 && { zones }),
  };
}

/** One cached set of credentials per role and region; none for the function's own account. */
function credentialsCache(): (account: AccountSpec | undefined, region: string) => ClientOptions {
  const providers = new Map<string, AwsCredentialIdentityProvider>();
  return (account, region) => {
    if (account === undefined) return {};
    const key = [account.roleArn, account.externalId, account.sessionName, region].join(' ');
    let provider = providers.get(key);
    if (provider === undefined)
      providers.set(key, (provider = assumedRoleCredentials(account, region)));
    return { credentials: provider };
  };
}

/**
 * Adapters over real clients; credentials and endpoints come from the standard
 * chain and AWS_ENDPOINT_URL, or, for a region or zone in another account,
 * from its role (clients per region, so per account and region).
 */
export function liveAws(
  hostedZoneId: string,
  access: AccountAccess = OWN_ACCOUNT,
  healthCheckOptions: LiveAwsOptions = {},
): LiveAws {
  const credentials = credentialsCache();
  // Route 53 is global, signed in us-east-1: so is the zone role's STS call. One client for
  // records and health checks (which live in the zone's account): they share the account's
  // 5 requests/s, and the adaptive limiter can only pace what goes through it.
  const zoneOptions = credentials(access.zone, 'us-east-1');
  const route53 = route53Client(zoneOptions);
  const options = (region: string) => credentials(access.regions.get(region), region);
  const ec2 = memo((region: string) => ec2Client(region, options(region)));
  const cloudWatch = memo((region: string) => cloudWatchClient(region, options(region)));
  const ec2Adapter = memo((region: string) => createEc2Adapter(ec2(region), region));
  const alarmAdapter = memo((region: string) =>
    createCloudWatchAdapter(cloudWatch(region), region),
  );
  const autoScaling = memo((region: string) =>
    lazyAutoScaling(async () => {
      const [{ createAutoScalingAdapter }, client] = await Promise.all([
        import('../aws/autoscaling.js'),
        autoScalingClient(region, options(region)),
      ]);
      return createAutoScalingAdapter(client, region);
    }),
  );
  // A zone with a role of its own is written through a client signed with it (one client per role).
  const zoneClient = memo((roleArn: string) => {
    const account = [...(access.zones?.values() ?? [])].find((a) => a.roleArn === roleArn);
    return route53Client(credentials(account, 'us-east-1'));
  });
  const route53For = memo((id: string) => {
    const own = access.zones?.get(id);
    const client = own === undefined ? route53 : zoneClient(own.roleArn);
    return createRoute53Adapter(client, { hostedZoneId: id });
  });
  const raw = (region: string, services: readonly ServiceSpec[]) =>
    readRegionRaw(services, ec2Adapter(region), alarmAdapter(region), region, autoScaling(region));
  return {
    // Their HealthCheckStatus metric is the zone account's, in us-east-1.
    healthChecks: lazyHealthChecks(async () => {
      const { createHealthCheckAdapter } = await import('../aws/health-checks.js');
      return createHealthCheckAdapter(
        route53,
        cloudWatchClient(HEALTH_CHECK_METRIC_REGION, zoneOptions),
        {
          ...(healthCheckOptions.onUnreadableHealthCheck !== undefined && {
            report: healthCheckOptions.onUnreadableHealthCheck,
          }),
        },
      );
    }),
    route53: route53For(hostedZoneId),
    route53For,
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

function zonePort(route53: Route53Adapter): ZonePort {
  return {
    readRecords: (roots, names) => route53.readRecords(roots, names),
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
    // Listed only when some service has health.route53 (shared/app/health-checks.ts).
    healthChecks: aws.healthChecks,
    log,
    now: () => new Date(),
    ...(metrics !== undefined && { metrics }),
  };
}
