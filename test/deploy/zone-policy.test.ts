import { describe, expect, it } from 'vitest';
import { deployValues } from '../../scripts/lib/deploy-values.js';
import { zoneWriters, zoneWriteStatements } from '../../scripts/lib/zone-policy.js';
import { configFromValue } from '../../shared/formats/config/load.js';
import { permits } from '../support/iam.js';

const PUBLIC = 'Z0PUBLIC1';
const PRIVATE = 'Z0PRIVATE2';

const spec = configFromValue(
  {
    ownerId: 'api-prod',
    zones: [
      { id: PUBLIC, name: 'example.com' },
      { id: PRIVATE, name: 'internal.example', private: true },
    ],
    services: [
      {
        name: 'api',
        recordName: 'api.example.com',
        types: ['A', 'AAAA'],
        members: { tags: { svc: 'api' } },
        zones: [{ zone: PUBLIC }],
        regions: { 'us-east-2': { mode: 'weighted' } },
      },
      {
        name: 'admin',
        recordName: 'admin.internal.example',
        members: { tags: { svc: 'admin' } },
        zones: [{ zone: PRIVATE }],
        regions: { 'eu-west-1': { mode: 'grouped' } },
      },
    ],
  },
  'test',
);

describe('Route 53 write permissions per hosted zone', () => {
  const writers = zoneWriters(spec, 'dev', 'test');
  const conditions = (zone: string) => {
    const writer = writers.find((w) => w.hostedZoneId === zone);
    return { allowed: writer?.managedRecordNames ?? [], deeper: writer?.deeperRecordNames ?? [] };
  };

  it("allows each zone only its own services' names", () => {
    expect(permits(conditions(PUBLIC), ['api.example.com', 'us-east-2.api.example.com'])).toBe(
      true,
    );
    expect(permits(conditions(PUBLIC), ['admin.internal.example'])).toBe(false);
    expect(
      permits(conditions(PRIVATE), [
        'admin.internal.example',
        'endpoint-a.eu-west-1.admin.internal.example',
      ]),
    ).toBe(true);
    expect(permits(conditions(PRIVATE), ['api.example.com'])).toBe(false);
  });

  it('refuses names deeper than the planner writes, in each zone', () => {
    expect(permits(conditions(PUBLIC), ['x.endpoint-a.us-east-2.api.example.com'])).toBe(false);
    expect(permits(conditions(PRIVATE), ['x.endpoint-a.eu-west-1.admin.internal.example'])).toBe(
      false,
    );
  });

  it("puts each zone's statements on that zone's ARN, with that zone's names", () => {
    const statements = zoneWriteStatements(writers);
    expect(
      statements.map((s) => [s.Sid, s.Effect, s.Resource === '*' ? '*' : s.Resource['Fn::Sub']]),
    ).toEqual([
      [
        'WriteManagedRecordsZ0PUBLIC1',
        'Allow',
        'arn:${AWS::Partition}:route53:::hostedzone/Z0PUBLIC1',
      ],
      ['NoDeeperNamesZ0PUBLIC1', 'Deny', 'arn:${AWS::Partition}:route53:::hostedzone/Z0PUBLIC1'],
      ['ReadZoneZ0PUBLIC1', 'Allow', 'arn:${AWS::Partition}:route53:::hostedzone/Z0PUBLIC1'],
      [
        'WriteManagedRecordsZ0PRIVATE2',
        'Allow',
        'arn:${AWS::Partition}:route53:::hostedzone/Z0PRIVATE2',
      ],
      ['NoDeeperNamesZ0PRIVATE2', 'Deny', 'arn:${AWS::Partition}:route53:::hostedzone/Z0PRIVATE2'],
      ['ReadZoneZ0PRIVATE2', 'Allow', 'arn:${AWS::Partition}:route53:::hostedzone/Z0PRIVATE2'],
    ]);
    const write = statements[3]?.Condition?.['ForAllValues:StringLike'];
    expect(write?.['route53:ChangeResourceRecordSetsNormalizedRecordNames']).toEqual(
      conditions(PRIVATE).allowed,
    );
  });

  it('lists every zone in the deploy values', () => {
    const values = deployValues(spec, 'test', 'dev');
    expect(values.zones.map((z) => z.hostedZoneId)).toEqual([PUBLIC, PRIVATE]);
    expect(values.hostedZoneId).toBe(PUBLIC);
    expect(values.managedRecordNames).toEqual(conditions(PUBLIC).allowed);
  });
});
