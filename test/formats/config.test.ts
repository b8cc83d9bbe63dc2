import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configProblems, loadConfig } from '../../shared/formats/config/load.js';
import { parseConfig } from '../../shared/formats/config/parse.js';
import type { RebalancerSpec, ServiceSpec } from '../../shared/domain/spec.js';
import { ConfigError } from '../../shared/domain/errors.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/config/${name}`, import.meta.url));

type Fields = Record<string, unknown>;

const service = (fields: Fields = {}): Fields => ({
  name: 'api',
  recordName: 'api.example.com',
  members: { tags: { 'rebalancer:service': 'api' } },
  regions: { 'us-east-2': { mode: 'weighted' } },
  ...fields,
});

const config = (fields: Fields = {}, services: unknown = [service()]): Fields => ({
  hostedZoneId: 'Z0EXAMPLE12345',
  ownerId: 'api-prod',
  services,
  ...fields,
});

const without = (fields: Fields, key: string): Fields =>
  Object.fromEntries(Object.entries(fields).filter(([k]) => k !== key));

const region = (fields: Fields): Fields => service({ regions: { 'us-east-2': fields } });

const DNS =
  'expected a DNS name (labels of 1-63 letters, digits, -, _ or *; at most 255 characters)';

/** The spec of minimal.yaml: one service, every default. */
const minimalService: ServiceSpec = {
  name: 'api',
  recordName: 'api.example.com.',
  type: 'A',
  ttl: 60,
  memberTags: { 'rebalancer:service': 'api' },
  memberAutoScalingGroups: undefined,
  address: 'public',
  capacity: { source: 'vcpu', overrideTag: undefined, maxOverrideRatio: 4 },
  health: {
    statusChecks: true,
    alarmNamePrefix: undefined,
    drainTag: undefined,
    readiness: { graceSeconds: 0, statusOk: true, tag: undefined },
  },
  safety: { maxCapacityRemovedShare: undefined },
  regions: [
    {
      region: 'us-east-2',
      mode: 'weighted',
      name: 'us-east-2.api.example.com.',
      groupSize: 4,
      collapseSingleInstance: false,
    },
  ],
};

const minimalSpec: RebalancerSpec = {
  hostedZoneId: 'Z0EXAMPLE12345',
  ownerId: 'api-prod',
  services: [minimalService],
};

