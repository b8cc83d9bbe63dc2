/*
 * Route 53 health checks the rebalancer creates and owns (issue 10): the shared
 * vocabulary of the domain (which checks a fleet needs), the app (creating,
 * attaching, deleting) and the adapters (the Route 53 calls).
 */

export type HealthCheckProtocol = 'HTTP' | 'HTTPS' | 'TCP' | 'HTTP_STR_MATCH' | 'HTTPS_STR_MATCH';

/** A service's `health.route53` after validation, every default filled in. */
export interface Route53CheckSpec {
  readonly protocol: HealthCheckProtocol;
  readonly port: number;
  /** HTTP(S) only: the path requested (starts with '/'). */
  readonly path: string | undefined;
  /** *_STR_MATCH only: what the first 5,120 bytes of the body must contain. */
  readonly searchString: string | undefined;
  readonly requestInterval: 10 | 30;
  /** 1..10 */
  readonly failureThreshold: number;
  /** Health-checker regions (at least 3), or undefined for Route 53's default set. */
  readonly regions: readonly string[] | undefined;
  readonly inverted: boolean;
  /** Grouped mode: a group answers while at least this many of its members are healthy (>= 1). */
  readonly groupHealthyMembers: number;
}

/** What one check checks: one instance address, or one group through its members' checks. */
export type HealthCheckConfig =
  | {
      readonly kind: 'endpoint';
      readonly type: HealthCheckProtocol;
      readonly ipAddress: string;
      readonly port: number;
      readonly resourcePath: string | undefined;
      readonly searchString: string | undefined;
      readonly requestInterval: 10 | 30;
      readonly failureThreshold: number;
      readonly regions: readonly string[] | undefined;
      readonly inverted: boolean;
    }
  | {
      readonly kind: 'calculated';
      readonly childIds: readonly string[];
      readonly healthThreshold: number;
      readonly inverted: boolean;
    };

/** Who a check is for: these become its tags, and how it is found again. */
export interface HealthCheckSubject {
  readonly service: string;
  readonly region: string;
  /** Endpoint checks: the instance whose address is checked. */
  readonly instanceId?: string;
  /** Calculated checks: the group's label. */
  readonly group?: string;
}

/** A check the fleet needs. `callerReference` is a deterministic function of owner, subject and config. */
export interface DesiredHealthCheck {
  readonly subject: HealthCheckSubject;
  readonly config: HealthCheckConfig;
  readonly callerReference: string;
}

/** A check found by the rebalancer's owner tag, with what its tags and config say. */
export interface OwnedHealthCheck {
  readonly id: string;
  readonly callerReference: string;
  readonly subject: HealthCheckSubject;
  readonly config: HealthCheckConfig;
}
