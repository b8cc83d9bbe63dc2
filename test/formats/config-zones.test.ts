import { describe, expect, it } from 'vitest';
import { configFromValue, configProblems } from '../../shared/formats/config/load.js';
import { zoneSpec, zoneSpecs } from '../../shared/domain/zones.js';

type Fields = Record<string, unknown>;

const PUBLIC = 'Z0PUBLIC1';
const PRIVATE = 'Z0PRIVATE2';

const service = (name: string, recordName: string, fields: Fields = {}): Fields => ({
  name,
  recordName,
  members: { tags: { 'rebalancer:service': name } },
  regions: { 'us-east-2': { mode: 'grouped' } },
  ...fields,
});

const zones = [
  { id: PUBLIC, name: 'example.com' },
  { id: PRIVATE, name: 'example.com', private: true },
];

const config = (services: Fields[], fields: Fields = {}): Fields => ({
  ownerId: 'api-prod',
  zones,
  ...fields,
  services,
});

const both = { zones: [{ zone: PUBLIC }, { zone: PRIVATE }] };

describe('configProblems checks the hosted zones a configuration names', () => {
  it.each<[rule: string, input: Fields, problems: string[]]>([
    [
      'hostedZoneId and zones are not both given',
      config([service('api', 'api.example.com', both)], { hostedZoneId: 'Z0OTHER' }),
      ['zones: give hostedZoneId (one zone) or zones (several), not both'],
    ],
    [
      'one of them is given',
      { ownerId: 'api-prod', services: [service('api', 'api.example.com')] },
      ['hostedZoneId: required'],
    ],
    [
      'zoneName belongs to the one-zone form',
      config([service('api', 'api.example.com', both)], { zoneName: 'example.com' }),
      ['zoneName: only with hostedZoneId; name each zone in zones[].name'],
    ],
    [
      'a zone is listed once',
      config([service('api', 'api.example.com', { zones: [{ zone: PUBLIC }] })], {
        zones: [{ id: PUBLIC }, { id: `/hostedzone/${PUBLIC}` }],
      }),
      [`zones[1].id: duplicate hosted zone ${PUBLIC} (also zones[0])`],
    ],
    [
      'every zone is written into by some service (the writers could not even read another)',
      config([service('api', 'api.example.com', { zones: [{ zone: PUBLIC }] })]),
      [
        "zones[1]: no service writes into Z0PRIVATE2 (example.com); list it in a service's zones, or remove it",
      ],
    ],
    [
      'a service names its zones when there are several',
      config([service('api', 'api.example.com')]),
      ['services[0].zones: name the zones its records go to (the configuration has 2)'],
    ],
    [
      "a service's zones only exist beside a top-level zones list",
      {
        hostedZoneId: PUBLIC,
        ownerId: 'api-prod',
        services: [service('api', 'api.example.com', { zones: [{ zone: PUBLIC }] })],
      },
      ['services[0].zones: only with a top-level zones list'],
    ],
    [
      'a service names a configured zone',
      config([service('api', 'api.example.com', { zones: [{ zone: 'Z0NOPE' }] })]),
      [
        'services[0].zones[0].zone: unknown zone Z0NOPE (configured: Z0PUBLIC1 (example.com), Z0PRIVATE2 (example.com))',
      ],
    ],
    [
      'a name shared by two zones is no reference',
      config([service('api', 'api.example.com', { zones: [{ zone: 'example.com' }] })]),
      [
        "services[0].zones[0].zone: example.com names 2 zones (zones[0], zones[1]); give the zone's id",
      ],
    ],
    [
      'a service uses a zone once',
      config([service('api', 'api.example.com', { zones: [{ zone: PUBLIC }, { zone: PUBLIC }] })]),
      [
        'services[0].zones[1].zone: zone Z0PUBLIC1 (example.com) is already used by services[0].zones[0]',
      ],
    ],
    [
      "a service's record names lie inside each zone it uses",
      config([service('api', 'api.example.com', both)], {
        zones: [
          { id: PUBLIC, name: 'example.com' },
          { id: PRIVATE, name: 'internal.example', private: true },
        ],
      }),
      [
        'services[0].zones[1]: api.example.com (services[0].recordName) is outside the hosted zone internal.example (zones[1])',
        'services[0].zones[1]: default name us-east-2.api.example.com (services[0].regions.us-east-2) is outside the hosted zone internal.example (zones[1])',
      ],
    ],
    [
      "a regional name is not a zone's apex",
      config([
        service('api', 'api.example.com', {
          ...both,
          regions: { 'us-east-2': { mode: 'weighted', name: 'example.com' } },
        }),
      ]),
      [
        'services[0].recordName: api.example.com lies below the regional name example.com (services[0].regions.us-east-2.name), whose record tree the rebalancer reads and writes as a whole',
        'services[0].zones[0]: example.com (services[0].regions.us-east-2.name) is the apex of the hosted zone example.com (zones[0]); a regional name must lie below it',
        'services[0].zones[1]: example.com (services[0].regions.us-east-2.name) is the apex of the hosted zone example.com (zones[1]); a regional name must lie below it',
      ],
    ],
    [
      'a private zone gets no public addresses unless asked',
      config([
        service('api', 'api.example.com', {
          zones: [{ zone: PUBLIC }, { zone: PRIVATE, address: 'public' }],
        }),
      ]),
      [
        'services[0].zones[1].address: public addresses in the private zone Z0PRIVATE2 (example.com) (zones[1]); set publicInPrivateZone: true if that is meant',
      ],
    ],
    [
      "a service's public address reaches a private zone only when asked",
      config([service('api', 'api.example.com', { ...both, address: 'public' })]),
      [
        'services[0].zones[1].address: public addresses in the private zone Z0PRIVATE2 (example.com) (zones[1]); set publicInPrivateZone: true if that is meant',
      ],
    ],
    [
      'two services do not claim the same records in one zone',
      config([
        service('api', 'api.example.com', both),
        service('web', 'api.example.com', { zones: [{ zone: PRIVATE }] }),
      ]),
      [
        'services[1].recordName: api.example.com is already used by services[0].recordName in zone Z0PRIVATE2',
        'services[1].regions.us-east-2: default name us-east-2.api.example.com is already used by services[0].regions.us-east-2 (default name) in zone Z0PRIVATE2',
      ],
    ],
    [
      "a zone's address kind fits the type",
      config([
        service('api', 'api.example.com', {
          zones: [{ zone: PUBLIC, address: 'ipv6' }, { zone: PRIVATE }],
        }),
      ]),
      ['services[0].zones[0].address: ipv6 needs type AAAA'],
    ],
  ])('%s', (_rule, input, problems) => {
    expect(configProblems(input)).toEqual(problems);
  });

  it('lets two services use the same names in different zones', () => {
    const input = config([
      service('api', 'api.example.com', { zones: [{ zone: PUBLIC }] }),
      service('api-internal', 'api.example.com', { zones: [{ zone: PRIVATE }] }),
    ]);
    expect(configProblems(input)).toEqual([]);
  });

  it('lets a private zone take public addresses when asked', () => {
    const input = config([
      service('api', 'api.example.com', {
        zones: [{ zone: PUBLIC }, { zone: PRIVATE, address: 'public', publicInPrivateZone: true }],
      }),
    ]);
    expect(configProblems(input)).toEqual([]);
  });
});

