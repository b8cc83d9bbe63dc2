import { describe, expect, it } from 'vitest';
import { configFromValue, configProblems } from '../../shared/formats/config/load.js';
import { assumedRoles, regionAccounts } from '../../shared/domain/accounts.js';

type Fields = Record<string, unknown>;

const ROLE = 'arn:aws:iam::111122223333:role/route53-rebalancer-read';
const OTHER = 'arn:aws:iam::444455556666:role/ops/route53-rebalancer-read';

const service = (fields: Fields = {}, name = 'api'): Fields => ({
  name,
  recordName: `${name}.example.com`,
  members: { tags: { 'rebalancer:service': name } },
  regions: { 'us-east-2': { mode: 'weighted' } },
  ...fields,
});

const config = (fields: Fields = {}, services: unknown[] = [service()]): Fields => ({
  hostedZoneId: 'Z0EXAMPLE12345',
  ownerId: 'api-prod',
  accounts: { prod: { roleArn: ROLE, externalId: 'rebalancer-2026' }, ops: { roleArn: OTHER } },
  services,
  ...fields,
});

const withAccount = (account: Fields): Fields => config({ accounts: { prod: account } });

describe('accounts: a zone written with a role of its own', () => {
  const zoned = (account: unknown): Fields =>
    config(
      {
        hostedZoneId: undefined,
        zones: [
          { id: 'Z0PUBLIC1', name: 'example.com' },
          { id: 'Z0PRIVATE2', name: 'example.com', private: true, account },
        ],
      },
      [service({ zones: [{ zone: 'Z0PUBLIC1' }, { zone: 'Z0PRIVATE2', address: 'private' }] })],
    );

  it('normalises zones[].account, which the zone’s one-zone spec is written with and the roles include', async () => {
    const spec = configFromValue(zoned('ops'), 'c.yaml');
    expect(spec.zones?.[1]?.account?.roleArn).toBe(OTHER);
    expect(spec.zones?.[0]?.account).toBeUndefined();
    const { zoneSpec } = await import('../../shared/domain/zones.js');
    expect(zoneSpec(spec, 'Z0PRIVATE2')?.zoneAccount?.roleArn).toBe(OTHER);
    expect(zoneSpec(spec, 'Z0PUBLIC1')?.zoneAccount).toBeUndefined();
    expect(assumedRoles(spec).map((a) => a.roleArn)).toEqual([OTHER]);
  });

  it('refuses an account the configuration does not list', () => {
    expect(configProblems(zoned('nope')).join('\n')).toContain(
      'zones[1].account: unknown account nope',
    );
  });
});

