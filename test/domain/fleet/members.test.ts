import { describe, expect, it } from 'vitest';
import type { Instance, InstanceStatus } from '../../../shared/domain/fleet/fleet.js';
import type { HealthStatus } from '../../../shared/domain/fleet/health.js';
import {
  assessMembers,
  isRoutable,
  isServing,
  type Member,
} from '../../../shared/domain/fleet/members.js';
import type { AddressKind } from '../../../shared/domain/spec.js';
import { instance, observation, serviceSpec, SERVICE_TAGS } from '../../support/builders.js';

const REGION = 'us-east-2';
const CAPACITY_TAG = 'rebalancer:capacity';

function ids(members: readonly Member[]): string[] {
  return members.map((m) => m.instance.id);
}

describe('assessMembers', () => {
  it('selects the instances that carry the service tags and leaves out the others', () => {
    const mine = instance({ n: 1 });
    const other = instance({ n: 2, tags: { 'rebalancer:service': 'web' } });
    const untagged = instance({ n: 3, tags: {} });
    const extra = instance({ n: 4, tags: { ...SERVICE_TAGS, team: 'core' } });
    const { members } = assessMembers(
      serviceSpec(),
      observation(REGION, [mine, other, untagged, extra]),
    );
    expect(ids(members)).toEqual([mine.id, extra.id]);
  });

  it('requires every member tag to match', () => {
    const service = serviceSpec({ memberTags: { app: 'api', stage: 'prod' } });
    const both = instance({ n: 1, tags: { app: 'api', stage: 'prod' } });
    const oneOnly = instance({ n: 2, tags: { app: 'api' } });
    const wrongValue = instance({ n: 3, tags: { app: 'api', stage: 'dev' } });
    const { members } = assessMembers(service, observation(REGION, [both, oneOnly, wrongValue]));
    expect(ids(members)).toEqual([both.id]);
  });

  it('also requires one of the configured Auto Scaling groups, and names the tagged instances it leaves out', () => {
    const asg = (name: string) => ({ ...SERVICE_TAGS, 'aws:autoscaling:groupName': name });
    const inA = instance({ n: 1, tags: asg('api-a') });
    const inB = instance({ n: 2, tags: asg('api-b') });
    const elsewhere = instance({ n: 3, tags: asg('batch') });
    const loose = instance({ n: 4 });
    const service = serviceSpec({ memberAutoScalingGroups: ['api-a', 'api-b'] });
    const { members, warnings } = assessMembers(
      service,
      observation(REGION, [inA, inB, elsewhere, loose]),
    );
    expect(ids(members)).toEqual([inA.id, inB.id]);
    expect(warnings).toEqual([
      `${REGION}: leaving out 2 instance(s) that carry the member tags but are in none of the autoScalingGroups api-a, api-b: ${elsewhere.id}, ${loose.id}`,
    ]);
  });

  it('lists at most ten of the instances it leaves out', () => {
    const loose = Array.from({ length: 12 }, (_, i) => instance({ n: 1 + i }));
    const service = serviceSpec({ memberAutoScalingGroups: ['api-a'] });
    const { members, warnings } = assessMembers(service, observation(REGION, loose));
    expect(members).toEqual([]);
    expect(warnings[0]).toMatch(/: (i-[0-9a-f]+, ){9}i-[0-9a-f]+, and 2 more$/);
  });

  it('selects on tags alone when no Auto Scaling group is configured', () => {
    const one = instance({ n: 1, tags: { ...SERVICE_TAGS, 'aws:autoscaling:groupName': 'x' } });
    const two = instance({ n: 2 });
    expect(ids(assessMembers(serviceSpec(), observation(REGION, [one, two])).members)).toEqual([
      one.id,
      two.id,
    ]);
  });

  it('sorts members by instance id whatever the order they were read in', () => {
    const read = [instance({ n: 30 }), instance({ n: 2 }), instance({ n: 17 }), instance({ n: 5 })];
    const { members } = assessMembers(serviceSpec(), observation(REGION, read));
    expect(ids(members)).toEqual(read.map((i) => i.id).sort());
  });

  it('gives no members and no warnings for a region without instances', () => {
    expect(assessMembers(serviceSpec(), observation(REGION, []))).toEqual({
      members: [],
      warnings: [],
    });
  });

  it.each<{ kind: AddressKind; field: keyof Instance }>([
    { kind: 'public', field: 'publicIp' },
    { kind: 'private', field: 'privateIp' },
    { kind: 'ipv6', field: 'ipv6' },
  ])('uses the $kind address ($field)', ({ kind, field }) => {
    const one = instance({ n: 7 });
    const { members } = assessMembers(serviceSpec({ address: kind }), observation(REGION, [one]));
    expect(members[0]?.address).toBe(one[field]);
  });

  it('gives a member without an address of the configured kind no address and status no-address', () => {
    const noPublic = instance({ n: 1, publicIp: undefined });
    const { members } = assessMembers(serviceSpec(), observation(REGION, [noPublic]));
    expect(members[0]?.address).toBeUndefined();
    expect(members[0]?.health.status).toBe('no-address');
  });

  it('takes capacity from the configured source', () => {
    const read = [
      instance({ n: 1, instanceType: 'm5.xlarge' }),
      instance({ n: 2, instanceType: 't3.micro' }),
    ];
    const vcpu = assessMembers(serviceSpec(), observation(REGION, read));
    expect(vcpu.members.map((m) => m.capacity)).toEqual([
      { value: 4, origin: 'vcpu' },
      { value: 2, origin: 'vcpu' },
    ]);
    const memory = assessMembers(
      serviceSpec({
        capacity: { source: 'memory', overrideTag: CAPACITY_TAG, maxOverrideRatio: 4 },
      }),
      observation(REGION, read),
    );
    expect(memory.members.map((m) => m.capacity.value)).toEqual([16384, 1024]);
    expect(vcpu.warnings).toEqual([]);
  });

  it('falls back to equal capacity for the whole region, with one warning, when any type is unknown', () => {
    const read = [
      instance({ n: 1, instanceType: 'm5.2xlarge' }),
      instance({ n: 2, instanceType: 'x9.mystery' }),
      instance({ n: 3, instanceType: 'y9.mystery' }),
    ];
    const { members, warnings } = assessMembers(serviceSpec(), observation(REGION, read));
    expect(members.map((m) => m.capacity)).toEqual(read.map(() => ({ value: 1, origin: 'equal' })));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^us-east-2: capacity falls back to equal for every instance: /);
    expect(warnings[0]).toContain('x9.mystery');
    expect(warnings[0]).toContain('y9.mystery');
  });

  it('falls back to equal capacity when instance types were not read', () => {
    const read = [instance({ n: 1 }), instance({ n: 2 })];
    const { members, warnings } = assessMembers(
      serviceSpec(),
      observation(REGION, read, { types: undefined }),
    );
    expect(members.map((m) => m.capacity.origin)).toEqual(['equal', 'equal']);
    expect(warnings).toHaveLength(1);
  });

  it('applies the fallback to instances with an override tag too', () => {
    const read = [
      instance({ n: 1, tags: { ...SERVICE_TAGS, [CAPACITY_TAG]: '12' } }),
      instance({ n: 2, instanceType: 'x9.mystery' }),
    ];
    const { members } = assessMembers(serviceSpec(), observation(REGION, read));
    expect(members.map((m) => m.capacity)).toEqual([
      { value: 1, origin: 'equal' },
      { value: 1, origin: 'equal' },
    ]);
  });

  it('uses a numeric override tag within its bounds without warning', () => {
    // An m5.large has 2 vCPUs: 6 is within 4x.
    const read = [instance({ n: 1, tags: { ...SERVICE_TAGS, [CAPACITY_TAG]: '6' } })];
    const { members, warnings } = assessMembers(serviceSpec(), observation(REGION, read));
    expect(members[0]?.capacity).toEqual({ value: 6, origin: 'override' });
    expect(warnings).toEqual([]);
  });

  it('gives instances of one type their own capacities, tagged or not, in any order', () => {
    // Untagged instances share their type's lookup: a tagged one between them must keep its own.
    const read = [
      instance({ n: 1, instanceType: 'm5.xlarge' }),
      instance({ n: 2, instanceType: 'm5.xlarge', tags: { ...SERVICE_TAGS, [CAPACITY_TAG]: '6' } }),
      instance({ n: 3, instanceType: 'm5.xlarge', tags: { ...SERVICE_TAGS, [CAPACITY_TAG]: 'x' } }),
      instance({ n: 4, instanceType: 'm5.large' }),
      instance({ n: 5, instanceType: 'm5.xlarge' }),
    ];
    const { members, warnings } = assessMembers(serviceSpec(), observation(REGION, read));
    expect(members.map((m) => m.capacity)).toEqual([
      { value: 4, origin: 'vcpu' },
      { value: 6, origin: 'override' },
      { value: 4, origin: 'vcpu' },
      { value: 2, origin: 'vcpu' },
      { value: 4, origin: 'vcpu' },
    ]);
    expect(warnings).toHaveLength(1);
  });

  it.each(['abc', '0', '-3', '1e308', 'Infinity', 'NaN'])(
    'warns about an override tag of %j and uses the source instead',
    (value) => {
      const tagged = instance({
        n: 1,
        instanceType: 'm5.xlarge',
        tags: { ...SERVICE_TAGS, [CAPACITY_TAG]: value },
      });
      const { members, warnings } = assessMembers(serviceSpec(), observation(REGION, [tagged]));
      expect(members[0]?.capacity).toEqual({ value: 4, origin: 'vcpu' });
      expect(warnings).toEqual([
        `${tagged.id}: ignoring ${CAPACITY_TAG}=${value} (not a number above 0 and at most 1000000000)`,
      ]);
    },
  );

  it('clamps an oversized override tag and warns, so one tagged instance cannot take the region', () => {
    const read = [
      instance({ n: 1, tags: { ...SERVICE_TAGS, [CAPACITY_TAG]: '1000000' } }),
      ...Array.from({ length: 9 }, (_, i) => instance({ n: 2 + i })),
    ];
    const { members, warnings } = assessMembers(serviceSpec(), observation(REGION, read));
    expect(members[0]?.capacity).toEqual({ value: 8, origin: 'override' });
    const total = members.reduce((sum, m) => sum + m.capacity.value, 0);
    // 8 of 26 instead of 1,000,000 of 1,000,018.
    expect((members[0]?.capacity.value ?? 0) / total).toBeCloseTo(8 / 26, 6);
    expect(warnings).toEqual([
      `${read[0]?.id}: ${CAPACITY_TAG}=1000000 clamped to 8: an override may be at most 4x the instance's own vcpu capacity 2 (capacity.maxOverrideRatio 4)`,
    ]);
  });

  it('says nothing about a clamped override once the region falls back to equal', () => {
    const read = [
      instance({ n: 1, tags: { ...SERVICE_TAGS, [CAPACITY_TAG]: '1000000' } }),
      instance({
        n: 2,
        instanceType: 'x9.mystery',
        tags: { ...SERVICE_TAGS, [CAPACITY_TAG]: 'x' },
      }),
    ];
    const { warnings } = assessMembers(serviceSpec(), observation(REGION, read));
    expect(warnings).toEqual([
      expect.stringMatching(/^us-east-2: capacity falls back to equal for every instance: /),
      `${read[1]?.id}: ignoring ${CAPACITY_TAG}=x (not a number above 0 and at most 1000000000)`,
    ]);
  });

  it('does not read the override tag when none is configured', () => {
    const tagged = instance({
      n: 1,
      instanceType: 'm5.xlarge',
      tags: { ...SERVICE_TAGS, [CAPACITY_TAG]: 'abc' },
    });
    const service = serviceSpec({
      capacity: { source: 'vcpu', overrideTag: undefined, maxOverrideRatio: 4 },
    });
    const { members, warnings } = assessMembers(service, observation(REGION, [tagged]));
    expect(members[0]?.capacity).toEqual({ value: 4, origin: 'vcpu' });
    expect(warnings).toEqual([]);
  });

  it('judges health from status checks and the alarms with the service prefix', () => {
    const a = instance({ n: 1 });
    const b = instance({ n: 2 });
    const c = instance({ n: 3 });
    const d = instance({ n: 4 });
    const ok = { instance: 'ok', system: 'ok' } as const;
    const statuses = new Map<string, InstanceStatus>([
      [a.id, ok],
      [b.id, { instance: 'impaired', system: 'ok' }],
      [c.id, ok],
      [d.id, ok],
    ]);
    const alarms = [
      { name: 'api-cpu', state: 'ALARM' as const, instanceIds: [c.id] },
      { name: 'web-cpu', state: 'ALARM' as const, instanceIds: [d.id] },
    ];
    const { members } = assessMembers(
      serviceSpec(),
      observation(REGION, [a, b, c, d], { statuses, alarms }),
    );
    expect(members.map((m) => m.health)).toEqual([
      { status: 'healthy', reasons: [] },
      { status: 'impaired', reasons: ['instance status check impaired'] },
      { status: 'alarm', reasons: ['alarm api-cpu in ALARM'] },
      { status: 'healthy', reasons: [] },
    ]);
  });

  it('ignores status checks when they are off', () => {
    const one = instance({ n: 1 });
    const statuses = new Map<string, InstanceStatus>([
      [one.id, { instance: 'impaired', system: 'impaired' }],
    ]);
    const service = serviceSpec({
      health: {
        statusChecks: false,
        alarmNamePrefix: 'api-',
        drainTag: 'rebalancer:drain',
        readiness: { graceSeconds: 0, statusOk: false, tag: undefined },
      },
    });
    const { members } = assessMembers(service, observation(REGION, [one], { statuses }));
    expect(members[0]?.health.status).toBe('healthy');
  });

  it('marks a member tagged for draining as draining and keeps its address and capacity', () => {
    const drained = instance({
      n: 1,
      instanceType: 'm5.xlarge',
      tags: { ...SERVICE_TAGS, 'rebalancer:drain': 'true' },
    });
    const { members } = assessMembers(serviceSpec(), observation(REGION, [drained]));
    expect(members[0]).toMatchObject({
      address: drained.publicIp,
      capacity: { value: 4, origin: 'vcpu' },
      health: { status: 'draining' },
    });
  });

  it('keeps the instance as it was read in the member', () => {
    const one = instance({ n: 9 });
    const { members } = assessMembers(serviceSpec(), observation(REGION, [one]));
    expect(members[0]?.instance).toEqual({ ...one, region: REGION });
  });
});

function memberWith(status: HealthStatus): Member {
  return {
    instance: instance({ n: 1 }),
    address: '198.51.100.1',
    capacity: { value: 1, origin: 'equal' },
    health: { status, reasons: [] },
    ready: true,
  };
}

describe('isRoutable', () => {
  it.each<{ status: HealthStatus; routable: boolean }>([
    { status: 'healthy', routable: true },
    { status: 'draining', routable: true },
    { status: 'impaired', routable: true },
    { status: 'alarm', routable: true },
    { status: 'not-running', routable: false },
    { status: 'no-address', routable: false },
  ])('says a $status member keeps a record: $routable', ({ status, routable }) => {
    expect(isRoutable(memberWith(status))).toBe(routable);
  });
});

describe('isServing', () => {
  it.each<{ status: HealthStatus; serving: boolean }>([
    { status: 'healthy', serving: true },
    { status: 'draining', serving: false },
    { status: 'impaired', serving: false },
    { status: 'alarm', serving: false },
    { status: 'not-running', serving: false },
    { status: 'no-address', serving: false },
  ])('says a $status member receives traffic: $serving', ({ status, serving }) => {
    expect(isServing(memberWith(status))).toBe(serving);
  });
});
