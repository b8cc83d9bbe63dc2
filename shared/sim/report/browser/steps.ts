/// <reference lib="dom" />
/** The step navigation and one section per step: changes written, then each region's tables. */
import type { GroupFrame, InstanceFrame, RegionFrame, SimulationFrame } from '../../frames.js';
import { frameBadAnswers } from './bad-answers.js';
import { append, h } from './dom.js';
import { at, barWidth, describeChange, percent, plural, slug } from './format.js';

type Shares = ReadonlyMap<string, number>;

/** The list of links to the overview and to every step. */
export function renderNav(nav: HTMLElement, frames: readonly SimulationFrame[]): void {
  const list = h('ol', null, h('li', null, h('a', { href: '#overview' }, 'Overview')));
  for (const frame of frames) {
    list.appendChild(
      h(
        'li',
        null,
        h('a', { href: `#step-${frame.step}`, title: frame.title }, [
          `Step ${frame.step}`,
          h('span', { class: 'at' }, at(frame.at)),
        ]),
      ),
    );
  }
  nav.appendChild(list);
}

function shareKey(region: RegionFrame, id: string): string {
  return `${region.service}|${region.region}|${id}`;
}

function sharesOf(frame: SimulationFrame | undefined): Shares {
  const shares = new Map<string, number>();
  if (frame === undefined) return shares;
  for (const region of frame.regions) {
    for (const instance of region.instances) {
      shares.set(shareKey(region, instance.id), instance.share);
    }
    for (const group of region.groups) shares.set(shareKey(region, `#${group.label}`), group.share);
  }
  return shares;
}

function shareCell(share: number, previous: number | undefined, title: string): HTMLElement {
  const fill = h('span', { class: 'fill' });
  fill.style.width = barWidth(share);
  const cell = h('td', { class: 'share', title }, [
    h('span', { class: 'bar', 'aria-hidden': 'true' }, fill),
    h('span', { class: 'pct' }, percent(share)),
  ]);
  if (previous !== undefined) {
    const delta = (share - previous) * 100;
    if (Math.abs(delta) >= 0.05) {
      append(
        cell,
        h(
          'span',
          { class: `delta ${delta > 0 ? 'up' : 'down'}`, title: 'change since the previous step' },
          `${delta > 0 ? '+' : '-'}${Math.abs(delta).toFixed(1)} pts`,
        ),
      );
    }
  }
  return cell;
}

function reasonList(reasons: readonly string[], className: string): HTMLElement | null {
  if (reasons.length === 0) return null;
  return h(
    'ul',
    { class: className },
    reasons.map((reason) => h('li', null, reason)),
  );
}

function headRow(labels: readonly string[]): HTMLElement {
  return h(
    'thead',
    null,
    h(
      'tr',
      null,
      labels.map((label) =>
        h(
          'th',
          { scope: 'col', class: label === 'Capacity' || label === 'Weight' ? 'num' : null },
          label,
        ),
      ),
    ),
  );
}

function instanceRow(region: RegionFrame, instance: InstanceFrame, previous: Shares): HTMLElement {
  return h('tr', { 'data-instance': instance.id }, [
    h('th', { scope: 'row' }, [
      h('code', null, instance.id),
      instance.address === null ? null : h('span', { class: 'address' }, instance.address),
    ]),
    h('td', null, instance.zone),
    h('td', null, instance.type),
    h('td', { class: 'num' }, String(instance.capacity)),
    h('td', { class: 'health-cell' }, [
      h('span', { class: `badge health health-${slug(instance.health)}` }, instance.health),
      reasonList(instance.reasons, 'why'),
    ]),
    region.mode === 'grouped'
      ? h(
          'td',
          { class: 'group' },
          instance.group === null ? h('span', { class: 'muted' }, '-') : instance.group,
        )
      : h('td', { class: 'num weight' }, instance.weight === null ? '-' : String(instance.weight)),
    shareCell(
      instance.share,
      previous.get(shareKey(region, instance.id)),
      `planned: ${percent(instance.intended)} of ${region.region}`,
    ),
  ]);
}

function instancesTable(region: RegionFrame, previous: Shares): HTMLElement {
  const grouped = region.mode === 'grouped';
  return h('table', { class: 'instances' }, [
    h('caption', null, 'Instances'),
    headRow([
      'Instance',
      'Zone',
      'Type',
      'Capacity',
      'Health',
      grouped ? 'Group' : 'Weight',
      'Share of answers',
    ]),
    h(
      'tbody',
      null,
      region.instances.map((instance) => instanceRow(region, instance, previous)),
    ),
  ]);
}

