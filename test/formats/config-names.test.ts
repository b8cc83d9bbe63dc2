import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../shared/domain/errors.js';
import { configProblems, loadConfig } from '../../shared/formats/config/load.js';
import { parseConfig } from '../../shared/formats/config/parse.js';

type Fields = Record<string, unknown>;

const service = (name: string, recordName: string, regions: Fields): Fields => ({
  name,
  recordName,
  members: { tags: { 'rebalancer:service': name } },
  regions,
});

const api = (regions: Fields = { 'us-east-2': { mode: 'grouped' } }): Fields =>
  service('api', 'api.example.com', regions);

const config = (services: Fields[], fields: Fields = {}): Fields => ({
  hostedZoneId: 'Z0EXAMPLE12345',
  ownerId: 'api-prod',
  ...fields,
  services,
});

const weighted = { mode: 'weighted' };

describe("configProblems keeps each regional name's record tree to itself", () => {
  it.each<[rule: string, input: Fields, problems: string[]]>([
    [
      "a recordName is not a group name below another service's regional name",
      config([
        api(),
        service('web', 'endpoint-a.us-east-2.api.example.com', { 'us-west-2': weighted }),
      ]),
      [
        'services[1].recordName: endpoint-a.us-east-2.api.example.com is a group name the rebalancer writes below the regional name us-east-2.api.example.com (services[0].regions.us-east-2)',
      ],
    ],
    [
      "a regional name is not a shard name below another service's regional name",
      config([
        api(),
        service('web', 'web.example.com', {
          'us-west-2': { mode: 'weighted', name: 'SHARD-B.us-east-2.api.example.com' },
        }),
      ]),
      [
        'services[1].regions.us-west-2.name: shard-b.us-east-2.api.example.com is a shard name the rebalancer writes below the regional name us-east-2.api.example.com (services[0].regions.us-east-2)',
      ],
    ],
    [
      "a regional name is not a group name of another region's regional name",
      config([
        api({
          'us-east-2': { mode: 'grouped', name: 'east.example.com' },
          'us-east-1': { mode: 'weighted', name: 'endpoint-c.east.example.com' },
        }),
      ]),
      [
        'services[0].regions.us-east-1.name: endpoint-c.east.example.com is a group name the rebalancer writes below the regional name east.example.com (services[0].regions.us-east-2.name)',
      ],
    ],
    [
      'no name lies anywhere below a regional name',
      config([api(), service('web', 'web.us-east-2.api.example.com', { 'us-west-2': weighted })]),
      [
        'services[1].recordName: web.us-east-2.api.example.com lies below the regional name us-east-2.api.example.com (services[0].regions.us-east-2), whose record tree the rebalancer reads and writes as a whole',
      ],
    ],
    [
      "a recordName does not lie below its own service's regional name",
      config([
        service('api', 'api.example.com', {
          'us-east-2': { mode: 'weighted', name: 'example.com' },
        }),
      ]),
      [
        'services[0].recordName: api.example.com lies below the regional name example.com (services[0].regions.us-east-2.name), whose record tree the rebalancer reads and writes as a whole',
      ],
    ],
    [
      'a default name below a regional name is reported once, through its recordName',
      config([
        api({ 'us-east-2': { mode: 'weighted', name: 'example.com' } }),
        service('web', 'web.example.com', { 'us-west-2': weighted }),
      ]),
      [
        'services[0].recordName: api.example.com lies below the regional name example.com (services[0].regions.us-east-2.name), whose record tree the rebalancer reads and writes as a whole',
        'services[1].recordName: web.example.com lies below the regional name example.com (services[0].regions.us-east-2.name), whose record tree the rebalancer reads and writes as a whole',
      ],
    ],
    [
      "a recordName may lie below another service's recordName",
      config([api(), service('v2', 'v2.api.example.com', { 'us-west-2': weighted })]),
      [],
    ],
    [
      'a name that only looks like a group name is still inside the tree',
      config([
        api(),
        service('web', 'endpoint-0.us-east-2.api.example.com', { 'us-west-2': weighted }),
      ]),
      [
        'services[1].recordName: endpoint-0.us-east-2.api.example.com lies below the regional name us-east-2.api.example.com (services[0].regions.us-east-2), whose record tree the rebalancer reads and writes as a whole',
      ],
    ],
  ])('checks that %s', (_rule, input, problems) => {
    expect(configProblems(input)).toEqual(problems);
  });
});

