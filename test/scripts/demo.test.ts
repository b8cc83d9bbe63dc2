import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { COMPARED, comparedReport, EXAMPLES, main, reports } from '../../scripts/demo.js';

/** `npm run demo`'s main, in-process (test/cli/demo.test.ts runs the script itself). */
const dir = mkdtempSync(join(tmpdir(), 'rebalancer-demo-main-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo script', () => {
  it('simulates each example, writes its report, and says where the reports are', async () => {
    const io = bufferIo();
    expect(await main([], io, dir)).toBe(0);
    const out = io.stdout();
    for (const name of EXAMPLES) {
      expect(out).toContain(
        `\n════ ${name} ════ (examples/${name}: config.yaml, state.json, scenario.yaml)\n\n`,
      );
      for (const report of reports(name)) expect(existsSync(join(dir, report.file))).toBe(true);
    }
    for (const name of COMPARED) {
      expect(out).toContain(`\n════ ${name}, state-change handling only ════`);
      expect(existsSync(join(dir, comparedReport(name)))).toBe(true);
    }
    expect(reports('multi-zone').map((r) => r.file)).toEqual([
      'multi-zone-Z0PUBLIC0EXAMPLE1.html',
      'multi-zone-Z0PRIVATE0EXAMPLE2.html',
    ]);
    expect(out).toContain('scenario: Failures and recoveries across three regions');
    expect(out).toContain('bad answers (state-change-only)');
    expect(out).toContain(
      'bad answers in total: 1.67 answer-seconds with health checks, 12.00 without',
    );
    const files = [
      'latency-weighted.html',
      'grouped.html',
      'lifecycle.html',
      'multi-zone-Z0PUBLIC0EXAMPLE1.html',
      'multi-zone-Z0PRIVATE0EXAMPLE2.html',
      'health-checks.html',
    ].map((f) => join(dir, f));
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      `Open ${files.join(', ')} and ${join(dir, 'lifecycle-state-change-only.html')} in a browser for the tables, a chart of each instance's share over the steps, and the bad answers.`,
    );
  }, 60_000);
});
