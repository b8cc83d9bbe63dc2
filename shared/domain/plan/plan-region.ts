import type { UnitCurrent } from './current.js';
import { diffRecords } from './diff.js';
import { isReadFailure, type RegionRead } from '../fleet/fleet.js';
import { foreignConflicts } from './foreign.js';
import { assessMembers, type Member } from '../fleet/members.js';
import { slowStart } from '../fleet/slow-start.js';
import type { RegionPlan } from './plan.js';
import type { ResourceRecordSet } from '../dns/records.js';
import { ipv4OnlyReasons, mirrorAaaa } from '../layout/dual-stack.js';
import { renderRegion } from '../layout/render.js';
import type { RegionChecks } from '../health-checks/unit-checks.js';
import { previousLayout } from './previous.js';
import { capacityRemovedShare, routedAddresses } from './safety.js';

export interface RegionPlanning {
  readonly plan: RegionPlan;
  /** The region's latency record now (undefined: none). */
  readonly latencyBefore: ResourceRecordSet | undefined;
  /** The latency record the region has once the plan is applied (undefined: none). */
  readonly latencyAfter: ResourceRecordSet | undefined;
  /**
   * The region routes to something once the plan is applied, or would but for
   * a refusal of the safety limit: a latency record kept only because its
   * removal was refused does not keep the service from failing open.
   */
  readonly serves: boolean;
  /** Names whose changes must land in one batch (a collapse or un-collapse), if any. */
  readonly join: readonly string[] | undefined;
  readonly warnings: readonly string[];
}

export interface RegionContext {
  readonly zoneId: string;
  readonly ownerId: string;
  readonly unit: UnitCurrent;
  readonly read: RegionRead | undefined;
  readonly force: boolean;
  /** Epoch milliseconds of the read, for readiness grace periods; undefined when unknown. */
  readonly now?: number | undefined;
  readonly notices?: ReadonlyMap<string, string> | undefined;
  readonly launching?: ReadonlySet<string> | undefined;
  /** The region's Route 53 health checks; undefined when the service has none. */
  readonly checks?: RegionChecks | undefined;
}

function untouched(
  context: RegionContext,
  status: 'skipped',
  reasons: string[],
  members: readonly Member[] = [],
  warnings: readonly string[] = [],
): RegionPlanning {
  const { unit } = context;
  return {
    plan: {
      service: unit.service.name,
      region: unit.region.region,
      mode: unit.region.mode,
      status,
      reasons,
      members,
      routes: [],
      groups: [],
      collapsed: unit.latency !== undefined && unit.latency.AliasTarget === undefined,
      shards: 0,
      changes: [],
      foreign: ownNames(unit),
      capacityRemoved: 0,
    },
    latencyBefore: unit.latency,
    latencyAfter: unit.latency,
    serves: unit.latency !== undefined,
    join: undefined,
    warnings,
  };
}

/** The planning with the region left exactly as it is, for `reasons`; its warnings stay. */
export function skipRegion(planning: RegionPlanning, reasons: readonly string[]): RegionPlanning {
  const latency = planning.latencyBefore;
  return {
    ...planning,
    plan: {
      ...planning.plan,
      status: 'skipped',
      reasons,
      routes: [],
      groups: [],
      collapsed: latency !== undefined && latency.AliasTarget === undefined,
      shards: 0,
      changes: [],
      capacityRemoved: 0,
    },
    latencyAfter: latency,
    serves: latency !== undefined,
    join: undefined,
  };
}

function membership(service: RegionContext['unit']['service']): string {
  const tags = Object.entries(service.memberTags)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const groups = service.memberAutoScalingGroups;
  return groups === undefined ? `tagged ${tags}` : `tagged ${tags} in ${groups.join(', ')}`;
}

/**
 * Plans one service in one region. Never empties a region it could not see:
 * a failed or missing read, or a read that finds no instance at all while the
 * region has records, leaves the region as it is and says why.
 */
