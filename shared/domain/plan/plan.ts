import type { Member } from '../fleet/members.js';
import type { Change, ChangeBatch, ResourceRecordSet } from '../dns/records.js';
import type { GroupRow, RouteRow } from '../layout/render.js';
import type { RegionMode } from '../spec.js';
import type { HealthCheckPlan } from '../health-checks/plan-checks.js';

/**
 * What happens to a region:
 * - unchanged: records already right;
 * - changed: records rewritten to follow capacity and health;
 * - evacuated: nothing serves, its latency record goes so users reach the next region;
 * - skipped: not touched because we could not see it properly (read failure, no
 *   instance found while records exist, someone else's record in the way);
 * - refused: the plan would remove more capacity than the safety limit allows;
 * - fail-open: left alone because the whole service has nothing healthy.
 */
export type RegionStatus =
  'unchanged' | 'changed' | 'evacuated' | 'skipped' | 'refused' | 'fail-open';

export interface RegionPlan {
  readonly service: string;
  readonly region: string;
  readonly mode: RegionMode;
  readonly status: RegionStatus;
  /** Why, for every status but unchanged and changed. */
  readonly reasons: readonly string[];
  /** Every member found, serving or not. */
  readonly members: readonly Member[];
  /** Members that keep records, with their weight and intended share. */
  readonly routes: readonly RouteRow[];
  readonly groups: readonly GroupRow[];
  readonly collapsed: boolean;
  readonly shards: number;
  /** This region's part of the change batches. */
  readonly changes: readonly Change[];
  /** Records of others found at this region's own names (left alone). */
  readonly foreign: readonly ResourceRecordSet[];
  /** Share of routed capacity the plan stops routing to (0..1). */
  readonly capacityRemoved: number;
}

export interface ServicePlan {
  readonly name: string;
  readonly recordName: string;
  readonly failOpen: boolean;
  readonly regions: readonly RegionPlan[];
  /** Records of others at the latency name, shared by every region (left alone). */
  readonly foreign: readonly ResourceRecordSet[];
}

export interface Plan {
  readonly services: readonly ServicePlan[];
  /** Ready for ChangeResourceRecordSets, in the order they must be sent. */
  readonly changeBatches: readonly ChangeBatch[];
  /** Records of ours at managed names that no configured region claims any more; deleted by this plan. */
  readonly orphans: readonly ResourceRecordSet[];
  /** Orphans this plan may not delete yet (a warning says why): a region unread, fail-open, the removal limit. */
  readonly keptOrphans: readonly ResourceRecordSet[];
  /** Records of ours under names no longer managed (a removed region's regional name): left, to delete by hand. */
  readonly stranded: readonly ResourceRecordSet[];
  /** How many of the records read are ours and claimed by no configured unit (a scoped plan leaves them). */
  readonly orphansRead: number;
  readonly warnings: readonly string[];
  /** What happens to our Route 53 health checks; absent when they were not read. */
  readonly healthChecks?: HealthCheckPlan;
}

/** Counts of a plan's changes, for summaries. */
export function planTotals(plan: Plan): { creates: number; deletes: number; batches: number } {
  const changes = plan.changeBatches.flatMap((b) => b.Changes);
  return {
    creates: changes.filter((c) => c.Action !== 'DELETE').length,
    deletes: changes.filter((c) => c.Action === 'DELETE').length,
    batches: plan.changeBatches.length,
  };
}
