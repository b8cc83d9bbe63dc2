import { describe, expect, it } from 'vitest';
import { accountValues, MANAGED_POLICY_LIMIT } from '../../scripts/lib/account-values.js';
import { parseConfig } from '../../shared/formats/config/parse.js';
import { ConfigError } from '../../shared/domain/errors.js';

const PROD = 'arn:aws:iam::111122223333:role/route53-rebalancer-read';
const OPS = 'arn:aws:iam::444455556666:role/ops/route53-rebalancer-read';
const DNS = 'arn:aws:iam::777788889999:role/dns-writer';

const config = (accounts: string, extra = '') =>
  parseConfig(
    `
hostedZoneId: Z0EXAMPLE12345
ownerId: o
${accounts}
${extra}
services:
  - name: api
    recordName: api.example.com
    members: { tags: { k: v } }
    account: prod
    regions:
      us-east-2: { mode: weighted }
      eu-west-1: { mode: weighted, account: ops }
  - name: web
    recordName: web.example.com
    members: { tags: { k: w } }
    regions:
      us-east-2: { mode: weighted, account: prod }
      ap-northeast-1: { mode: weighted }
`,
    'inline',
  );

const ACCOUNTS = `accounts:
  prod: { roleArn: '${PROD}', externalId: x1 }
  ops: { roleArn: '${OPS}' }
  dns: { roleArn: '${DNS}' }
  unused: { roleArn: 'arn:aws:iam::123412341234:role/unused' }`;

describe('account deploy values', () => {
  it('sts:AssumeRole on exactly the roles in use, the zone’s included; the fleets’ accounts admitted to the bus', () => {
    expect(accountValues(config(ACCOUNTS, 'zoneAccount: dns'), 'inline')).toEqual({
      assumesRoles: 'enabled',
      assumedRoleArns: [PROD, OPS, DNS],
      admitsMemberAccounts: 'enabled',
      // The zone's account sends no fleet events: not admitted.
      memberAccountPrincipals: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'],
    });
  });

  it('keeps the partition of the role ARN', () => {
    const values = accountValues(
      config(`accounts:
  prod: { roleArn: 'arn:aws-cn:iam::111122223333:role/read' }
  ops: { roleArn: 'arn:aws-cn:iam::444455556666:role/read' }`),
      'inline',
    );
    expect(values.memberAccountPrincipals).toEqual([
      'arn:aws-cn:iam::111122223333:root',
      'arn:aws-cn:iam::444455556666:root',
    ]);
  });

  it('no accounts: no role to assume, no member account', () => {
    const spec = parseConfig(
      `
hostedZoneId: Z0EXAMPLE12345
ownerId: o
services:
  - name: a
    recordName: a.example.com
    members: { tags: { k: v } }
    regions: { eu-west-1: { mode: grouped } }
`,
      'inline',
    );
    expect(accountValues(spec, 'inline')).toEqual({
      assumesRoles: 'disabled',
      assumedRoleArns: [],
      admitsMemberAccounts: 'disabled',
      memberAccountPrincipals: [],
    });
  });

  it('refuses, with the figures, roles whose AssumeRole policy IAM cannot hold', () => {
    const path = '/'.padEnd(400, 'p') + '/';
    const names = Array.from({ length: 14 }, (_, i) => `r${i}`);
    const spec = parseConfig(
      `
hostedZoneId: Z0EXAMPLE12345
ownerId: o
accounts:
${names.map((n, i) => `  ${n}: { roleArn: 'arn:aws:iam::${String(100000000000 + i)}:role${path}${n}' }`).join('\n')}
services:
${names
  .map(
    (n) => `  - name: ${n}
    recordName: ${n}.example.com
    members: { tags: { k: ${n} } }
    regions: { ${['us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2', 'sa-east-1', 'ca-central-1', 'eu-west-2', 'eu-north-1', 'ap-south-1', 'us-east-1', 'us-west-1'][Number(n.slice(1))]}: { mode: weighted, account: ${n} } }`,
  )
  .join('\n')}
`,
      'inline',
    );
    const attempt = () => accountValues(spec, 'big.yml');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      new RegExp(
        `^big\\.yml: accounts: the sts:AssumeRole policy for 14 roles would be \\d+ characters; IAM allows ${MANAGED_POLICY_LIMIT} in a managed policy$`,
      ),
    );
  });
});