export function planRegion(context: RegionContext): RegionPlanning {
  const { unit, read } = context;
  const { service, region } = unit;
  if (read === undefined) return untouched(context, 'skipped', [`no data for ${region.region}`]);
  if (isReadFailure(read))
    return untouched(context, 'skipped', [`could not read ${region.region}: ${read.error}`]);
  // What the records answer with today: readiness only admits, and removals are measured from it.
  const answered = routedAddresses(unit);
  const failingChecks = context.checks?.failing(read.instances);
  const assessed = assessMembers(service, read, {
    now: context.now,
    answered,
    ...(context.notices !== undefined && { notices: context.notices }),
    ...(context.launching !== undefined && { launching: context.launching }),
    ...(failingChecks !== undefined && { failingChecks }),
  });
  const { warnings } = assessed;
  // Grouped regions never ramp (the configuration refuses slowStart there): a group answers its addresses alike.
  const members =
    service.slowStart === undefined || region.mode !== 'weighted' || context.now === undefined
      ? assessed.members
      : slowStart(
          assessed.members,
          service.slowStart,
          service.health.readiness.graceSeconds,
          answered,
          context.now,
        );
  if (unit.conflicts.length > 0)
    return untouched(context, 'skipped', unit.conflicts, members, warnings);
  if (members.length === 0 && unit.owned.length > 0) {
    return untouched(
      context,
      'skipped',
      [
        `no instance ${membership(service)} found while ${unit.owned.length} records exist: leaving them (a tag typo or a partial read must not empty a region)`,
      ],
      members,
      warnings,
    );
  }
  const rendered = renderRegion(
    {
      zoneId: context.zoneId,
      ownerId: context.ownerId,
      service,
      region,
      previous: previousLayout(unit, members, answered, context.ownerId),
    },
    members,
  );
  if (!rendered.ok) return untouched(context, 'skipped', [rendered.problem], members, warnings);
  const desired =
    context.checks === undefined
      ? rendered.region
      : context.checks.attach(rendered.region, members);
  const tree =
    desired.latency === undefined ? desired.records : [...desired.records, desired.latency];
  const wanted = service.dualStack === true ? [...tree, ...mirrorAaaa(tree, members)] : tree;
  const blocked = foreignConflicts(wanted, unit.foreign);
  if (blocked.length > 0) return untouched(context, 'skipped', blocked, members, warnings);
  let changes = diffRecords(unit.owned, wanted);
  // Without a change, nothing stops being routed.
  const removed = changes.length === 0 ? 0 : capacityRemovedShare(answered, members, desired);
  const limit = service.safety.maxCapacityRemovedShare;
  const reasons: string[] = service.dualStack === true ? ipv4OnlyReasons(members) : [];
  let status: RegionPlan['status'] = changes.length === 0 ? 'unchanged' : 'changed';
  let latencyAfter = desired.latency;
  if (desired.latency === undefined) {
    status = 'evacuated';
    reasons.push(
      `no healthy instance in ${region.region}: its latency record goes, users are answered by the next region`,
    );
  }
  if (limit !== undefined && removed > limit + 1e-9 && changes.length > 0) {
    const message = `would stop routing to ${pct(removed)} of ${region.region}'s capacity (limit ${pct(limit)})`;
    if (context.force) reasons.push(`${message}: forced`);
    else {
      status = 'refused';
      reasons.push(`${message}: refused; re-run with force to apply`);
      changes = [];
      latencyAfter = unit.latency;
    }
  }
  const wasCollapsed = unit.latency !== undefined && unit.latency.AliasTarget === undefined;
  const join =
    changes.length > 0 &&
    unit.latency !== undefined &&
    desired.latency !== undefined &&
    wasCollapsed !== desired.collapsed
      ? [...new Set(changes.map((c) => c.ResourceRecordSet.Name))]
      : undefined;
  return {
    plan: {
      service: service.name,
      region: region.region,
      mode: region.mode,
      status,
      reasons,
      members,
      routes: desired.routes,
      groups: desired.groups,
      collapsed: desired.collapsed,
      shards: desired.shards,
      changes,
      foreign: ownNames(unit),
      capacityRemoved: removed,
    },
    latencyBefore: unit.latency,
    latencyAfter,
    serves: desired.latency !== undefined,
    join,
    warnings: [...warnings, ...desired.warnings],
  };
}

/** Records of others at the region's own names; those at the shared latency name are the service's. */
function ownNames(unit: UnitCurrent): ResourceRecordSet[] {
  return unit.foreign.filter((r) => r.Name !== unit.service.recordName);
}

function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
