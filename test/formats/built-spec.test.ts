import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../shared/domain/errors.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import {
  BUILT_SPEC_FORMAT,
  builtSpecFrom,
  builtSpecText,
} from '../../shared/formats/built-spec.js';
import { loadConfig } from '../../shared/formats/config/load.js';
import { loadSpec } from '../../shared/runtime/env.js';

const CONFIGS = [
  'rebalancer.yml',
  ...readdirSync('examples').map((example) => `examples/${example}/config.yaml`),
];

/** Where a spec holds something JSON would not give back as it was (a Map, a Date, NaN...). */
function notPlainData(value: unknown, path: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => notPlainData(v, `${path}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.entries(value).flatMap(([k, v]) => notPlainData(v, `${path}.${k}`));
  return [`${path}: ${Object.prototype.toString.call(value)}`];
}

const dir = mkdtempSync(join(tmpdir(), 'rebalancer-built-spec-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the built spec', () => {
  it.each(CONFIGS)(
    '%s: plain data, given back by the functions as the build resolved it',
    async (path) => {
      const spec = await loadConfig(path);
      expect(notPlainData(spec, 'spec')).toEqual([]);
      const text = builtSpecText(spec, 'config.yaml');
      expect(builtSpecFrom(text)).toEqual(spec);
      const file = join(dir, 'rebalancer.json');
      writeFileSync(file, text);
      await expect(loadSpec(file)).resolves.toEqual(spec);
    },
  );

  it('says what it is and where it came from', () => {
    const spec = { hostedZoneId: 'Z1', ownerId: 'o', services: [] } as unknown as RebalancerSpec;
    expect(JSON.parse(builtSpecText(spec, 'prod.yml'))).toEqual({
      format: BUILT_SPEC_FORMAT,
      source: 'prod.yml',
      spec,
    });
  });

  it.each([
    ['a configuration file', '{"hostedZoneId": "Z1", "ownerId": "o", "services": []}'],
    [
      'a repeated key',
      `{"format": "${BUILT_SPEC_FORMAT}", "format": "x", "spec": {"hostedZoneId": "Z1", "services": []}}`,
    ],
    ['not JSON', `{"format": `],
    ['a list', '[]'],
  ])('is not taken from %s', (_, text) => {
    expect(builtSpecFrom(text)).toBeUndefined();
  });
});

describe('a built spec cut short', () => {
  it.each([
    ['no spec', `{"format": "${BUILT_SPEC_FORMAT}"}`],
    [
      'a spec without services',
      `{"format": "${BUILT_SPEC_FORMAT}", "spec": {"hostedZoneId": "Z1"}}`,
    ],
    ['a spec without its zone', `{"format": "${BUILT_SPEC_FORMAT}", "spec": {"services": []}}`],
  ])('is refused with one message naming the file: %s', (_, text) => {
    expect(() => builtSpecFrom(text, 'dist/intake/rebalancer.json')).toThrow(
      new ConfigError('dist/intake/rebalancer.json', [
        'spec: not a whole spec (no hostedZoneId or no services list): build and deploy again',
      ]),
    );
  });
});

describe('a built spec of another format', () => {
  const text = `{"format": "route53-rebalancer spec 0", "spec": {"hostedZoneId": "Z1", "services": []}}`;

  it('is refused with one message naming the file, not read as a configuration', async () => {
    expect(() => builtSpecFrom(text, 'dist/reconcile/rebalancer.json')).toThrow(
      new ConfigError('dist/reconcile/rebalancer.json', [
        `written by another version's build (format "route53-rebalancer spec 0"; this one reads "${BUILT_SPEC_FORMAT}"): build and deploy again`,
      ]),
    );
    const file = join(dir, 'old.json');
    writeFileSync(file, text);
    await expect(loadSpec(file)).rejects.toThrow(file);
    await expect(loadSpec(file)).rejects.toThrow("written by another version's build");
  });
});

describe('loadSpec: anything but a built spec goes through the full loader', () => {
  it('validates a YAML configuration', async () => {
    await expect(loadSpec('examples/grouped/config.yaml')).resolves.toEqual(
      await loadConfig('examples/grouped/config.yaml'),
    );
  });

  it('validates a JSON configuration and reports its problems with the path', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"hostedZoneId": "Z1", "ownerId": "o", "services": "none"}');
    await expect(loadSpec(file)).rejects.toThrow(ConfigError);
    await expect(loadSpec(file)).rejects.toThrow(file);
  });

  it('reports a file that cannot be read, naming it', async () => {
    const file = join(dir, 'missing.json');
    await expect(loadSpec(file)).rejects.toThrow(ConfigError);
    await expect(loadSpec(file)).rejects.toThrow(file);
  });
});
