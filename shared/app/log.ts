import type { Logger, LogLevel } from './ports.js';

/**
 * Structured logs: one JSON object per line, so CloudWatch Logs Insights can
 * query them. Injected, so tests capture lines instead of printing them.
 */
/** Writes JSON lines to stdout (Lambda sends them to CloudWatch Logs). */
export function jsonLogger(
  write: (line: string) => void = (line) => {
    console.log(line);
  },
  base: Readonly<Record<string, unknown>> = {},
): Logger {
  return {
    log: (level, message, fields = {}) => {
      write(JSON.stringify({ level, message, ...base, ...fields }));
    },
  };
}

/** Collects entries; for tests and for callers that summarise afterwards. */
export function memoryLogger(): Logger & {
  readonly entries: { level: LogLevel; message: string; fields: Record<string, unknown> }[];
} {
  const entries: { level: LogLevel; message: string; fields: Record<string, unknown> }[] = [];
  return {
    entries,
    log: (level, message, fields = {}) => {
      entries.push({ level, message, fields: { ...fields } });
    },
  };
}

export const silentLogger: Logger = { log: () => undefined };
