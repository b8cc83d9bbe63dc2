import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonLogger, memoryLogger, silentLogger } from '../../shared/app/log.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('jsonLogger', () => {
  it('writes one JSON object per line, base fields first, then the entry fields', () => {
    const lines: string[] = [];
    const log = jsonLogger((line) => lines.push(line), { service: 'api' });
    log.log('info', 'planned', { region: 'us-east-2' });
    log.log('warn', 'no fields');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { level: 'info', message: 'planned', service: 'api', region: 'us-east-2' },
      { level: 'warn', message: 'no fields', service: 'api' },
    ]);
  });

  it('writes to stdout by default', () => {
    const print = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    jsonLogger().log('error', 'boom');
    expect(print).toHaveBeenCalledWith('{"level":"error","message":"boom"}');
  });
});

describe('memoryLogger', () => {
  it('keeps each entry, with a copy of its fields', () => {
    const log = memoryLogger();
    const fields = { n: 1 };
    log.log('info', 'one', fields);
    log.log('debug', 'two');
    fields.n = 2;
    expect(log.entries).toEqual([
      { level: 'info', message: 'one', fields: { n: 1 } },
      { level: 'debug', message: 'two', fields: {} },
    ]);
  });
});

describe('silentLogger', () => {
  it('takes every entry and writes nothing', () => {
    const print = vi.spyOn(console, 'log');
    silentLogger.log('info', 'ignored');
    expect(print).not.toHaveBeenCalled();
  });
});
