import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('npm run demo', () => {
  it('replays every example scenario and writes a report for each (the lifecycle one twice, one per zone of multi-zone)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebalancer-demo-'));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/demo.ts'],
      {
        env: { ...process.env, DEMO_DIR: dir },
      },
    );
    expect(stdout).toContain('════ latency-weighted ════');
    expect(stdout).toContain('════ grouped ════');
    expect(stdout).toContain('scenario: Failures and recoveries across three regions');
    expect(stdout).toContain('scenario: Keeping groups spread across zones');
    expect(existsSync(join(dir, 'latency-weighted.html'))).toBe(true);
    expect(existsSync(join(dir, 'grouped.html'))).toBe(true);
    expect(stdout).toContain('════ lifecycle ════');
    expect(existsSync(join(dir, 'lifecycle.html'))).toBe(true);
    expect(existsSync(join(dir, 'lifecycle-state-change-only.html'))).toBe(true);
    expect(stdout).toContain('════ multi-zone ════');
    expect(stdout).toContain('scenario: One fleet, a public and a private zone');
    expect(stdout).toContain('Hosted zone Z0PRIVATE0EXAMPLE2 (example.com)');
    expect(existsSync(join(dir, 'multi-zone-Z0PUBLIC0EXAMPLE1.html'))).toBe(true);
    expect(existsSync(join(dir, 'multi-zone-Z0PRIVATE0EXAMPLE2.html'))).toBe(true);
  }, 60_000);
});
