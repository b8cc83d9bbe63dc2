/// <reference lib="dom" />
/** The bad answers: a table per scenario step with the total, and one line per frame. */
import type { SimulationFrame, SimulationResult } from '../../frames.js';
import { h } from './dom.js';
import { at } from './format.js';

/** Answer-seconds with two decimals; exactly zero as 0. */
export function answerSeconds(value: number): string {
  return value === 0 ? '0' : value.toFixed(2);
}

const DEFINITION =
  'Answers pointing to an instance that cannot serve (booting, terminated, application down), counting answers resolvers still cache for the TTL; a change is seen once INSYNC';

/** The overview's table: each scenario step (its follow-ups included), then the total. */
export function renderBadAnswers(result: SimulationResult): HTMLElement {
  const bad = result.badAnswers;
  const rows = bad.steps.map((s) =>
    h('tr', { class: s.answerSeconds > 0 ? 'bad' : null }, [
      h('td', null, h('a', { href: `#step-${s.step}` }, `Step ${s.step}`)),
      h('td', null, `${at(s.at)} to ${at(s.until)}`),
      h('td', { class: 'num' }, answerSeconds(s.answerSeconds)),
      h('td', null, s.title),
    ]),
  );
  return h('section', { id: 'bad-answers', class: 'card bad-answers' }, [
    h('h2', null, [
      'Bad answers',
      h('span', { class: 'badge handling' }, bad.handling),
      h('span', { class: 'total' }, `${answerSeconds(bad.answerSeconds)} answer-seconds in total`),
    ]),
    h(
      'p',
      { class: 'muted' },
      `${DEFINITION} (${bad.propagationSeconds}s after the write). One answer-second: all the answers pointing to such an instance for one second.`,
    ),
    h('div', { class: 'table-wrap' }, [
      h('table', { class: 'bad-steps' }, [
        h(
          'thead',
          null,
          h('tr', null, [
            h('th', { scope: 'col' }, 'Step'),
            h('th', { scope: 'col' }, 'Interval'),
            h('th', { scope: 'col', class: 'num' }, 'Answer-seconds'),
            h('th', { scope: 'col' }, 'What happened'),
          ]),
        ),
        h('tbody', null, rows),
        h(
          'tfoot',
          null,
          h('tr', null, [
            h('th', { scope: 'row' }, 'Total'),
            h('td', null, ''),
            h('td', { class: 'num' }, answerSeconds(bad.answerSeconds)),
            h('td', null, ''),
          ]),
        ),
      ]),
    ]),
  ]);
}

/** One frame's line: its bad answers until the next frame, and the instances they pointed to. */
export function frameBadAnswers(frame: SimulationFrame): HTMLElement {
  const bad = frame.badAnswers;
  const until = `until ${at(bad.until)}`;
  if (bad.answerSeconds === 0)
    return h('p', { class: 'bad-answers-line none' }, [
      h('span', { class: 'label' }, 'Bad answers'),
      `none ${until}`,
    ]);
  return h('p', { class: 'bad-answers-line some' }, [
    h('span', { class: 'label' }, 'Bad answers'),
    `${answerSeconds(bad.answerSeconds)} answer-seconds ${until}: `,
    bad.instances.map((i, n) => [
      n === 0 ? null : ', ',
      h('code', null, i.id),
      ` ${answerSeconds(i.answerSeconds)}`,
    ]),
  ]);
}
