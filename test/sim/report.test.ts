import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../shared/sim/frames.js';
import { CLIENT_SCRIPT } from '../../shared/sim/report/client-script.generated.js';
import { jsonForScript } from '../../shared/sim/report/html.js';
import { REPORT_DATA_ID, renderReport } from '../../shared/sim/report/index.js';
import { loadSimulationResult } from '../fixtures/sim/result.js';

const fixture = loadSimulationResult();

/** The text of the JSON data element, as the browser hands it to the page's script. */
function embeddedJson(html: string): string {
  const open = `<script type="application/json" id="${REPORT_DATA_ID}">`;
  const start = html.indexOf(open);
  expect(start).toBeGreaterThan(0);
  const end = html.indexOf('</script', start + open.length);
  return html.slice(start + open.length, end);
}

/** The page's executable script (the one without a type). */
function inlineScript(html: string): string {
  const match = /<script>([\s\S]*?)<\/script>/.exec(html);
  if (match?.[1] === undefined) throw new Error('no inline script');
  return match[1];
}

const HOSTILE = `</script><img src=x onerror=alert(1)><!--`;

/** The fixture with hostile text wherever the data lands in the page. */
function hostileResult(): SimulationResult {
  const [first, ...rest] = fixture.frames;
  if (first === undefined) throw new Error('empty fixture');
  return {
    scenario: { name: HOSTILE, description: `<script>alert(2)</script> & <!-- more` },
    frames: [
      {
        ...first,
        title: HOSTILE,
        events: `</SCRIPT ><svg onload=alert(3)>`,
        regions: first.regions.map((region) => ({
          ...region,
          reasons: [HOSTILE],
          instances: region.instances.map((instance) => ({
            ...instance,
            id: `${instance.id}${HOSTILE}`,
            reasons: [HOSTILE],
          })),
        })),
      },
      ...rest,
    ],
    badAnswers: fixture.badAnswers,
  };
}

describe('renderReport', () => {
  const html = renderReport(fixture);

  it('is an HTML5 page with a charset and the scenario as title', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.slice(0, 1024)).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Simulation: zone-outage</title>');
    expect(html).toContain('<h1>zone-outage</h1>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('is self-contained: nothing loaded from the network or from other files', () => {
    for (const forbidden of ['<link', '<iframe', '<img', '<object', '<embed', '<base', '<video']) {
      expect(html.toLowerCase()).not.toContain(forbidden);
    }
    for (const forbidden of [
      '@import',
      '@font-face',
      'url(',
      'fetch(',
      'XMLHttpRequest',
      'import(',
    ]) {
      expect(html).not.toContain(forbidden);
    }
    expect(html).not.toMatch(/<script[^>]*\bsrc\s*=/i);
    // The only src/href anywhere are in-page fragments; the only URL is the SVG namespace name.
    const targets = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]*)/gi)].map((m) => m[1]);
    expect(targets.every((target) => target?.startsWith('#'))).toBe(true);
    expect(new Set(html.match(/\b[a-z]+:\/\/[^\s'"<>)]*/gi))).toEqual(
      new Set(['http://www.w3.org/2000/svg']),
    );
  });

  it('allows only its own script, by hash', () => {
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    const hash = createHash('sha256').update(inlineScript(html), 'utf8').digest('base64');
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain(`script-src 'sha256-${hash}'`);
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('embeds the simulation as JSON that reads back unchanged', () => {
    expect(JSON.parse(embeddedJson(html))).toEqual(fixture);
  });

  it('is small and the same every time', () => {
    expect(html.length).toBeLessThan(64 * 1024);
    expect(renderReport(fixture)).toBe(html);
  });

  it('keeps hostile text inside the JSON element and escapes it in the markup', () => {
    const result = hostileResult();
    const page = renderReport(result);
    expect(page.match(/<\/script/gi)).toHaveLength(2);
    expect(page.match(/<script/gi)).toHaveLength(2);
    expect(page).not.toContain('<!--');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<svg');
    expect(JSON.parse(embeddedJson(page))).toEqual(result);
    expect(page).toContain(
      '<title>Simulation: &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&lt;!--</title>',
    );
    expect(page).toContain('<h1>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&lt;!--</h1>');
    expect(page).toContain(
      '<p class="description">&lt;script&gt;alert(2)&lt;/script&gt; &amp; &lt;!-- more</p>',
    );
  });
});

describe('jsonForScript', () => {
  it('writes no character that could end the element or open a comment', () => {
    const value = { a: '</script><!-- & --> \u2028\u2029', b: [1, null, true] };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('the page script', () => {
  const script = CLIENT_SCRIPT;

  it('is valid JavaScript that cannot end its own element', () => {
    expect(() => new Script(script)).not.toThrow();
    expect(script).not.toMatch(/<\/script|<!--/i);
  });

  it('never turns data into markup', () => {
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });
});