function groupRow(region: RegionFrame, group: GroupFrame, previous: Shares): HTMLElement {
  return h('tr', { 'data-group': group.label }, [
    h('th', { scope: 'row' }, h('code', null, group.label)),
    h('td', { class: 'num' }, String(group.weight)),
    h(
      'td',
      { class: 'zones' },
      group.zones.map((zone) => h('span', null, zone)),
    ),
    h(
      'td',
      { class: 'members' },
      group.members.map((id) => h('code', null, id)),
    ),
    shareCell(
      group.share,
      previous.get(shareKey(region, `#${group.label}`)),
      plural(group.members.length, 'member', 'members'),
    ),
  ]);
}

function groupsTable(region: RegionFrame, previous: Shares): HTMLElement {
  return h('table', { class: 'groups' }, [
    h('caption', null, 'Groups'),
    headRow(['Group', 'Weight', 'Zones', 'Members', 'Share of answers']),
    h(
      'tbody',
      null,
      region.groups.map((group) => groupRow(region, group, previous)),
    ),
  ]);
}

function regionCard(region: RegionFrame, previous: Shares): HTMLElement {
  const total = region.instances.reduce((sum, instance) => sum + instance.share, 0);
  const attributes = {
    class: 'region',
    'data-service': region.service,
    'data-region': region.region,
  };
  return h('article', attributes, [
    h('h3', null, [
      h('span', { class: 'region-name' }, `${region.service} · ${region.region}`),
      h('span', { class: 'badge mode' }, region.mode),
      h('span', { class: `badge status status-${slug(region.status)}` }, region.status),
      h(
        'span',
        { class: `badge ${region.routed ? 'routed' : 'unrouted'}` },
        region.routed ? 'routed' : 'not routed',
      ),
      h('span', { class: 'region-share' }, `${percent(total)} of answers`),
    ]),
    reasonList(region.reasons, 'reasons'),
    h('div', { class: 'table-wrap' }, instancesTable(region, previous)),
    region.mode === 'grouped' && region.groups.length > 0
      ? h('div', { class: 'table-wrap' }, groupsTable(region, previous))
      : null,
  ]);
}

function changesBlock(written: SimulationFrame['written']): HTMLElement {
  const count = written.reduce((sum, batch) => sum + batch.Changes.length, 0);
  if (count === 0) return h('p', { class: 'no-changes muted' }, 'No changes written.');
  const batches = plural(written.length, 'batch', 'batches');
  return h('div', { class: 'changes' }, [
    h('h3', null, `Changes written: ${plural(count, 'change', 'changes')} in ${batches}`),
    written.map((batch, i) =>
      h('div', { class: 'batch' }, [
        h('div', { class: 'batch-head' }, [
          `batch ${i + 1}/${written.length}: ${plural(batch.Changes.length, 'change', 'changes')}`,
          batch.Comment === undefined ? null : h('span', { class: 'comment' }, batch.Comment),
        ]),
        h(
          'div',
          { class: 'change-lines' },
          batch.Changes.map((change) =>
            h(
              'div',
              { class: `change ${change.Action === 'DELETE' ? 'delete' : 'create'}` },
              describeChange(change),
            ),
          ),
        ),
      ]),
    ),
  ]);
}

/** One step's section; shares are compared with `previousFrame`'s, when there is one. */
export function renderStep(
  frame: SimulationFrame,
  previousFrame: SimulationFrame | undefined,
): HTMLElement {
  const previous = sharesOf(previousFrame);
  const id = `step-${frame.step}`;
  const attributes = { id, class: `step card ${frame.trigger}`, 'aria-labelledby': `${id}-title` };
  return h('section', attributes, [
    h('h2', { id: `${id}-title` }, [
      h('span', { class: 'step-no' }, `Step ${frame.step}`),
      h('span', { class: 'at' }, at(frame.at)),
      frame.trigger === 'clock' ? h('span', { class: 'badge clock' }, 'clock') : null,
      h('span', { class: 'step-title' }, frame.title),
    ]),
    h('p', { class: 'events' }, [h('span', { class: 'label' }, 'Events'), frame.events]),
    frameBadAnswers(frame),
    changesBlock(frame.written),
    h(
      'div',
      { class: 'regions' },
      frame.regions.map((region) => regionCard(region, previous)),
    ),
  ]);
}
