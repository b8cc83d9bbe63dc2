import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bytesByPackage } from '../../scripts/lib/bundle.js';
import { literalKeys } from '../../scripts/lib/literal-keys.js';
import { deployValues } from '../../scripts/lib/deploy-values.js';
import {
  conditionName,
  managedNamePatterns as managedRecordNames,
} from '../../shared/domain/plan/roots.js';
import { configFor, parseBuildArgs } from '../../scripts/lib/options.js';
import { loadConfig } from '../../shared/formats/config/load.js';
import { parseConfig } from '../../shared/formats/config/parse.js';
import { InputError } from '../../shared/domain/errors.js';

const root = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

describe('deploy values', () => {
  it('the default rebalancer.yml: the names of three regions, one alarm prefix', async () => {
    const { zones, writerStatements, ...values } = deployValues(
      await loadConfig(root('rebalancer.yml')),
      'rebalancer.yml',
      'dev',
    );
    // The one zone's own names are the names above.
    expect(zones).toEqual([
      {
        hostedZoneId: values.hostedZoneId,
        managedRecordNames: values.managedRecordNames,
        deeperRecordNames: values.deeperRecordNames,
      },
    ]);
    // One zone: the statements keep the Sids they always had.
    expect(writerStatements.map((s) => s.Sid)).toEqual([
      'WriteManagedRecords',
      'NoDeeperNames',
      'ReadZone',
      'WaitForChanges',
      'CreateHealthChecks',
      'OwnHealthChecks',
      'ReadHealthCheckStatus',
      'ReadFleetAndAlarms',
    ]);
    expect(values).toEqual({
      config: 'rebalancer.yml',
      hostedZoneId: 'Z0EXAMPLE12345',
      managedRecordNames: [
        'api.example.com',
        'us-east-2.api.example.com',
        'endpoint-*.us-east-2.api.example.com',
        'shard-*.us-east-2.api.example.com',
        'eu-west-1.api.example.com',
        'endpoint-*.eu-west-1.api.example.com',
        'shard-*.eu-west-1.api.example.com',
        'ap-northeast-1.api.example.com',
        'endpoint-*.ap-northeast-1.api.example.com',
        'shard-*.ap-northeast-1.api.example.com',
      ],
      // Nothing deeper than a group or shard below a regional name.
      deeperRecordNames: ['*.*.*.api.example.com'],
      alarmNamePatterns: [{ prefix: 'api-' }],
      alarmRule: 'enabled',
      regions: ['us-east-2', 'eu-west-1', 'ap-northeast-1'],
      // The one key an interruption notice may be written as.
      drainTags: ['rebalancer:drain'],
      // No other account: no role to assume, no member account to admit.
      accounts: {
        assumesRoles: 'disabled',
        assumedRoleArns: [],
        admitsMemberAccounts: 'disabled',
        memberAccountPrincipals: [],
      },
      // No group listed: hooks on the groups that carry the member tag.
      hookStatements: [
        {
          Sid: 'CompleteLifecycleHooksByTag1',
          Effect: 'Allow',
          Action: [
            'autoscaling:CompleteLifecycleAction',
            'autoscaling:RecordLifecycleActionHeartbeat',
          ],
          Resource: {
            'Fn::Sub':
              'arn:${AWS::Partition}:autoscaling:*:${AWS::AccountId}:autoScalingGroup:*:autoScalingGroupName/*',
          },
          Condition: { StringEquals: { 'autoscaling:ResourceTag/rebalancer:service': ['api'] } },
        },
      ],
    });
  });

  it('no alarm prefix: no alarm rule', () => {
    const values = deployValues(
      parseConfig(
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
      ),
      'inline',
      'dev',
    );
    expect(values.alarmNamePatterns).toEqual([]);
    expect(values.alarmRule).toBe('disabled');
    expect(values.regions).toEqual(['eu-west-1']);
  });

  it('names as the IAM condition key compares them: lower case, no trailing dot, octal escapes', () => {
    expect(conditionName('api.example.com.')).toBe('api.example.com');
    expect(conditionName('*.example.com.')).toBe('\\052.example.com');
    expect(conditionName('_svc.example.com.')).toBe('_svc.example.com');
    const spec = parseConfig(
      `
hostedZoneId: /hostedzone/Z0EXAMPLE12345
ownerId: o
services:
  - name: a
    recordName: API.Example.COM.
    members: { tags: { k: v } }
    health: { alarmNamePrefix: shared- }
    regions: { us-east-2: { mode: weighted, name: US.api.example.com } }
  - name: b
    recordName: b.example.com
    members: { tags: { k: w } }
    health: { alarmNamePrefix: shared- }
    regions: { us-east-2: { mode: grouped, name: b-us.example.com } }
`,
      'inline',
    );
    expect(managedRecordNames(spec)).toEqual([
      'api.example.com',
      'us.api.example.com',
      'endpoint-*.us.api.example.com',
      'shard-*.us.api.example.com',
      'b.example.com',
      'b-us.example.com',
      'endpoint-*.b-us.example.com',
      'shard-*.b-us.example.com',
    ]);
    const values = deployValues(spec, 'inline', 'dev');
    expect(values.managedRecordNames).toEqual(managedRecordNames(spec));
    expect(values.deeperRecordNames).toEqual(['*.*.*.api.example.com', '*.*.b-us.example.com']);
    expect(values.hostedZoneId).toBe('Z0EXAMPLE12345');
    expect(values.alarmNamePatterns).toEqual([{ prefix: 'shared-' }]);
    expect(values.regions).toEqual(['us-east-2']);
  });
});

