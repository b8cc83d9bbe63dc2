import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { InputError } from '../../shared/domain/errors.js';
import { isEntryPoint, runMain } from '../../scripts/lib/cli.js';

describe('runMain', () => {
  it('returns the exit code of the work', async () => {
    const io = bufferIo();
    expect(await runMain(io, () => Promise.resolve(3))).toBe(3);
    expect(io.stderr()).toBe('');
  });

  it('turns a problem the user can fix into its message on stderr and exit code 1', async () => {
    const io = bufferIo();
    const code = await runMain(io, () =>
      Promise.reject(new InputError('--stage', ['expected letters'])),
    );
    expect(code).toBe(1);
    expect(io.stderr()).toBe('--stage: expected letters\n');
  });

  it('lets a bug through, stack and all', async () => {
    const bug = new TypeError('undefined is not a function');
    await expect(runMain(bufferIo(), () => Promise.reject(bug))).rejects.toBe(bug);
  });
});

describe('isEntryPoint', () => {
  const url = pathToFileURL('/work/project/scripts/build.ts').href;

  it('is true for the script Node was started with, relative or absolute', () => {
    expect(isEntryPoint(url, '/work/project/scripts/build.ts')).toBe(true);
    expect(
      isEntryPoint(pathToFileURL(`${process.cwd()}/scripts/build.ts`).href, 'scripts/build.ts'),
    ).toBe(true);
  });

  it('is false for a module something else imported, or without a script', () => {
    expect(isEntryPoint(url, '/work/project/node_modules/vitest/vitest.mjs')).toBe(false);
    expect(isEntryPoint(url, undefined)).toBe(false);
  });
});
