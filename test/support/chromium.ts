/**
 * Headless Chromium for tests that must see a page as a browser renders it:
 * Debian's `chromium` package, run once per call with a fresh profile. A
 * missing browser is an error (never a skip), so a machine without it fails
 * loudly instead of passing without having looked.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * How long one browser run may take before it is killed. A run takes a second
 * or two alone; with the whole suite on two shared cores and a few browsers at
 * once, 20 s was seen to pass.
 */
export const RUN_TIMEOUT_MS = 60_000;

/** A test that waits for browser runs gives them this long: two rounds of runs. */
export const BROWSER_TEST_TIMEOUT_MS = 2 * RUN_TIMEOUT_MS + 10_000;

/** The Chromium binary, or an error that says how to install it. */
export function chromiumPath(): string {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      `Chromium not found (looked for ${CANDIDATES.join(' and ')}). ` +
        "The browser tests need Debian's chromium package: apt-get update && apt-get install -y chromium",
    );
  }
  return found;
}

const BASE_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--hide-scrollbars',
  // Lets the page's scripts run to completion before the DOM or the screenshot is taken.
  '--virtual-time-budget=5000',
];

/** Runs Chromium with `args` after the base flags and a fresh profile; resolves with its stdout. */
async function runChromium(args: readonly string[]): Promise<string> {
  const binary = chromiumPath();
  const profile = await mkdtemp(join(tmpdir(), 'chromium-profile-'));
  try {
    return await new Promise<string>((resolve, reject) => {
      execFile(
        binary,
        [...BASE_FLAGS, `--user-data-dir=${profile}`, ...args],
        { timeout: RUN_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (error === null) {
            resolve(stdout);
            return;
          }
          const tail = stderr.split('\n').slice(-15).join('\n');
          const killed = error.killed ? ` (killed after ${RUN_TIMEOUT_MS} ms)` : '';
          reject(
            new Error(`chromium ${args.join(' ')} failed${killed}: ${error.message}\n${tail}`),
          );
        },
      );
    });
  } finally {
    await rm(profile, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** The DOM of `url` after its scripts ran, serialised as HTML. */
export async function dumpDom(url: string): Promise<string> {
  const dom = await runChromium(['--dump-dom', url]);
  if (!dom.includes('<html')) throw new Error(`chromium --dump-dom ${url} printed no document`);
  return dom;
}

/** A PNG screenshot of `url` at the given window size, written to `path`. */
export async function screenshot(
  url: string,
  path: string,
  size: { readonly width: number; readonly height: number },
): Promise<void> {
  await runChromium([`--screenshot=${path}`, `--window-size=${size.width},${size.height}`, url]);
}