describe('loadConfig', () => {
  it('turns the DESIGN example into a complete, normalised spec', async () => {
    await expect(loadConfig(fixture('design.yaml'))).resolves.toStrictEqual({
      hostedZoneId: 'Z0EXAMPLE12345',
      ownerId: 'api-prod',
      services: [
        {
          name: 'api',
          recordName: 'api.example.com.',
          type: 'A',
          ttl: 60,
          memberTags: { 'rebalancer:service': 'api' },
          memberAutoScalingGroups: undefined,
          address: 'public',
          capacity: { source: 'vcpu', overrideTag: 'rebalancer:capacity', maxOverrideRatio: 4 },
          health: {
            statusChecks: true,
            alarmNamePrefix: 'api-',
            drainTag: 'rebalancer:drain',
            readiness: { graceSeconds: 0, statusOk: true, tag: undefined },
          },
          safety: { maxCapacityRemovedShare: undefined },
          regions: [
            {
              region: 'us-east-2',
              mode: 'weighted',
              name: 'us-east.example.com.',
              groupSize: 4,
              collapseSingleInstance: false,
            },
            {
              region: 'eu-west-1',
              mode: 'grouped',
              name: 'eu-west-1.api.example.com.',
              groupSize: 4,
              collapseSingleInstance: false,
            },
          ],
        },
      ],
    } satisfies RebalancerSpec);
  });

  it('reads every key, overriding each default', async () => {
    await expect(loadConfig(fixture('full.yaml'))).resolves.toStrictEqual({
      hostedZoneId: 'Z0EXAMPLE12345',
      ownerId: 'api-prod',
      services: [
        {
          name: 'api',
          recordName: 'api.example.com.',
          type: 'A',
          ttl: 30,
          memberTags: { 'rebalancer:service': 'api', env: 'prod' },
          memberAutoScalingGroups: ['api-prod-a', 'api-prod-b'],
          address: 'private',
          capacity: { source: 'memory', overrideTag: 'rebalancer:capacity', maxOverrideRatio: 2.5 },
          health: {
            statusChecks: false,
            alarmNamePrefix: 'api-',
            drainTag: 'rebalancer:drain',
            readiness: { graceSeconds: 0, statusOk: false, tag: undefined },
          },
          safety: { maxCapacityRemovedShare: 0.3 },
          regions: [
            {
              region: 'us-east-2',
              mode: 'weighted',
              name: 'us-east.example.com.',
              groupSize: 4,
              collapseSingleInstance: false,
            },
            {
              region: 'eu-west-1',
              mode: 'grouped',
              name: 'eu-west-1.api.example.com.',
              groupSize: 3,
              collapseSingleInstance: true,
            },
          ],
        },
        {
          name: 'api-v6',
          recordName: 'api6.example.com.',
          type: 'AAAA',
          ttl: 60,
          memberTags: { 'rebalancer:service': 'api' },
          memberAutoScalingGroups: undefined,
          address: 'ipv6',
          capacity: { source: 'vcpu', overrideTag: undefined, maxOverrideRatio: 4 },
          health: {
            statusChecks: true,
            alarmNamePrefix: undefined,
            drainTag: undefined,
            readiness: { graceSeconds: 0, statusOk: true, tag: undefined },
          },
          safety: { maxCapacityRemovedShare: 0.5 },
          regions: [
            {
              region: 'ap-southeast-2',
              mode: 'grouped',
              name: 'ap-southeast-2.api6.example.com.',
              groupSize: 4,
              collapseSingleInstance: false,
            },
          ],
        },
      ],
    } satisfies RebalancerSpec);
  });

  it('fills every default for a minimal file', async () => {
    await expect(loadConfig(fixture('minimal.yaml'))).resolves.toStrictEqual(minimalSpec);
  });

  it('reads JSON as well as YAML', async () => {
    await expect(loadConfig(fixture('minimal.json'))).resolves.toStrictEqual(minimalSpec);
  });

  it('reports five different problems in one error', async () => {
    const path = fixture('five-problems.yaml');
    await expect(loadConfig(path)).rejects.toThrow(
      new ConfigError(path, [
        'ownerId: expected 1-63 letters, digits, ., _ or -, starting with a letter or digit (no /)',
        'services[0].regions.eu-west-1.groupSize: expected an integer from 2 to 8',
        'services[0].tll: unknown key (did you mean ttl?)',
        'services[0].regions.us-east-2.groupSize: only allowed with mode grouped',
        'services[1].name: duplicate service name api (also services[0].name)',
      ]),
    );
    await expect(loadConfig(path)).rejects.toThrow(`${path}: 5 problems\n  - ownerId: expected`);
  });

  it('says so when the path is a directory', async () => {
    const path = fixture('');
    await expect(loadConfig(path)).rejects.toThrow(
      new ConfigError(path, ['is a directory, not a file']),
    );
  });

  it('names the path of a file that does not exist', async () => {
    const path = fixture('no-such-file.yaml');
    await expect(loadConfig(path)).rejects.toThrow(new ConfigError(path, ['file not found']));
    await expect(loadConfig(path)).rejects.toThrow(`${path}: file not found`);
  });
});

