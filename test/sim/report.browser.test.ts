/**
 * The report as Chromium renders it: the page's own script must draw every
 * step, table, bar and chart line from the embedded JSON. Reads the DOM that
 * `chromium --dump-dom` serialises (our own markup, so regular expressions on
 * known elements are enough) and takes a screenshot.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeChange } from '../../cli/render/changes.js';
import type { SimulationResult } from '../../shared/sim/frames.js';
import { renderReport } from '../../shared/sim/report/index.js';
import { loadSimulationResult } from '../fixtures/sim/result.js';
import { chromiumPath, dumpDom, screenshot, BROWSER_TEST_TIMEOUT_MS } from '../support/chromium.js';

const fixture = loadSimulationResult();
const HOSTILE = `</script><img src=x onerror="document.title='pwned'"><!-- & "quoted"`;
const SIZE = { width: 1280, height: 2000 };

/** The fixture with hostile text in a step title, an instance id and its reasons. */
function hostileResult(): SimulationResult {
  const [first, ...rest] = fixture.frames;
  if (first === undefined) throw new Error('empty fixture');
  return {
    ...fixture,
    frames: [
      {
        ...first,
        title: HOSTILE,
        regions: first.regions.map((region, r) => ({
          ...region,
          instances: region.instances.map((instance, i) =>
            r === 0 && i === 0 ? { ...instance, id: HOSTILE, reasons: [HOSTILE] } : instance,
          ),
        })),
      },
      ...rest,
    ],
    badAnswers: fixture.badAnswers,
  };
}

function decode(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}

/** The text content of a serialised fragment. */
function textOf(html: string): string {
  return decode(html.replace(/<[^>]*>/g, ''));
}

/** The inner HTML of every element opened by a start tag matching `start` (no nesting of the same tag). */
function elements(html: string, tag: string, start: string): string[] {
  const pattern = new RegExp(`<${tag}${start}[^>]*>([\\s\\S]*?)</${tag}>`, 'g');
  return [...html.matchAll(pattern)].map((m) => m[1] ?? '');
}

function one(html: string, tag: string, start: string): string {
  const found = elements(html, tag, start);
  expect(found, `<${tag}${start}>`).toHaveLength(1);
  return found[0] ?? '';
}

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

interface Rendered {
  readonly dom: string;
  readonly hostileDom: string;
  readonly png: Buffer;
}

/** Writes the pages to `dir`, then dumps both DOMs and takes the screenshot in parallel. */
async function renderInChromium(dir: string): Promise<Rendered> {
  chromiumPath();
  const page = join(dir, 'report.html');
  const hostilePage = join(dir, 'hostile.html');
  const shot = join(dir, 'report.png');
  await writeFile(page, renderReport(fixture));
  await writeFile(hostilePage, renderReport(hostileResult()));
  const url = pathToFileURL(page).href;
  const [dom, hostileDom] = await Promise.all([
    dumpDom(url),
    dumpDom(pathToFileURL(hostilePage).href),
    screenshot(url, shot, SIZE),
  ]);
  return { dom, hostileDom, png: await readFile(shot) };
}