describe('configProblems checks dual stack', () => {
  const one = (fields: Fields): Fields => ({
    hostedZoneId: PUBLIC,
    ownerId: 'api-prod',
    services: [service('api', 'api.example.com', fields)],
  });

  it.each<[rule: string, input: Fields, problems: string[]]>([
    [
      'types lists A and AAAA at most once each',
      one({ types: ['A', 'A'] }),
      ['services[0].types: expected [A], [AAAA] or [A, AAAA]'],
    ],
    [
      'types and type are not both given',
      one({ type: 'A', types: ['A', 'AAAA'] }),
      ['services[0].types: give type or types, not both'],
    ],
    [
      'dual stack reads IPv4 from address',
      one({ types: ['A', 'AAAA'], address: 'ipv6' }),
      [
        "services[0].address: types [A, AAAA] reads IPv4 from address (public | private) and IPv6 from each instance's IPv6 address",
      ],
    ],
    [
      'types [A] keeps the rule of type A',
      one({ types: ['A'], address: 'ipv6' }),
      ['services[0].address: ipv6 needs type AAAA'],
    ],
  ])('%s', (_rule, input, problems) => {
    expect(configProblems(input)).toEqual(problems);
  });

  it('accepts types [AAAA] with address ipv6', () => {
    expect(configProblems(one({ types: ['AAAA'], address: 'ipv6' }))).toEqual([]);
  });
});

describe('configFromValue projects a configuration into one spec per zone', () => {
  it('keeps the one-zone configuration as it was', () => {
    const spec = configFromValue(
      { hostedZoneId: PUBLIC, ownerId: 'o', services: [service('api', 'api.example.com')] },
      'test',
    );
    expect(spec.zones).toBeUndefined();
    expect(spec.services[0]?.zones).toBeUndefined();
    expect(spec.services[0]?.dualStack).toBeUndefined();
    expect(zoneSpecs(spec)).toEqual([spec]);
  });

  it('renders one service into a public zone from public IPv4 and a private zone from private IPv4', () => {
    const spec = configFromValue(config([service('api', 'api.example.com', both)]), 'test');
    const [pub, priv] = zoneSpecs(spec);
    expect(pub?.hostedZoneId).toBe(PUBLIC);
    expect(pub?.services.map((s) => [s.name, s.address])).toEqual([['api', 'public']]);
    expect(priv?.hostedZoneId).toBe(PRIVATE);
    expect(priv?.services.map((s) => [s.name, s.address])).toEqual([['api', 'private']]);
    expect(priv?.zones).toBeUndefined();
    expect(priv?.services[0]?.zones).toBeUndefined();
    expect(zoneSpec(spec, 'Z0NOPE')).toBeUndefined();
  });

  it('gives the services of one zone only to that zone', () => {
    const spec = configFromValue(
      config([
        service('api', 'api.example.com', both),
        service('admin', 'admin.example.com', { zones: [{ zone: PRIVATE }] }),
      ]),
      'test',
    );
    expect(zoneSpecs(spec).map((z) => z.services.map((s) => s.name))).toEqual([
      ['api'],
      ['api', 'admin'],
    ]);
  });

  it('turns types [A, AAAA] into an A tree with its AAAA mirror, and never AAAA by default', () => {
    const dual = configFromValue(
      {
        hostedZoneId: PUBLIC,
        ownerId: 'o',
        services: [service('api', 'api.example.com', { types: ['AAAA', 'A'] })],
      },
      'test',
    );
    expect(dual.services[0]).toMatchObject({ type: 'A', address: 'public', dualStack: true });
    const plain = configFromValue(
      { hostedZoneId: PUBLIC, ownerId: 'o', services: [service('api', 'api.example.com')] },
      'test',
    );
    expect(plain.services[0]).toMatchObject({ type: 'A', address: 'public' });
    expect(plain.services[0]?.dualStack).toBeUndefined();
  });
});
