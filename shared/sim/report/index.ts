/**
 * The simulation as one self-contained HTML page: the data is embedded as
 * JSON and the page's own script draws the navigation, a chart of each
 * instance's share over the steps and, per step, the changes written and the
 * regions' tables. No external scripts, styles, fonts or images; a Content
 * Security Policy allows only the page's own script (by hash) and styles.
 */
import { createHash } from 'node:crypto';
import type { SimulationResult } from '../frames.js';
import { REPORT_DATA_ID } from './browser/data-id.js';
import { CLIENT_SCRIPT } from './client-script.generated.js';
import { escapeHtml, jsonForScript } from './html.js';
import { stylesheet } from './style.js';
import {
  EXCLUSION_HEADERS,
  exclusionHeading,
  exclusionRows,
  exclusionTotals,
} from '../exclusion-lines.js';

export { REPORT_DATA_ID };

/** The page's `<title>`. */
export function reportTitle(result: SimulationResult): string {
  return `Simulation: ${result.scenario.name}`;
}

/** The time to exclusion of each application failure, with and without health checks, as a static table. */
function exclusionSection(result: SimulationResult): string {
  const c = result.healthChecks;
  if (c === undefined) return '';
  const cells = (row: readonly string[], tag: string) =>
    row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join('');
  const rows = exclusionRows(c).map((row) => `<tr>${cells(row, 'td')}</tr>`);
  return `<section class="exclusion" aria-label="Time to exclusion">
<p>${escapeHtml(exclusionHeading(c))}</p>
<table><thead><tr>${cells(EXCLUSION_HEADERS, 'th')}</tr></thead><tbody>${rows.join('')}</tbody></table>
<p>${escapeHtml(exclusionTotals(c, result.badAnswers.answerSeconds))}</p>
</section>
`;
}

export function renderReport(result: SimulationResult): string {
  const script = CLIENT_SCRIPT;
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  const policy = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src 'sha256-${hash}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const { name, description } = result.scenario;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(reportTitle(result))}</title>
<style>${stylesheet}</style>
</head>
<body>
<header class="page-head">
<h1>${escapeHtml(name)}</h1>
<p class="description">${escapeHtml(description)}</p>
<p id="summary"></p>
${exclusionSection(result)}</header>
<nav id="step-nav" class="step-nav" aria-label="Steps"></nav>
<main id="report">
<noscript><p class="noscript">This report draws its chart and tables with JavaScript, which is disabled. The simulation is embedded in the page source as JSON.</p></noscript>
</main>
<script type="application/json" id="${REPORT_DATA_ID}">${jsonForScript(result)}</script>
<script>${script}</script>
</body>
</html>
`;
}
