import type { Member } from '../../shared/domain/fleet/members.js';
import { displayName } from '../../shared/domain/dns/names.js';
import { planTotals, type Plan, type RegionPlan } from '../../shared/domain/plan/plan.js';
import { healthCheckLine } from '../../shared/app/health-check-view.js';
import type { ResourceRecordSet } from '../../shared/domain/dns/records.js';
import { visible } from '../visible.js';
import { describeChange } from './changes.js';
import { percent, table } from './table.js';

const UNITS = { vcpu: 'vCPU', memory: 'MiB', equal: '', override: '(tag)' } as const;

function capacityText(member: Member): string {
  const unit = UNITS[member.capacity.origin];
  return unit === '' ? String(member.capacity.value) : `${member.capacity.value} ${unit}`;
}

function instanceTable(region: RegionPlan): string {
  const routes = new Map(region.routes.map((r) => [r.member.instance.id, r]));
  const grouped = region.mode === 'grouped';
  const head = [
    'instance',
    'zone',
    'type',
    'capacity',
    'health',
    grouped ? 'group' : 'weight',
    'share',
    'why',
  ];
  const rows = region.members.map((member) => {
    const route = routes.get(member.instance.id);
    const placement = grouped
      ? (route?.group ?? '-')
      : route?.weight === undefined
        ? '-'
        : String(route.weight);
    return [
      member.instance.id,
      member.instance.zone,
      member.instance.instanceType,
      capacityText(member),
      member.health.status,
      region.collapsed && route !== undefined ? (route.share > 0 ? 'latency' : '-') : placement,
      route === undefined ? '-' : percent(route.share),
      member.health.reasons.join('; '),
    ];
  });
  return table(head, rows);
}

function groupTable(region: RegionPlan): string {
  const rows = region.groups.map((g) => [
    g.label,
    String(g.weight),
    percent(g.share),
    g.zones.join(' '),
    g.members.join(' '),
  ]);
  return table(['group', 'weight', 'share', 'zones', 'members'], rows);
}

function regionText(region: RegionPlan, regionalName: string): string {
  const shape = region.collapsed
    ? 'single latency record'
    : `${region.mode} at ${displayName(regionalName)}`;
  const lines = [
    `  ${region.region}: ${region.status} (${shape}${region.shards > 0 ? `, ${region.shards} shards` : ''})`,
  ];
  for (const reason of region.reasons) lines.push(`    ! ${visible(reason)}`);
  if (region.members.length > 0) lines.push(indent(instanceTable(region), 2));
  if (region.groups.length > 0) lines.push(indent(groupTable(region), 2));
  for (const record of region.foreign) lines.push(`    ${foreignLine(record)}`);
  if (region.changes.length > 0) {
    lines.push(`    changes:`);
    for (const change of region.changes) lines.push(`      ${describeChange(change)}`);
  }
  return lines.join('\n');
}

function foreignLine(record: ResourceRecordSet): string {
  const id = record.SetIdentifier === undefined ? '' : ` ${record.SetIdentifier}`;
  return visible(`record of others, left alone: ${displayName(record.Name)} ${record.Type}${id}`);
}

function indent(text: string, by: number): string {
  const pad = ' '.repeat(by);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/** The plan for people: per service and region, the instances, their health, weight and share, and the changes. */
export function renderPlanText(plan: Plan, regionalNames: ReadonlyMap<string, string>): string {
  const out: string[] = [];
  for (const service of plan.services) {
    out.push(
      `service ${service.name} (${displayName(service.recordName)})${service.failOpen ? ': FAIL OPEN' : ''}`,
    );
    for (const record of service.foreign) out.push(`  ${foreignLine(record)}`);
    for (const region of service.regions) {
      out.push(regionText(region, regionalNames.get(`${service.name}|${region.region}`) ?? ''));
    }
    out.push('');
  }
  if (plan.orphans.length > 0) {
    out.push('records of ours no configured region claims (deleted):');
    for (const record of plan.orphans)
      out.push(
        visible(
          `  ${displayName(record.Name)} ${record.Type} ${record.SetIdentifier ?? ''}`.trimEnd(),
        ),
      );
    out.push('');
  }
  if (plan.stranded.length > 0) {
    out.push(
      'records of ours under names no longer managed (left as they are; delete them by hand if they should go):',
    );
    for (const record of plan.stranded)
      out.push(
        visible(
          `  ${displayName(record.Name)} ${record.Type} ${record.SetIdentifier ?? ''}`.trimEnd(),
        ),
      );
    out.push('');
  }
  // A warning can quote a tag value: one line each, whatever the tag holds.
  for (const warning of plan.warnings) out.push(`warning: ${visible(warning)}`);
  const checks = healthCheckLine(plan);
  if (checks !== undefined) out.push(checks);
  const totals = planTotals(plan);
  out.push(
    totals.batches === 0
      ? 'No changes: the records already match.'
      : `${totals.creates + totals.deletes} changes (${totals.creates} create, ${totals.deletes} delete) in ${totals.batches} batch${totals.batches === 1 ? '' : 'es'}.`,
  );
  return out.join('\n');
}