describe('configProblems with zoneName keeps every name in the hosted zone', () => {
  it.each<[rule: string, input: Fields, problems: string[]]>([
    [
      'every name lies at or below the zone',
      config(
        [
          service('api', 'api.example.org', {
            'us-east-2': weighted,
            'us-west-2': { mode: 'weighted', name: 'west.example.com' },
          }),
        ],
        { zoneName: 'example.com' },
      ),
      [
        'services[0].recordName: api.example.org is outside the hosted zone example.com (zoneName)',
        'services[0].regions.us-east-2: default name us-east-2.api.example.org is outside the hosted zone example.com (zoneName)',
      ],
    ],
    [
      'a name that merely ends like the zone is outside it',
      config([service('api', 'api.badexample.com', { 'us-east-2': weighted })], {
        zoneName: 'example.com.',
      }),
      [
        'services[0].recordName: api.badexample.com is outside the hosted zone example.com (zoneName)',
        'services[0].regions.us-east-2: default name us-east-2.api.badexample.com is outside the hosted zone example.com (zoneName)',
      ],
    ],
    [
      'a regional name is not the zone apex',
      config([api({ 'us-east-2': { mode: 'weighted', name: 'Example.COM' } })], {
        zoneName: 'example.com',
      }),
      [
        'services[0].recordName: api.example.com lies below the regional name example.com (services[0].regions.us-east-2.name), whose record tree the rebalancer reads and writes as a whole',
        'services[0].regions.us-east-2.name: example.com is the zone apex; a regional name must lie below it, or the rebalancer would read the whole zone and write groups at its apex',
      ],
    ],
    [
      'a recordName may be the zone apex',
      config([service('api', 'example.com', { 'us-east-2': weighted })], {
        zoneName: 'example.com',
      }),
      [],
    ],
    [
      'zoneName is a DNS name',
      config([api()], { zoneName: 'example .com' }),
      [
        'zoneName: expected a DNS name (labels of 1-63 letters, digits, -, _ or *; at most 255 characters)',
      ],
    ],
  ])('checks that %s', (_rule, input, problems) => {
    expect(configProblems(input)).toEqual(problems);
  });

  it('carries zoneName, normalised, into the spec, and leaves it out when absent', () => {
    const withZone = parseConfig(JSON.stringify(config([api()], { zoneName: 'Example.com' })), 'c');
    expect(withZone.zoneName).toBe('example.com.');
    const without = parseConfig(JSON.stringify(config([api()])), 'c');
    expect('zoneName' in without).toBe(false);
  });
});

describe('configProblems refuses regions Route 53 has no latency records for', () => {
  it.each<[rule: string, regions: Fields, problems: string[]]>([
    [
      'a region-shaped name that is not a region, with the closest ones',
      { 'us-east-7': weighted },
      [
        'services[0].regions.us-east-7: Route 53 has no latency records for region us-east-7 (did you mean us-east-1 or us-east-2?)',
      ],
    ],
    [
      'a name far from any region, with the whole list',
      { 'xx-north-9': weighted },
      [
        'services[0].regions.xx-north-9: Route 53 has no latency records for region xx-north-9 (expected one of af-south-1, ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-6, ap-southeast-7, ca-central-1, ca-west-1, cn-north-1, cn-northwest-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, eusc-de-east-1, il-central-1, me-central-1, me-south-1, mx-central-1, sa-east-1, us-east-1, us-east-2, us-gov-east-1, us-gov-west-1, us-west-1, us-west-2)',
      ],
    ],
    [
      'every listed region',
      { 'us-east-1': weighted, 'ap-southeast-7': weighted, 'mx-central-1': weighted },
      [],
    ],
    [
      'a key that is no region name at all, once',
      { 'us-east': weighted },
      ['services[0].regions.us-east: expected an AWS region name like us-east-2'],
    ],
  ])('checks %s', (_rule, regions, problems) => {
    expect(configProblems(config([api(regions)]))).toEqual(problems);
  });
});

describe('loadConfig reads a JSON file with care', () => {
  const minimal = readFileSync(
    fileURLToPath(new URL('../fixtures/config/minimal.json', import.meta.url)),
    'utf8',
  );
  const saved = (text: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'rebalancer-config-')), 'config.json');
    writeFileSync(path, text);
    return path;
  };

  it('accepts a file saved with a byte-order mark', async () => {
    const spec = await loadConfig(saved(`\uFEFF${minimal}`));
    expect(spec.ownerId).toBe('api-prod');
  });

  it('refuses a key given twice, which JSON.parse would silently resolve, with its path', async () => {
    const path = saved(minimal.replace('"name": "api",', '"name": "api", "name": "web",'));
    await expect(loadConfig(path)).rejects.toThrow(
      new ConfigError(path, ['services[0].name: duplicate key at line 6, column 22']),
    );
  });

  it('refuses nesting deeper than 64 levels in one line', async () => {
    const path = saved(`{"safety": ${'['.repeat(100_000)}`);
    await expect(loadConfig(path)).rejects.toThrow(
      new ConfigError(path, ['nested deeper than 64 levels at line 1, column 75']),
    );
  });
});