describe('accounts: the configuration', () => {
  it('normalises a region’s account, the region’s own winning over the service’s', () => {
    const spec = configFromValue(
      config({}, [
        service({
          account: 'ops',
          regions: {
            'us-east-2': { mode: 'weighted', account: 'prod' },
            'eu-west-1': { mode: 'weighted' },
          },
        }),
      ]),
      'c.yaml',
    );
    const [east, west] = spec.services[0]?.regions ?? [];
    expect(east?.account).toEqual({
      name: 'prod',
      roleArn: ROLE,
      accountId: '111122223333',
      externalId: 'rebalancer-2026',
      sessionName: 'route53-rebalancer',
    });
    expect(west?.account).toEqual({
      name: 'ops',
      roleArn: OTHER,
      accountId: '444455556666',
      externalId: undefined,
      sessionName: 'route53-rebalancer',
    });
    expect(spec.zoneAccount).toBeUndefined();
  });

  it('no account: the function’s own credentials, and no account field at all', () => {
    const spec = configFromValue(config(), 'c.yaml');
    expect(spec.services[0]?.regions[0]).not.toHaveProperty('account');
    expect(assumedRoles(spec)).toEqual([]);
    expect([...regionAccounts(spec)]).toEqual([['us-east-2', undefined]]);
  });

  it('zoneAccount: the role the zone is written with', () => {
    const spec = configFromValue(
      config({ zoneAccount: 'ops', accounts: { ops: { roleArn: OTHER, sessionName: 'dns' } } }),
      'c.yaml',
    );
    expect(spec.zoneAccount).toMatchObject({ name: 'ops', roleArn: OTHER, sessionName: 'dns' });
    expect(assumedRoles(spec).map((a) => a.roleArn)).toEqual([OTHER]);
  });

  it('lists every assumed role once, in the order first named', () => {
    const spec = configFromValue(
      config({ zoneAccount: 'prod' }, [
        service({ account: 'ops' }),
        service({ regions: { 'eu-west-1': { mode: 'weighted', account: 'prod' } } }, 'web'),
      ]),
      'c.yaml',
    );
    expect(assumedRoles(spec).map((a) => a.name)).toEqual(['ops', 'prod']);
    expect([...regionAccounts(spec)].map(([r, a]) => [r, a?.name])).toEqual([
      ['us-east-2', 'ops'],
      ['eu-west-1', 'prod'],
    ]);
  });

  it.each([
    ['arn:aws-cn:iam::111122223333:role/read', true],
    ['arn:aws-us-gov:iam::111122223333:role/a/b/read', true],
    ['arn:aws:iam::111122223333:role/read+=,.@-_', true],
    ['arn:aws:iam::11112222333:role/read', false],
    ['arn:aws:iam::111122223333:user/read', false],
    ['arn:aws:sts::111122223333:role/read', false],
    ['arn:aws-eu:iam::111122223333:role/read', false],
    ['arn:aws:iam::111122223333:role/', false],
    [`arn:aws:iam::111122223333:role/${'r'.repeat(65)}`, false],
  ])('roleArn %s: valid %s', (roleArn, valid) => {
    expect(configProblems(withAccount({ roleArn }))).toEqual(
      valid
        ? []
        : [
            'accounts.prod.roleArn: expected a role ARN like arn:aws:iam::123456789012:role/route53-rebalancer-read',
          ],
    );
  });

  it.each([
    ['ab', true],
    ['x'.repeat(1224), true],
    ['a:b/c+=,.@-_', true],
    ['a', false],
    ['x'.repeat(1225), false],
    ['has space', false],
  ])('externalId %s: valid %s', (externalId, valid) => {
    expect(configProblems(withAccount({ roleArn: ROLE, externalId }))).toEqual(
      valid
        ? []
        : ['accounts.prod.externalId: expected 2-1224 letters, digits or any of _+=,.@:/-'],
    );
  });

  it.each([
    ['ab', true],
    ['s'.repeat(64), true],
    ['a+=,.@-_', true],
    ['a', false],
    ['s'.repeat(65), false],
    ['a/b', false],
  ])('sessionName %s: valid %s', (sessionName, valid) => {
    expect(configProblems(withAccount({ roleArn: ROLE, sessionName }))).toEqual(
      valid ? [] : ['accounts.prod.sessionName: expected 2-64 letters, digits or any of _+=,.@-'],
    );
  });

  it('refuses unknown keys, a missing roleArn, a bad account name and an empty mapping', () => {
    expect(configProblems(withAccount({ roleArn: ROLE, role: 'x' }))).toEqual([
      'accounts.prod.role: unknown key (expected one of roleArn, externalId, sessionName)',
    ]);
    expect(configProblems(withAccount({}))).toEqual(['accounts.prod.roleArn: required']);
    expect(configProblems(config({ accounts: { 'no good': { roleArn: ROLE } } }))).toEqual([
      'accounts.no good: expected an account name of 1-63 letters, digits, _ or -, starting with a letter or digit',
    ]);
    expect(configProblems(config({ accounts: {} }))).toEqual([
      'accounts: expected at least one account',
    ]);
    expect(configProblems(config({ accounts: [] }))).toEqual([
      'accounts: expected a mapping of accounts',
    ]);
  });

  it('refuses a reference to an account that is not configured, naming those that are', () => {
    expect(
      configProblems(
        config({ zoneAccount: 'dns' }, [
          service({
            account: 'stage',
            regions: { 'us-east-2': { mode: 'weighted', account: 'dev' } },
          }),
        ]),
      ),
    ).toEqual([
      'zoneAccount: unknown account dns (accounts: prod, ops)',
      'services[0].account: unknown account stage (accounts: prod, ops)',
      'services[0].regions.us-east-2.account: unknown account dev (accounts: prod, ops)',
    ]);
    expect(configProblems(config({ accounts: undefined }, [service({ account: 'prod' })]))).toEqual(
      ['services[0].account: unknown account prod (no accounts are configured)'],
    );
  });

  it('refuses a region read from two accounts, the own account counting as one', () => {
    expect(
      configProblems(
        config({}, [
          service({ account: 'prod' }),
          service({}, 'web'),
          service({ regions: { 'us-east-2': { mode: 'weighted', account: 'prod' } } }, 'www'),
        ]),
      ),
    ).toEqual([
      'services[1].regions.us-east-2: region us-east-2 is read from the function’s own account here but from account prod in services[0].regions.us-east-2; a region is read from one account per configuration',
    ]);
    // The same account twice is fine, however it is named.
    expect(
      configProblems(
        config({}, [
          service({ account: 'prod' }),
          service({ regions: { 'us-east-2': { mode: 'weighted', account: 'prod' } } }, 'web'),
        ]),
      ),
    ).toEqual([]);
  });

  it('an unknown account is reported once, not also as a second account of the region', () => {
    expect(
      configProblems(
        config({}, [service({ account: 'prod' }), service({ account: 'nope' }, 'web')]),
      ),
    ).toEqual(['services[1].account: unknown account nope (accounts: prod, ops)']);
  });
});
