/// <reference lib="dom" />
/**
 * The page's script: reads the simulation from the JSON element and draws
 * the summary, the navigation, the chart and the steps. A failure is shown on
 * the page rather than leaving it silently empty.
 */
import type { SimulationResult } from '../../frames.js';
import { answerSeconds, renderBadAnswers } from './bad-answers.js';
import { renderOverview } from './chart.js';
import { REPORT_DATA_ID } from './data-id.js';
import { h } from './dom.js';
import { plural } from './format.js';
import { renderNav, renderStep } from './steps.js';

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no element #${id}`);
  return element;
}

function summary(result: SimulationResult): string {
  const instances = new Set<string>();
  const regions = new Set<string>();
  for (const frame of result.frames) {
    for (const region of frame.regions) {
      regions.add(`${region.service}|${region.region}`);
      for (const instance of region.instances) {
        instances.add(`${region.service}|${region.region}|${instance.id}`);
      }
    }
  }
  return [
    plural(result.frames.length, 'step', 'steps'),
    plural(regions.size, 'region', 'regions'),
    plural(instances.size, 'instance', 'instances'),
    `${answerSeconds(result.badAnswers.answerSeconds)} bad answer-seconds`,
  ].join(' · ');
}

function render(): void {
  const data = JSON.parse(byId(REPORT_DATA_ID).textContent) as SimulationResult;
  const frames = data.frames;
  byId('summary').textContent = summary(data);
  renderNav(byId('step-nav'), frames);
  const main = byId('report');
  main.appendChild(renderOverview(frames));
  main.appendChild(renderBadAnswers(data));
  frames.forEach((frame, i) => main.appendChild(renderStep(frame, frames[i - 1])));
  document.documentElement.setAttribute('data-rendered', 'true');
}

try {
  render();
} catch (error) {
  const reason = error instanceof Error && error.message !== '' ? error.message : String(error);
  const message = h(
    'p',
    { class: 'render-error', role: 'alert' },
    `The report could not be drawn: ${reason}`,
  );
  document.getElementById('report')?.prepend(message);
}
