import type { RegionFrame, SimulationFrame, SimulationResult } from '../../shared/sim/frames.js';
import { visible } from '../visible.js';
import { badAnswersText, frameBadAnswers } from './bad-answers-text.js';
import { healthCheckText } from './health-check-text.js';
import { describeChange } from './changes.js';
import { percent, table } from './table.js';

const BAR = 30;

/** A share as a bar of BAR cells: the service's whole traffic is the full width. */
export function bar(share: number): string {
  const cells = Math.round(Math.min(1, Math.max(0, share)) * BAR);
  return `${'█'.repeat(cells)}${'·'.repeat(BAR - cells)}`;
}

function regionText(region: RegionFrame): string {
  const routing = region.routed ? '' : ', not answering: users go to the next region';
  const lines = [
    `  ${region.service} / ${region.region} (${region.mode}, ${region.status}${routing})`,
  ];
  for (const reason of region.reasons) lines.push(`    ! ${visible(reason)}`);
  const grouped = region.mode === 'grouped';
  lines.push(
    table(
      ['instance', 'zone', 'health', grouped ? 'group' : 'weight', 'share of traffic', ''],
      region.instances.map((i) => [
        i.id,
        i.zone,
        i.reasons.length > 0 ? `${i.health}: ${i.reasons.join('; ')}` : i.health,
        grouped ? (i.group ?? '-') : i.weight === null ? '-' : String(i.weight),
        bar(i.share),
        percent(i.share),
      ]),
    )
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
  if (region.groups.length > 0) {
    lines.push(
      table(
        ['group', 'weight', 'share', 'zones', 'members'],
        region.groups.map((g) => [
          g.label,
          String(g.weight),
          percent(g.share),
          g.zones.join(' '),
          g.members.join(' '),
        ]),
      )
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
  }
  return lines.join('\n');
}

/** One step: what happened, what was written, and the traffic the records now give. */
export function frameText(frame: SimulationFrame): string {
  const lines = [
    `── step ${frame.step} · t+${frame.at}s · ${frame.trigger === 'clock' ? 'clock: ' : ''}${frame.title}`,
    `   events: ${frame.events}`,
  ];
  const changes = frame.written.flatMap((b) => b.Changes);
  lines.push(
    changes.length === 0
      ? '   wrote nothing'
      : `   wrote ${frame.written.length} batch${frame.written.length === 1 ? '' : 'es'}, ${changes.length} changes:`,
  );
  for (const change of changes) lines.push(`     ${describeChange(change)}`);
  lines.push(frameBadAnswers(frame));
  for (const region of frame.regions) lines.push(regionText(region));
  return lines.join('\n');
}

export function simulationText(result: SimulationResult): string {
  const head = [
    `scenario: ${result.scenario.name}`,
    ...(result.scenario.description === '' ? [] : [result.scenario.description]),
    '',
  ];
  return [
    ...head,
    ...result.frames.map((f) => `${frameText(f)}\n`),
    badAnswersText(result),
    ...(result.healthChecks === undefined ? [] : ['', healthCheckText(result)]),
    '',
  ].join('\n');
}
