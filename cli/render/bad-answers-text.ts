import type { SimulationFrame, SimulationResult } from '../../shared/sim/frames.js';
import { table } from './table.js';

/** Answer-seconds with two decimals; exactly zero as 0. */
export function answerSeconds(value: number): string {
  return value === 0 ? '0' : value.toFixed(2);
}

/** One frame's line: its bad answers until the next frame, and the instances they pointed to. */
export function frameBadAnswers(frame: SimulationFrame): string {
  const bad = frame.badAnswers;
  const until = `until t+${bad.until}s`;
  if (bad.answerSeconds === 0) return `   bad answers: none ${until}`;
  const top = bad.instances.slice(0, 3).map((i) => `${i.id} ${answerSeconds(i.answerSeconds)}`);
  const more = bad.instances.length > 3 ? `, and ${bad.instances.length - 3} more` : '';
  return `   bad answers: ${answerSeconds(bad.answerSeconds)} answer-seconds ${until} (${top.join(', ')}${more})`;
}

/** The scenario's bad answers per step (its follow-ups included) and in total. */
export function badAnswersText(result: SimulationResult): string {
  const bad = result.badAnswers;
  const rows = bad.steps.map((s) => [
    String(s.step),
    `t+${s.at}s`,
    `t+${s.until}s`,
    answerSeconds(s.answerSeconds),
    s.title,
  ]);
  return [
    `bad answers (${bad.handling}): answers pointing to an instance that cannot serve, cached for the TTL, a change seen once INSYNC (${bad.propagationSeconds}s)`,
    table(
      ['step', 'from', 'until', 'answer-seconds', ''],
      [...rows, ['total', '', '', answerSeconds(bad.answerSeconds), '']],
    ),
  ].join('\n');
}