describe('parseConfig', () => {
  it('reports a YAML syntax error with line:col and the reason, on one line', () => {
    const text =
      'ownerId: api-prod\nservices:\n  - name: api\n    recordName: [api.example.com\n    ttl: 60\n';
    const error = catchError(() => parseConfig(text, 'broken.yaml'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'broken.yaml: invalid YAML at 5:5: Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
    expect(error.message).not.toContain('\n');
  });

  it('refuses duplicate keys, which YAML would otherwise silently merge', () => {
    const text = 'hostedZoneId: Z0EXAMPLE12345\nhostedZoneId: Z0OTHER\n';
    expect(() => parseConfig(text, 'dup.yaml')).toThrow(
      'dup.yaml: invalid YAML at 2:1: Map keys must be unique',
    );
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const ten = (item: string): string => `[${Array<string>(10).fill(item).join(', ')}]`;
    const text = [
      `a: &a ${ten('x')}`,
      `b: &b ${ten('*a')}`,
      `c: &c ${ten('*b')}`,
      `d: &d ${ten('*c')}`,
      `e: ${ten('*d')}`,
    ].join('\n');
    expect(() => parseConfig(text, 'bomb.yaml')).toThrow(
      /^bomb\.yaml: invalid YAML: Excessive alias count/,
    );
  });

  it('lets services share settings through YAML anchors and merge keys', () => {
    const text = `
hostedZoneId: Z0EXAMPLE12345
ownerId: api-prod
services:
  - &api
    name: api
    recordName: api.example.com
    members:
      tags: { 'rebalancer:service': api }
    regions:
      us-east-2: { mode: weighted }
  - <<: *api
    name: web
    recordName: web.example.com
`;
    expect(parseConfig(text, 'merge.yaml').services.map((s) => s.regions[0]?.name)).toEqual([
      'us-east-2.api.example.com.',
      'us-east-2.web.example.com.',
    ]);
  });

  it('refuses an empty file', () => {
    expect(() => parseConfig('# nothing yet\n', 'empty.yaml')).toThrow(
      new ConfigError('empty.yaml', ['the file is empty']),
    );
  });

  it('treats a key without a value as absent', () => {
    const text = `
hostedZoneId: Z0EXAMPLE12345
ownerId: api-prod
safety:
services:
  - name: api
    recordName: api.example.com
    ttl:
    members:
      tags: { 'rebalancer:service': api }
    capacity:
    health:
    regions:
      us-east-2:
        mode: weighted
        name:
`;
    expect(parseConfig(text, 'nulls.yaml')).toStrictEqual(minimalSpec);
  });

  it('accepts a zone id as the API prints it, /hostedzone/ prefix included', () => {
    const spec = parseConfig(JSON.stringify(config({ hostedZoneId: '/hostedzone/Z0EX1' })), 'c');
    expect(spec.hostedZoneId).toBe('Z0EX1');
  });

  it('normalises names: case, trailing dot and octal escapes', () => {
    const text = JSON.stringify(
      config({}, [
        service({
          recordName: 'API.Example.COM.',
          regions: { 'us-east-2': { mode: 'weighted', name: '\\052.East.example.com' } },
        }),
      ]),
    );
    const [api] = parseConfig(text, 'c').services;
    expect(api?.recordName).toBe('api.example.com.');
    expect(api?.regions[0]?.name).toBe('*.east.example.com.');
  });

  it('defaults the address of an AAAA service to ipv6', () => {
    const [api] = parseConfig(
      JSON.stringify(config({}, [service({ type: 'AAAA' })])),
      'c',
    ).services;
    expect(api?.address).toBe('ipv6');
  });

  it('lets a region override its service default for collapseSingleInstance', () => {
    const regions = {
      'us-east-2': { mode: 'weighted' },
      'eu-west-1': { mode: 'grouped', collapseSingleInstance: false },
    };
    const text = JSON.stringify(config({}, [service({ collapseSingleInstance: true, regions })]));
    const [api] = parseConfig(text, 'c').services;
    expect(api?.regions.map((r) => [r.region, r.collapseSingleInstance])).toEqual([
      ['us-east-2', true],
      ['eu-west-1', false],
    ]);
  });

  it('applies the top-level safety limit to services that set none', () => {
    const text = JSON.stringify(
      config({ safety: { maxCapacityRemovedPercent: 25 } }, [
        service(),
        service({
          name: 'web',
          recordName: 'web.example.com',
          safety: { maxCapacityRemovedPercent: 100 },
        }),
      ]),
    );
    const shares = parseConfig(text, 'c').services.map((s) => s.safety.maxCapacityRemovedShare);
    expect(shares).toEqual([0.25, 1]);
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected an error');
}

const longName = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example.com`;

const rules: [rule: string, input: unknown, problems: string[]][] = [
  ['a configuration is a mapping', ['api'], ['expected a mapping']],
  ['hostedZoneId is required', without(config(), 'hostedZoneId'), ['hostedZoneId: required']],
  [
    'hostedZoneId looks like a zone id',
    config({ hostedZoneId: 'example.com' }),
    ['hostedZoneId: expected a hosted zone id like Z0EXAMPLE12345'],
  ],
  ['ownerId is required', without(config(), 'ownerId'), ['ownerId: required']],
  [
    'ownerId holds no slash, as it prefixes SetIdentifiers',
    config({ ownerId: 'api/prod' }),
    ['ownerId: expected 1-63 letters, digits, ., _ or -, starting with a letter or digit (no /)'],
  ],
  [
    'safety limits are above 0',
    config({ safety: { maxCapacityRemovedPercent: 0 } }),
    ['safety.maxCapacityRemovedPercent: expected a number greater than 0 and at most 100'],
  ],
  [
    'safety limits are at most 100',
    config({}, [service({ safety: { maxCapacityRemovedPercent: 150 } })]),
    [
      'services[0].safety.maxCapacityRemovedPercent: expected a number greater than 0 and at most 100',
    ],
  ],
  ['services are required', without(config(), 'services'), ['services: required']],
  [
    'services are a list',
    config({}, { api: service() }),
    ['services: expected a list of services'],
  ],
  ['at least one service is required', config({}, []), ['services: expected at least one service']],
  ['a service is a mapping', config({}, ['api']), ['services[0]: expected a mapping']],
  [
    'a service has a name',
    config({}, [without(service(), 'name')]),
    ['services[0].name: required'],
  ],
  [
    'a service name is lower case',
    config({}, [service({ name: 'API' })]),
    [
      'services[0].name: expected 1-63 lower-case letters, digits or -, starting with a letter or digit',
    ],
  ],
  [
    'service names are unique',
    config({}, [service(), service({ recordName: 'web.example.com' })]),
    ['services[1].name: duplicate service name api (also services[0].name)'],
  ],
  [
    'a service has a recordName',
    config({}, [without(service(), 'recordName')]),
    ['services[0].recordName: required'],
  ],
  [
    'a recordName has no spaces',
    config({}, [service({ recordName: 'api .example.com' })]),
    [`services[0].recordName: ${DNS}`],
  ],
  [
    'a label is at most 63 characters',
    config({}, [service({ recordName: `${'a'.repeat(64)}.example.com` })]),
    [`services[0].recordName: ${DNS}`],
  ],
  [
    'a name is at most 255 characters',
    config({}, [service({ recordName: longName })]),
    [`services[0].recordName: ${DNS}`],
  ],
  [
    'type is A or AAAA',
    config({}, [service({ type: 'CNAME' })]),
    ['services[0].type: expected A | AAAA'],
  ],
  [
    'ttl is not negative',
    config({}, [service({ ttl: -1 })]),
    ['services[0].ttl: expected an integer from 0 to 2147483647'],
  ],
  [
    'ttl is whole',
    config({}, [service({ ttl: 1.5 })]),
    ['services[0].ttl: expected an integer from 0 to 2147483647'],
  ],
  [
    'ttl fits in 32 bits',
    config({}, [service({ ttl: 2147483648 })]),
    ['services[0].ttl: expected an integer from 0 to 2147483647'],
  ],
  [
    'ttl is a number, not a string',
    config({}, [service({ ttl: '60' })]),
    ['services[0].ttl: expected an integer from 0 to 2147483647'],
  ],
  [
    'members are required',
    config({}, [without(service(), 'members')]),
    ['services[0].members: required'],
  ],
  [
    'members select by tags',
    config({}, [service({ members: {} })]),
    ['services[0].members.tags: required'],
  ],
  [
    'members need at least one tag',
    config({}, [service({ members: { tags: {} } })]),
    ['services[0].members.tags: expected at least one tag'],
  ],
  [
    'tag values are strings',
    config({}, [service({ members: { tags: { tier: 1 } } })]),
    ['services[0].members.tags.tier: expected a string'],
  ],
  [
    'autoScalingGroups is a list',
    config({}, [service({ members: { tags: { a: 'b' }, autoScalingGroups: 'api-asg' } })]),
    [
      'services[0].members.autoScalingGroups: expected a list of 1-100 distinct Auto Scaling group names (1-255 characters each)',
    ],
  ],
  [
    'autoScalingGroups is not empty',
    config({}, [service({ members: { tags: { a: 'b' }, autoScalingGroups: [] } })]),
    [
      'services[0].members.autoScalingGroups: expected a list of 1-100 distinct Auto Scaling group names (1-255 characters each)',
    ],
  ],
  [
    'autoScalingGroups names are distinct',
    config({}, [service({ members: { tags: { a: 'b' }, autoScalingGroups: ['x', 'x'] } })]),
    [
      'services[0].members.autoScalingGroups: expected a list of 1-100 distinct Auto Scaling group names (1-255 characters each)',
    ],
  ],
  [
    'an Auto Scaling group name is 1-255 characters',
    config({}, [service({ members: { tags: { a: 'b' }, autoScalingGroups: ['x'.repeat(256)] } })]),
    [
      'services[0].members.autoScalingGroups[0]: expected a list of 1-100 distinct Auto Scaling group names (1-255 characters each)',
    ],
  ],
  [
    'address is a known kind',
    config({}, [service({ address: 'elastic' })]),
    ['services[0].address: expected public | private | ipv6'],
  ],
  [
    'an A service does not use ipv6 addresses',
    config({}, [service({ address: 'ipv6' })]),
    ['services[0].address: ipv6 needs type AAAA'],
  ],
  [
    'an AAAA service uses ipv6 addresses',
    config({}, [service({ type: 'AAAA', address: 'public' })]),
    ['services[0].address: type AAAA needs address ipv6'],
  ],
  [
    'capacity comes from a known source',
    config({}, [service({ capacity: { source: 'cpu' } })]),
    ['services[0].capacity.source: expected vcpu | memory | equal'],
  ],
  [
    'an override tag is not empty',
    config({}, [service({ capacity: { overrideTag: '' } })]),
    ['services[0].capacity.overrideTag: expected a non-empty string'],
  ],
  ...[0.5, 0, -1, 1001, 'x', Number.POSITIVE_INFINITY].map((ratio): [string, Fields, string[]] => [
    `maxOverrideRatio ${String(ratio)} is refused`,
    config({}, [service({ capacity: { maxOverrideRatio: ratio } })]),
    ['services[0].capacity.maxOverrideRatio: expected a number from 1 to 1000'],
  ]),
  [
    'statusChecks is a boolean',
    config({}, [service({ health: { statusChecks: 'yes' } })]),
    ['services[0].health.statusChecks: expected true or false'],
  ],
  [
    'collapseSingleInstance is a boolean',
    config({}, [service({ collapseSingleInstance: 1 })]),
    ['services[0].collapseSingleInstance: expected true or false'],
  ],
  [
    'regions are required',
    config({}, [without(service(), 'regions')]),
    ['services[0].regions: required'],
  ],
  [
    'at least one region is required',
    config({}, [service({ regions: {} })]),
    ['services[0].regions: expected at least one region'],
  ],
  [
    'a region key is an AWS region',
    config({}, [service({ regions: { 'us-east': { mode: 'weighted' } } })]),
    ['services[0].regions.us-east: expected an AWS region name like us-east-2'],
  ],
  [
    'a region has a mode',
    config({}, [region({})]),
    ['services[0].regions.us-east-2.mode: required'],
  ],
  [
    'a mode is weighted or grouped',
    config({}, [region({ mode: 'latency' })]),
    ['services[0].regions.us-east-2.mode: expected weighted | grouped'],
  ],
  [
    'a regional name is a DNS name',
    config({}, [region({ mode: 'weighted', name: 'us east.example.com' })]),
    [`services[0].regions.us-east-2.name: ${DNS}`],
  ],
  [
    'a group holds at least 2 addresses',
    config({}, [region({ mode: 'grouped', groupSize: 1 })]),
    ['services[0].regions.us-east-2.groupSize: expected an integer from 2 to 8'],
  ],
  [
    'a group holds at most 8 addresses',
    config({}, [region({ mode: 'grouped', groupSize: 9 })]),
    ['services[0].regions.us-east-2.groupSize: expected an integer from 2 to 8'],
  ],
  [
    'groupSize goes with mode grouped only',
    config({}, [region({ mode: 'weighted', groupSize: 4 })]),
    ['services[0].regions.us-east-2.groupSize: only allowed with mode grouped'],
  ],
  [
    'two services do not share a recordName, however it is spelled',
    config({}, [
      service(),
      service({
        name: 'web',
        recordName: 'API.example.com.',
        regions: { 'us-west-2': { mode: 'weighted' } },
      }),
    ]),
    ['services[1].recordName: api.example.com is already used by services[0].recordName'],
  ],
  [
    "a regional name differs from its service's recordName",
    config({}, [region({ mode: 'weighted', name: 'api.example.com' })]),
    [
      "services[0].regions.us-east-2.name: api.example.com must differ from the service's recordName",
    ],
  ],
  [
    'two services do not share a regional name',
    config({}, [
      region({ mode: 'weighted', name: 'east.example.com' }),
      service({
        name: 'web',
        recordName: 'web.example.com',
        regions: { 'us-east-1': { mode: 'weighted', name: 'east.example.com' } },
      }),
    ]),
    [
      'services[1].regions.us-east-1.name: east.example.com is already used by services[0].regions.us-east-2.name',
    ],
  ],
  [
    "a recordName is not another service's default regional name",
    config({}, [service(), service({ name: 'web', recordName: 'us-east-2.api.example.com' })]),
    [
      'services[1].recordName: us-east-2.api.example.com is already used by services[0].regions.us-east-2 (default name)',
    ],
  ],
  [
    "a default regional name is not another service's name",
    config({}, [
      region({ mode: 'weighted', name: 'us-east-2.web.example.com' }),
      service({ name: 'web', recordName: 'web.example.com' }),
    ]),
    [
      'services[1].regions.us-east-2: default name us-east-2.web.example.com is already used by services[0].regions.us-east-2.name',
    ],
  ],
  [
    'a default regional name fits in 255 characters',
    config({}, [
      service({
        recordName: `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.com`,
      }),
    ]),
    [
      `services[0].regions.us-east-2: default name us-east-2.${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.com is too long; set name`,
    ],
  ],
  [
    'unknown keys are reported',
    config({}, [service({ tll: 60 })]),
    ['services[0].tll: unknown key (did you mean ttl?)'],
  ],
  [
    'a swap of two letters counts as one edit',
    config({}, [{ ...without(service(), 'recordName'), recrodName: 'api.example.com' }]),
    [
      'services[0].recordName: required',
      'services[0].recrodName: unknown key (did you mean recordName?)',
    ],
  ],
  [
    'an unknown key with no close match lists the known keys',
    config({ domain: 'example.com' }),
    [
      'domain: unknown key (expected one of hostedZoneId, zones, ownerId, zoneName, safety, lifecycle, accounts, zoneAccount, services)',
    ],
  ],
  [
    'every unknown key of a mapping is reported, not only the first',
    config({}, [region({ mode: 'weighted', nmae: 'x.example.com', weight: 3 })]),
    [
      'services[0].regions.us-east-2.nmae: unknown key (did you mean name?)',
      'services[0].regions.us-east-2.weight: unknown key (expected one of mode, name, groupSize, collapseSingleInstance, account)',
    ],
  ],
];

describe('configProblems', () => {
  it('finds nothing wrong with a valid configuration', () => {
    expect(configProblems(config())).toEqual([]);
  });

  it.each(rules)('checks that %s', (_rule, input, problems) => {
    expect(configProblems(input)).toEqual(problems);
  });

  it("never shows valibot's own wording", () => {
    const all = rules.flatMap(([, input]) => configProblems(input));
    expect(all.filter((problem) => /Invalid |Expected |received/.test(problem))).toEqual([]);
  });
});
