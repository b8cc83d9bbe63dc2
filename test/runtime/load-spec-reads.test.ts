import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../shared/domain/errors.js';
import { loadConfig } from '../../shared/formats/config/load.js';
import { loadSpec } from '../../shared/runtime/env.js';

// Every read of a file by path, counted: the loader must not read the configuration twice.
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof fs>();
  return { ...original, readFile: vi.fn(original.readFile) };
});

const dir = mkdtempSync(join(tmpdir(), 'rebalancer-load-spec-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const readsOf = (path: string) =>
  vi.mocked(fs.readFile).mock.calls.filter(([file]) => file === path).length;

describe('loadSpec reads the file once', () => {
  beforeEach(() => {
    vi.mocked(fs.readFile).mockClear();
  });

  it.each(['examples/grouped/config.yaml', 'rebalancer.yml'])(
    'a YAML configuration, %s, validated from the text it read',
    async (path) => {
      const expected = await loadConfig(path);
      vi.mocked(fs.readFile).mockClear();
      await expect(loadSpec(path)).resolves.toEqual(expected);
      expect(readsOf(path)).toBe(1);
    },
  );

  it('a JSON configuration with problems: reported with its path, read once', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"hostedZoneId": "Z1", "ownerId": "o", "services": "none"}');
    await expect(loadSpec(file)).rejects.toThrow(file);
    expect(readsOf(file)).toBe(1);
  });

  it("a file that cannot be read is still the loader's to report, naming it", async () => {
    const file = join(dir, 'missing.yml');
    await expect(loadSpec(file)).rejects.toThrow(ConfigError);
    await expect(loadSpec(file)).rejects.toThrow(file);
  });
});
