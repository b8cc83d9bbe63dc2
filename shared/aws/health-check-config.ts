/**
 * A health check's settings in both directions: the domain's HealthCheckConfig
 * as Route 53's HealthCheckConfig for CreateHealthCheck, and what
 * ListHealthChecks returns read back into the domain's shape (or what keeps it
 * from being read: a check of a type the rebalancer never creates).
 */
import type {
  HealthCheckConfig as SdkHealthCheckConfig,
  HealthCheckRegion,
} from '@aws-sdk/client-route-53';
import type { HealthCheckConfig, HealthCheckProtocol } from '../domain/health-checks/types.js';

const ENDPOINT_TYPES: readonly string[] = [
  'HTTP',
  'HTTPS',
  'TCP',
  'HTTP_STR_MATCH',
  'HTTPS_STR_MATCH',
] satisfies HealthCheckProtocol[];

/** The request's HealthCheckConfig; optional settings the domain leaves undefined are left out. */
export function toSdkConfig(config: HealthCheckConfig): SdkHealthCheckConfig {
  if (config.kind === 'calculated') {
    return {
      Type: 'CALCULATED',
      Inverted: config.inverted,
      HealthThreshold: config.healthThreshold,
      ChildHealthChecks: [...config.childIds],
    };
  }
  return {
    IPAddress: config.ipAddress,
    Port: config.port,
    Type: config.type,
    ...(config.resourcePath !== undefined && { ResourcePath: config.resourcePath }),
    ...(config.searchString !== undefined && { SearchString: config.searchString }),
    RequestInterval: config.requestInterval,
    FailureThreshold: config.failureThreshold,
    Inverted: config.inverted,
    ...(config.regions !== undefined && { Regions: [...config.regions] as HealthCheckRegion[] }),
  };
}

/** The domain's config of a listed check, or a sentence saying why it cannot be read. */
export function fromSdkConfig(sdk: SdkHealthCheckConfig | undefined): HealthCheckConfig | string {
  if (sdk === undefined) return 'no HealthCheckConfig';
  const type = sdk.Type ?? '';
  if (type === 'CALCULATED') {
    const threshold = sdk.HealthThreshold;
    if (threshold === undefined) return 'a CALCULATED check without HealthThreshold';
    return {
      kind: 'calculated',
      childIds: [...(sdk.ChildHealthChecks ?? [])],
      healthThreshold: threshold,
      inverted: sdk.Inverted === true,
    };
  }
  if (!ENDPOINT_TYPES.includes(type))
    return `type ${type || '(none)'} is not one the rebalancer creates`;
  const { IPAddress, Port, RequestInterval, FailureThreshold } = sdk;
  if (IPAddress === undefined) return `a ${type} check without IPAddress`;
  if (Port === undefined) return `a ${type} check without Port`;
  if (RequestInterval !== 10 && RequestInterval !== 30)
    return `RequestInterval ${String(RequestInterval)} is neither 10 nor 30`;
  // Route 53's own default, 3, when a check was created without one.
  const failureThreshold = FailureThreshold ?? 3;
  return {
    kind: 'endpoint',
    type: type as HealthCheckProtocol,
    ipAddress: IPAddress,
    port: Port,
    resourcePath: sdk.ResourcePath,
    searchString: sdk.SearchString,
    requestInterval: RequestInterval,
    failureThreshold,
    regions: sdk.Regions === undefined || sdk.Regions.length === 0 ? undefined : [...sdk.Regions],
    inverted: sdk.Inverted === true,
  };
}
