import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bundleReportClient,
  REPORT_CLIENT_MODULE,
  reportClientModule,
  writeReportClient,
} from '../../scripts/lib/report-client.js';
import { CLIENT_SCRIPT } from '../../shared/sim/report/client-script.generated.js';

describe('the generated page script', () => {
  it('is the bundle of the browser sources as they are now (else run `npm run build:report`)', async () => {
    expect(CLIENT_SCRIPT).toBe(await bundleReportClient());
  });

  it('is the file that build:report writes, header and all', () => {
    const text = readFileSync(new URL(`../../${REPORT_CLIENT_MODULE}`, import.meta.url), 'utf8');
    expect(text).toBe(reportClientModule(CLIENT_SCRIPT));
    expect(text).toContain('npm run build:report');
  });

  it('is what writeReportClient writes, with its size', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'report-client-')), 'client.ts');
    expect(await writeReportClient(file)).toBe(Buffer.byteLength(CLIENT_SCRIPT, 'utf8'));
    expect(readFileSync(file, 'utf8')).toBe(reportClientModule(CLIENT_SCRIPT));
  });

  it('is one IIFE that reads no module system', () => {
    expect(CLIENT_SCRIPT.trimEnd().endsWith('})();')).toBe(true);
    expect(CLIENT_SCRIPT).not.toMatch(/\b(import|export|require)\b[\s(]/);
  });
});
