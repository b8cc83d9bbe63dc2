import { visibleLines } from './visible.js';

/** Where the command line writes: swapped for buffers in tests. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** The output boundary: every text ends in a newline and shows its control characters as escapes. */
function line(text: string): string {
  const safe = visibleLines(text);
  return safe.endsWith('\n') ? safe : `${safe}\n`;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(line(text)),
  err: (text) => process.stderr.write(line(text)),
};

/** Collects output, for tests and for callers that post-process it. */
export function bufferIo(): Io & { readonly stdout: () => string; readonly stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (text) => out.push(line(text)),
    err: (text) => err.push(line(text)),
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
