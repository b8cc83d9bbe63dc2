import type { ChangeBatch, ResourceRecordSet } from '../records.js';

/** How a hosted zone model is set up; see createHostedZone. */
export interface HostedZoneOptions {
  /** `Z123...`; a leading `/hostedzone/` is stripped. */
  readonly zoneId: string;
  /** When given, record names and same-zone alias targets must lie at or below it. */
  readonly zoneName?: string;
  /**
   * Adds the rebalancer's own invariants (no alias left dangling by a batch, no
   * answer path made deeper than three levels of aliases); default false.
   */
  readonly strict?: boolean;
  /**
   * The ids of the health checks that exist. When given, a CREATE or UPSERT
   * naming any other HealthCheckId is refused (NoSuchHealthCheck); when absent,
   * health check ids are not judged.
   */
  readonly healthCheckIds?: ReadonlySet<string>;
}

export type RejectionCode = 'InvalidChangeBatch' | 'InvalidInput' | 'NoSuchHealthCheck';

/** Why a change batch is refused: Route 53's error code and its messages, in batch order. */
export interface Rejection {
  readonly code: RejectionCode;
  readonly messages: readonly string[];
}

/** The parameters of ListResourceRecordSets (the zone id aside). */
export interface ListParams {
  readonly StartRecordName?: string;
  readonly StartRecordType?: string;
  readonly StartRecordIdentifier?: string;
  readonly MaxItems?: number | string;
}

/** One page of ListResourceRecordSets, with the response's own field names. */
export interface ListPage {
  readonly ResourceRecordSets: ResourceRecordSet[];
  readonly IsTruncated: boolean;
  readonly NextRecordName?: string;
  readonly NextRecordType?: string;
  readonly NextRecordIdentifier?: string;
  readonly MaxItems: string;
}

export interface HostedZone {
  readonly zoneId: string;
  /** Normalised (`example.com.`), or undefined when the zone's name was not given. */
  readonly zoneName: string | undefined;
  /** Every record, in Route 53 list order. */
  records(): ResourceRecordSet[];
  get(name: string, type: string, setIdentifier?: string): ResourceRecordSet | undefined;
  /** Would this batch be accepted? The zone is unchanged either way. */
  validate(batch: ChangeBatch): Rejection | undefined;
  /** All or nothing: on rejection nothing changes. */
  apply(batch: ChangeBatch): Rejection | undefined;
  list(params?: ListParams): ListPage;
  clone(): HostedZone;
}
