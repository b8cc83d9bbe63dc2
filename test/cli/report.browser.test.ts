import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { BROWSER_TEST_TIMEOUT_MS, dumpDom } from '../support/chromium.js';

/** The demo's own report, end to end: simulate writes it, a real browser renders it. */
describe('rebalancer simulate --report', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('writes a self-contained page that Chromium renders with every step, the groups and a line per instance', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'rebalancer-report-')), 'grouped.html');
    const io = bufferIo();
    const dir = 'examples/grouped';
    const code = await main(
      [
        'simulate',
        '-c',
        `${dir}/config.yaml`,
        '-s',
        `${dir}/state.json`,
        '--scenario',
        `${dir}/scenario.yaml`,
        '--report',
        report,
      ],
      io,
    );
    expect(code).toBe(0);
    expect(io.stderr()).toBe(`report written to ${report}\n`);
    expect(readFileSync(report, 'utf8')).not.toMatch(
      /<(script|link|img)[^>]+(src|href)="(https?:|\/\/)/,
    );
    const dom = await dumpDom(pathToFileURL(report).href);
    for (let step = 0; step <= 7; step++) expect(dom).toContain(`id="step-${step}"`);
    expect(dom).toContain('zone eu-west-1a is lost');
    expect(dom).toContain('endpoint-c');
    // One line per instance that ever served: the 8 of the state file and the 4 launched.
    expect(dom.match(/<polyline/g)?.length).toBe(12);
    expect(dom).toContain('14.3%');
  });
});
