import { chartScript } from './chart.js';
import { domScript } from './dom.js';
import { formatScript } from './format.js';
import { stepsScript } from './steps.js';

/**
 * The page's script: reads the simulation from the JSON element `dataId` and
 * draws the navigation, the chart and the steps. A failure is shown on the
 * page rather than leaving it silently empty.
 */
export function clientScript(dataId: string): string {
  return `(() => {
'use strict';
${domScript}${formatScript}${stepsScript}${chartScript}
function render() {
  const data = JSON.parse(document.getElementById(${JSON.stringify(dataId)}).textContent);
  const frames = data.frames;
  const instances = new Set();
  const regions = new Set();
  for (const frame of frames) {
    for (const region of frame.regions) {
      regions.add(region.service + '|' + region.region);
      for (const instance of region.instances) instances.add(region.service + '|' + region.region + '|' + instance.id);
    }
  }
  document.getElementById('summary').textContent =
    plural(frames.length, 'step', 'steps') + ' · ' + plural(regions.size, 'region', 'regions') + ' · ' +
    plural(instances.size, 'instance', 'instances');
  renderNav(document.getElementById('step-nav'), frames);
  const main = document.getElementById('report');
  main.appendChild(renderOverview(frames));
  frames.forEach((frame, i) => main.appendChild(renderStep(frame, frames[i - 1])));
  document.documentElement.setAttribute('data-rendered', 'true');
}

try {
  render();
} catch (error) {
  const message = h('p', { class: 'render-error', role: 'alert' },
    'The report could not be drawn: ' + (error && error.message ? error.message : String(error)));
  document.getElementById('report').prepend(message);
}
})();
`;
}