describe('build options', () => {
  it('--config wins, then config/<stage>.yml when present, then rebalancer.yml', () => {
    const exists = (path: string) => path === 'config/prod.yml';
    expect(configFor('prod', 'other.yml', exists)).toBe('other.yml');
    expect(configFor('prod', undefined, exists)).toBe('config/prod.yml');
    expect(configFor('dev', undefined, exists)).toBe('rebalancer.yml');
  });

  it('parses the arguments, with the stage defaulting to dev', () => {
    expect(parseBuildArgs([])).toEqual({ stage: 'dev', config: 'rebalancer.yml', outDir: 'dist' });
    expect(parseBuildArgs(['--stage', 'example', '--region', 'eu-west-1'])).toEqual({
      stage: 'example',
      config: 'config/example.yml',
      outDir: 'dist',
      region: 'eu-west-1',
    });
    expect(() => parseBuildArgs(['--stage', 'a b'])).toThrow(InputError);
    expect(() => parseBuildArgs(['extra'])).toThrow(InputError);
  });

  it('sums a bundle by package, the innermost package counting', () => {
    const input = (bytesInOutput: number) => ({ bytesInOutput });
    expect(
      bytesByPackage({
        'functions/intake.ts': input(5),
        'node_modules/@aws-sdk/client-sqs/dist-es/index.js': input(10),
        'node_modules/@aws-sdk/client-sqs/dist-es/x.js': input(10),
        'node_modules/a/node_modules/yaml/dist/index.js': input(7),
      }),
    ).toEqual([
      ['@aws-sdk/client-sqs', 20],
      ['yaml', 7],
      ['(project)', 5],
    ]);
  });
});

describe('literal schema keys', () => {
  it('writes computed keys naming string constants as those strings, nothing else', () => {
    const source = [
      'const _xN = "xmlName";',
      'const _q = "a\\"b";',
      'let _v = "variable";',
      'export var A$ = [3, n0, _A, 0, [_M], [[0, { [_xN]: _m, [_q]: 1, [_v]: 2, [other]: 3 }]]];',
    ].join('\n');
    expect(literalKeys(source).split('\n').at(-1)).toBe(
      'export var A$ = [3, n0, _A, 0, [_M], [[0, { "xmlName": _m, "a\\"b": 1, [_v]: 2, [other]: 3 }]]];',
    );
    expect(literalKeys('no schema here')).toBe('no schema here');
  });
});