describe('the report in headless Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let dir = '';
  // Every test awaits this, so a missing or failing browser fails each test (none is skipped).
  let rendered: Promise<Rendered> | undefined;
  const pages = (): Promise<Rendered> =>
    rendered ?? Promise.reject(new Error('beforeAll did not run'));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sim-report-'));
    rendered = renderInChromium(dir);
    rendered.catch(() => undefined);
  });

  afterAll(async () => {
    await rendered?.catch(() => undefined);
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('finds Chromium', () => {
    expect(chromiumPath()).toMatch(/chromium/);
  });

  it('runs the page script to the end', async () => {
    const { dom } = await pages();
    expect(dom).toMatch(/<html lang="en" data-rendered="true">/);
    expect(dom).not.toMatch(/<p class="render-error"/);
    expect(textOf(one(dom, 'p', ' id="summary"'))).toBe(
      '4 steps · 2 regions · 11 instances · 7.50 bad answer-seconds',
    );
  });

  it('links every step from the navigation and draws a section for it', async () => {
    const { dom } = await pages();
    const nav = one(dom, 'nav', ' id="step-nav"');
    for (const frame of fixture.frames) {
      expect(nav).toContain(`href="#step-${frame.step}"`);
      const section = one(dom, 'section', ` id="step-${frame.step}"`);
      const heading = textOf(one(section, 'h2', ''));
      expect(heading).toBe(`Step ${frame.step}t+${frame.at}s${frame.title}`);
      expect(textOf(one(section, 'p', ' class="events"'))).toBe(`Events${frame.events}`);
    }
    expect(textOf(one(dom, 'section', ' id="step-2"'))).toContain('t+300s');
  });

  it("shows the bad answers per step with the total, and each step's own with the instances they pointed to", async () => {
    const { dom } = await pages();
    const section = one(dom, 'section', ' id="bad-answers"');
    expect(textOf(one(section, 'h2', ''))).toBe('Bad answersdesign7.50 answer-seconds in total');
    const rows = elements(one(section, 'tbody', ''), 'tr', '').map(textOf);
    expect(rows).toEqual(
      fixture.badAnswers.steps.map(
        (s) =>
          `Step ${s.step}t+${s.at}s to t+${s.until}s${s.answerSeconds === 0 ? '0' : s.answerSeconds.toFixed(2)}${s.title}`,
      ),
    );
    expect(textOf(one(section, 'tfoot', ''))).toBe('Total7.50');
    const bad = fixture.frames[1];
    const line = one(dom, 'section', ` id="step-1"`);
    expect(textOf(one(line, 'p', ' class="bad-answers-line some"'))).toBe(
      `Bad answers7.50 answer-seconds until t+300s: ${bad?.badAnswers.instances[0]?.id ?? ''} 7.50`,
    );
    expect(
      textOf(one(one(dom, 'section', ' id="step-2"'), 'p', ' class="bad-answers-line none"')),
    ).toBe('Bad answersnone until t+600s');
  });

  it('lists the changes written, one line each, as the CLI prints them', async () => {
    const { dom } = await pages();
    for (const frame of fixture.frames) {
      const section = one(dom, 'section', ` id="step-${frame.step}"`);
      const lines = elements(section, 'div', ' class="change (?:delete|create)"').map(textOf);
      expect(lines).toEqual(frame.written.flatMap((batch) => batch.Changes.map(describeChange)));
      if (lines.length === 0) expect(section).toContain('No changes written.');
    }
    expect(textOf(one(dom, 'section', ' id="step-1"'))).toContain(
      '- DELETE us-east-2.api.example.com A api-prod/i-0a1b2c3d4e5f60002 weight 255 ttl 60 -> 3.14.0.12',
    );
  });

  it('shows each region with its status and each instance with its share as text and as a bar', async () => {
    const { dom } = await pages();
    for (const frame of fixture.frames) {
      const section = one(dom, 'section', ` id="step-${frame.step}"`);
      for (const region of frame.regions) {
        const card = one(
          section,
          'article',
          ` class="region" data-service="${region.service}" data-region="${region.region}"`,
        );
        const heading = textOf(one(card, 'h3', ''));
        expect(heading).toContain(region.status);
        expect(heading).toContain(region.mode);
        const table = one(card, 'table', ' class="instances"');
        const rows = [...table.matchAll(/<tr data-instance="([^"]*)">([\s\S]*?)<\/tr>/g)];
        expect(rows.map((row) => row[1])).toEqual(region.instances.map((i) => i.id));
        region.instances.forEach((instance, i) => {
          const row = rows[i]?.[2] ?? '';
          expect(textOf(one(row, 'span', ' class="pct"'))).toBe(percent(instance.share));
          const width = /<span class="fill" style="width: ([\d.]+)%;">/.exec(row)?.[1];
          expect(Number(width)).toBeCloseTo(instance.share * 100, 1);
          const cells = elements(row, 'td', '').map(textOf);
          expect(cells[0]).toBe(instance.zone);
          expect(cells[3]).toBe(instance.health + instance.reasons.join(''));
          expect(cells[4]).toBe(String(instance.weight ?? instance.group ?? '-'));
        });
        const groups = elements(card, 'table', ' class="groups"');
        expect(groups).toHaveLength(region.mode === 'grouped' ? 1 : 0);
        for (const group of region.groups) {
          const row = one(groups[0] ?? '', 'tr', ` data-group="${group.label}"`);
          expect(textOf(row)).toContain(group.members.join(''));
          expect(textOf(row)).toContain(percent(group.share));
        }
      }
    }
  });

  it('shows the shares the scenario produces', async () => {
    const { dom } = await pages();
    const share = (step: number, id: string): string => {
      const section = one(dom, 'section', ` id="step-${step}"`);
      return textOf(one(one(section, 'tr', ` data-instance="${id}"`), 'span', ' class="pct"'));
    };
    expect(share(0, 'i-0a1b2c3d4e5f60001')).toBe('16.7%');
    expect(share(1, 'i-0a1b2c3d4e5f60001')).toBe('25.0%');
    expect(share(1, 'i-0a1b2c3d4e5f60002')).toBe('0.0%');
    expect(share(2, 'i-0e5d1c9a7b3f20001')).toBe('0.0%');
    expect(share(2, 'i-0e5d1c9a7b3f20002')).toBe('12.5%');
    const impaired = one(
      one(dom, 'section', ' id="step-2"'),
      'tr',
      ' data-instance="i-0e5d1c9a7b3f20001"',
    );
    expect(textOf(impaired)).toContain(
      'impairedinstance status check impairedsystem status check impaired',
    );
  });

  it('draws one line per instance over every step, with a legend', async () => {
    const { dom } = await pages();
    const chart = one(dom, 'svg', ' class="chart-svg"');
    const series = [
      ...chart.matchAll(
        /<g class="series" data-key="[^"]*" data-instance="([^"]*)"[^>]*><polyline points="([^"]*)"/g,
      ),
    ];
    const ids = [
      ...new Set(
        fixture.frames.flatMap((f) => f.regions.flatMap((r) => r.instances.map((i) => i.id))),
      ),
    ];
    expect(series.map((s) => s[1])).toEqual(ids);
    // y is linear in the share: the same pixels per point of share for every point.
    const points: { share: number; y: number }[] = [];
    for (const [, id, raw] of series) {
      const coordinates = (raw ?? '').split(' ').map((p) => p.split(',').map(Number));
      expect(coordinates).toHaveLength(fixture.frames.length);
      fixture.frames.forEach((frame, f) => {
        const instance = frame.regions.flatMap((r) => r.instances).find((i) => i.id === id);
        points.push({ share: instance?.share ?? 0, y: coordinates[f]?.[1] ?? NaN });
      });
      const xs = coordinates.map((c) => c[0] ?? NaN);
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
    }
    const base = points.find((p) => p.share === 0)?.y ?? NaN;
    const top = points.reduce((a, b) => (b.share > a.share ? b : a));
    const perShare = (base - top.y) / top.share;
    expect(perShare).toBeGreaterThan(0);
    for (const p of points) expect(p.y).toBeCloseTo(base - p.share * perShare, 0);
    expect(chart).toContain(
      '<title>i-0a1b2c3d4e5f60002 (us-east-2): 16.7%, 0.0%, 0.0%, 16.7%</title>',
    );
    expect(textOf(chart)).toContain('0%');
    expect(textOf(chart)).toContain('share of answers');
    const legend = one(dom, 'ul', ' class="legend"');
    expect(elements(legend, 'code', '').map(textOf)).toEqual(ids);
  });

  it('shows hostile strings from the data as text, never as markup', async () => {
    const { hostileDom } = await pages();
    expect(hostileDom).toMatch(/<html lang="en" data-rendered="true">/);
    expect(hostileDom).not.toMatch(/<img/i);
    expect(hostileDom).toContain('<title>Simulation: zone-outage</title>');
    const section = one(hostileDom, 'section', ' id="step-0"');
    expect(textOf(one(section, 'span', ' class="step-title"'))).toBe(HOSTILE);
    const row = /<tr data-instance="[^"]*">([\s\S]*?)<\/tr>/.exec(section)?.[1] ?? '';
    expect(textOf(one(row, 'code', ''))).toBe(HOSTILE);
    expect(textOf(one(row, 'ul', ' class="why"'))).toBe(HOSTILE);
    const legend = one(hostileDom, 'ul', ' class="legend"');
    expect(elements(legend, 'code', '').map(textOf)).toContain(HOSTILE);
  });

  it('takes a screenshot of a drawn page', async () => {
    const { png } = await pages();
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(SIZE.width);
    expect(png.readUInt32BE(20)).toBe(SIZE.height);
    // A blank or script-less page compresses to a few KB; the drawn one is far larger.
    expect(png.length).toBeGreaterThan(100_000);
  });
});
