import type { AccountSpec } from './accounts.js';
import type { ReadinessSpec } from './fleet/readiness.js';
import type { SlowStartSpec } from './fleet/slow-start.js';
import type { HookSettings } from './lifecycle/duties.js';
import type { Route53CheckSpec } from './health-checks/types.js';

/**
 * What the rebalancer is asked to maintain, after the configuration file has
 * been validated and normalised: names fully qualified and lower case, every
 * default filled in. The planner reads nothing else.
 */

export type RegionMode = 'weighted' | 'grouped';
export type AddressKind = 'public' | 'private' | 'ipv6';
export type CapacitySource = 'vcpu' | 'memory' | 'equal';

export interface RegionSpec {
  readonly region: string;
  readonly mode: RegionMode;
  /** The regional name the latency record points at (normalised). */
  readonly name: string;
  /** Target number of addresses in one multi-value group (grouped mode). */
  readonly groupSize: number;
  /** Replace the alias + weighted set by a plain latency record when one instance serves. */
  readonly collapseSingleInstance: boolean;
  /** Where this region's fleet is read (a role to assume); absent = the function's own account. */
  readonly account?: AccountSpec;
}

export interface SafetySpec {
  /** Refuse a plan that stops routing to more than this share (0..1] of a region's capacity; undefined = no limit. */
  readonly maxCapacityRemovedShare: number | undefined;
}

export interface ServiceSpec {
  readonly name: string;
  /** Where the latency records live (normalised). */
  readonly recordName: string;
  readonly type: 'A' | 'AAAA';
  readonly ttl: number;
  readonly memberTags: Readonly<Record<string, string>>;
  /** When set, a member must also be in one of these Auto Scaling groups (its `aws:autoscaling:groupName` tag). */
  readonly memberAutoScalingGroups: readonly string[] | undefined;
  readonly address: AddressKind;
  readonly capacity: {
    readonly source: CapacitySource;
    readonly overrideTag: string | undefined;
    /** An override tag may set at most this many times (and at least 1/this of) the source capacity; >= 1. */
    readonly maxOverrideRatio: number;
  };
  readonly health: {
    readonly statusChecks: boolean;
    readonly alarmNamePrefix: string | undefined;
    readonly drainTag: string | undefined;
    /** What a new instance must show before it earns traffic. */
    readonly readiness: ReadinessSpec;
    /** Route 53 health checks per serving address (and per group in grouped mode); none when absent. */
    readonly route53?: Route53CheckSpec;
  };
  readonly safety: SafetySpec;
  /** New instances ramp up to their full weight (weighted regions); undefined for none. */
  readonly slowStart?: SlowStartSpec | undefined;
  readonly regions: readonly RegionSpec[];
  /**
   * Dual stack (opt-in, `types: [A, AAAA]`): besides the A tree (type 'A',
   * from `address`), an AAAA tree with the same weights and groups from the
   * members' IPv6 addresses. Absent: one tree of `type`.
   */
  readonly dualStack?: boolean;
  /** In a configuration of several zones: the zones its records go to, each with the address kind it gets. */
  readonly zones?: readonly ZoneUse[];
}

/** One hosted zone of a configuration that names several (`zones:`). */
export interface ZoneSpec {
  readonly id: string;
  /** The zone's DNS name (normalised), when the configuration gives it. */
  readonly name?: string;
  /** A private hosted zone: public addresses only when a service asks for them. */
  readonly private: boolean;
  /** The role this zone is read and written with (`zones[].account`); default the spec's zoneAccount. */
  readonly account?: AccountSpec;
}

/** A service's records in one zone: which zone (its id) and which address kind they hold. */
export interface ZoneUse {
  readonly zone: string;
  readonly address: AddressKind;
}

export interface RebalancerSpec {
  readonly hostedZoneId: string;
  /** The hosted zone's DNS name (normalised), when the configuration gives it; every name lies at or below it. */
  readonly zoneName?: string;
  readonly ownerId: string;
  readonly services: readonly ServiceSpec[];
  /** How lifecycle hooks are completed; DEFAULT_HOOK_SETTINGS when absent. */
  readonly lifecycle?: HookSettings;
  /** The role the zone is read and written with; absent = the function's own credentials. */
  readonly zoneAccount?: AccountSpec;
  /**
   * Present when the configuration names its zones (`zones:`); then
   * `hostedZoneId` is the first and each service says which it uses. The
   * planner plans one zone: see zoneSpecs (domain/zones.ts).
   */
  readonly zones?: readonly ZoneSpec[];
}
