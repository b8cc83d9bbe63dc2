import { afterEach, describe, expect, it, vi } from 'vitest';
import { bufferIo, processIo } from '../../cli/io.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('processIo', () => {
  it('writes each text as one line to stdout or stderr', () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    processIo.out('planned');
    processIo.out('done\n');
    processIo.err('error: no');
    expect(out.mock.calls.map((c) => c[0])).toEqual(['planned\n', 'done\n']);
    expect(err.mock.calls.map((c) => c[0])).toEqual(['error: no\n']);
  });
});

describe('bufferIo', () => {
  it('collects the same lines', () => {
    const io = bufferIo();
    io.out('a');
    io.out('b\n');
    io.err('c');
    expect([io.stdout(), io.stderr()]).toEqual(['a\nb\n', 'c\n']);
  });
});
