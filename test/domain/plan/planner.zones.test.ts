import { describe, expect, it } from 'vitest';
import { createHostedZone } from '../../../shared/domain/dns/zone/index.js';
import { plan } from '../../../shared/domain/plan/planner.js';
import type { RebalancerSpec } from '../../../shared/domain/spec.js';
import { zoneSpecs } from '../../../shared/domain/zones.js';
import { instance, observation, regionSpec, serviceSpec } from '../../support/builders.js';
import { applyPlan } from '../../support/zone.js';

const PUBLIC = 'Z0PUBLIC1';
const PRIVATE = 'Z0PRIVATE2';
const EU = 'eu-west-1';

const twoZones: RebalancerSpec = {
  hostedZoneId: PUBLIC,
  ownerId: 'api-prod',
  zones: [
    { id: PUBLIC, name: 'example.com.', private: false },
    { id: PRIVATE, name: 'example.com.', private: true },
  ],
  services: [
    serviceSpec({
      regions: [regionSpec(EU, { mode: 'grouped', groupSize: 2 })],
      zones: [
        { zone: PUBLIC, address: 'public' },
        { zone: PRIVATE, address: 'private' },
      ],
    }),
  ],
};

const fleet = Array.from({ length: 5 }, (_, i) =>
  instance({ n: 700 + i, zone: i % 2 === 0 ? 'eu-west-1a' : 'eu-west-1b' }),
);

function planned(one: RebalancerSpec) {
  const result = plan({ spec: one, records: [], regions: new Map([[EU, observation(EU, fleet)]]) });
  return applyPlan(createHostedZone({ zoneId: one.hostedZoneId }, []), result).records();
}

describe('a configuration of two zones', () => {
  it('renders the same record tree into the public zone (public IPv4) and the private zone (private IPv4)', () => {
    const [pub, priv] = zoneSpecs(twoZones).map(planned);
    const shape = (records: typeof pub) =>
      (records ?? []).map((r) => [
        r.Name,
        r.Type,
        r.SetIdentifier,
        r.Weight,
        r.AliasTarget?.DNSName,
      ]);
    expect(shape(priv)).toEqual(shape(pub));
    const values = (records: typeof pub) =>
      (records ?? []).flatMap((r) =>
        r.Type === 'A' ? (r.ResourceRecords ?? []).map((v) => v.Value) : [],
      );
    expect(new Set(values(pub))).toEqual(new Set(fleet.map((i) => i.publicIp)));
    expect(new Set(values(priv))).toEqual(new Set(fleet.map((i) => i.privateIp)));
    const aliasZones = (records: typeof pub) =>
      new Set(
        (records ?? []).flatMap((r) =>
          r.AliasTarget === undefined ? [] : [r.AliasTarget.HostedZoneId],
        ),
      );
    expect(aliasZones(pub)).toEqual(new Set([PUBLIC]));
    expect(aliasZones(priv)).toEqual(new Set([PRIVATE]));
  });

  it('is refused whole by the planner, which plans one zone at a time', () => {
    expect(() => plan({ spec: twoZones, records: [], regions: new Map() })).toThrow(
      'plan takes the spec of one hosted zone: project it with zoneSpecs first',
    );
  });
});
