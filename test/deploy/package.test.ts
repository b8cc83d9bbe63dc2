import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployValues } from '../../scripts/lib/deploy-values.js';
import { hookPolicyCharacters, hookStatements } from '../../scripts/lib/hook-policy.js';
import { OSLS_BIN } from '../../scripts/lib/osls.js';
import {
  FIXED_POLICY,
  ROLE_INLINE_POLICY_LIMIT,
  writerNames,
} from '../../scripts/lib/writer-policy.js';
import { LATENCY_REGIONS } from '../../shared/domain/dns/latency-regions.js';
import { configFromValue, loadConfig } from '../../shared/formats/config/load.js';
import { builtSpecFrom } from '../../shared/formats/built-spec.js';
import { parseYaml } from '../../shared/formats/config/yaml.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import { regionSpec, serviceSpec, spec as specOf } from '../support/builders.js';
import { inlinePolicyText, nameListCharacters } from './iam-size.js';
import { readZip } from './zip.js';
import {
  homeZoneStatements,
  ZONE_ACTIONS_BEYOND_ROUTE53,
} from '../../scripts/lib/zone-statements.js';

const isZoneAction = (action: string): boolean =>
  action.startsWith('route53:') || ZONE_ACTIONS_BEYOND_ROUTE53.includes(action);

/**
 * `npm run package` for real, once: the build (validating config/example.yml,
 * the config of stage `example`), then `osls package` offline. Everything
 * below reads what it wrote: the CloudFormation template and the zips. The
 * forwarder is packaged too, for eu-west-1 forwarding to us-east-1.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAGE = 'example';
const CONFIG = 'config/example.yml';
const FUNCTIONS = ['intake', 'schedule', 'reconcile', 'manual'] as const;
const HOME_ACCOUNT = '999988887777';
type FunctionName = (typeof FUNCTIONS)[number];

interface Resource {
  readonly Type: string;
  readonly Condition?: string;
  readonly Properties: Record<string, unknown>;
}
interface Template {
  readonly Resources: Record<string, Resource>;
  readonly Conditions: Record<string, unknown>;
  readonly Outputs: Record<string, { Value: unknown }>;
}
interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}
interface RoleProperties {
  readonly AssumeRolePolicyDocument: unknown;
  readonly Policies: { PolicyName: string; PolicyDocument: { Statement: Statement[] } }[];
}

/** As CI runs it. */
function run(command: string, args: readonly string[], cwd = ROOT) {
  return spawnSync(command, args, { cwd, env: { ...process.env, CI: 'true' }, encoding: 'utf8' });
}

function mustRun(command: string, args: readonly string[], cwd = ROOT): void {
  const result = run(command, args, cwd);
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')}: exit ${result.status}\n${result.stdout}${result.stderr}`,
    );
}

const readTemplate = (path: string): Template => JSON.parse(readFileSync(path, 'utf8')) as Template;

let template: Template;
let forwarder: Template;
/** The forwarder of a member account, forwarding from the home region to account 999988887777's bus. */
let memberForwarder: Template;
let zips: Map<string, Map<string, Buffer>>;
let spec: RebalancerSpec;

beforeAll(async () => {
  mustRun('npm', ['run', 'package', '--silent', '--', '--stage', STAGE, '--region', 'us-east-1']);
  template = readTemplate(join(ROOT, '.serverless/cloudformation-template-update-stack.json'));
  zips = new Map(
    readdirSync(join(ROOT, '.serverless'))
      .filter((file) => file.endsWith('.zip'))
      .map((file) => [file, readZip(join(ROOT, '.serverless', file))]),
  );
  const forwarderArgs = ['package', '--stage', STAGE, '--region', 'eu-west-1'];
  mustRun(
    process.execPath,
    [OSLS_BIN, ...forwarderArgs, '--param', 'homeRegion=us-east-1'],
    join(ROOT, 'forwarder'),
  );
  forwarder = readTemplate(
    join(ROOT, 'forwarder/.serverless/cloudformation-template-update-stack.json'),
  );
  const memberOut = mkdtempSync(join(tmpdir(), 'rebalancer-member-forwarder-'));
  mustRun(
    process.execPath,
    [
      OSLS_BIN,
      ...['package', '--stage', STAGE, '--region', 'us-east-1', '--package', memberOut],
      ...['--param', 'homeRegion=us-east-1', '--param', `homeAccountId=${HOME_ACCOUNT}`],
    ],
    join(ROOT, 'forwarder'),
  );
  memberForwarder = readTemplate(join(memberOut, 'cloudformation-template-update-stack.json'));
  spec = await loadConfig(join(ROOT, CONFIG));
}, 120_000);

const resource = (t: Template, id: string): Resource => {
  const found = t.Resources[id];
  if (found === undefined) throw new Error(`no resource ${id}`);
  return found;
};
const ofType = (t: Template, type: string): [string, Resource][] =>
  Object.entries(t.Resources).filter(([, r]) => r.Type === type);
const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });
const logicalId = (name: FunctionName): string => name.charAt(0).toUpperCase() + name.slice(1);
const lambda = (name: FunctionName): Resource =>
  resource(template, `${logicalId(name)}LambdaFunction`);

describe('functions', () => {
  it.each(FUNCTIONS)('%s runs on nodejs22.x arm64, from its own bundle', (name) => {
    const p = lambda(name).Properties;
    expect(p).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      // The writers hold the fleet and the zone: README, "Sizing".
      MemorySize: name === 'reconcile' || name === 'manual' ? 512 : 256,
      Handler: `dist/${name}/index.handler`,
      FunctionName: `route53-rebalancer-${STAGE}-${name}`,
      Role: getAtt(`${logicalId(name)}Role`),
    });
    expect((p.Code as { S3Key: string }).S3Key).toMatch(new RegExp(`/${name}\\.zip$`));
  });

  it('each package holds its own bundle, its chunks, their source maps and the config, nothing else', () => {
    expect([...zips.keys()].sort()).toEqual(FUNCTIONS.map((f) => `${f}.zip`).sort());
    const config = parseYaml(readFileSync(join(ROOT, CONFIG), 'utf8'), CONFIG);
    for (const name of FUNCTIONS) {
      const zip = zips.get(`${name}.zip`);
      const files = [...(zip?.keys() ?? [])].sort();
      const built = readdirSync(join(ROOT, 'dist', name))
        .map((f) => `dist/${name}/${f}`)
        .sort();
      expect(files).toEqual(built);
      expect(files).toContain(`dist/${name}/index.mjs`);
      expect(files).toContain(`dist/${name}/rebalancer.json`);
      for (const file of files) {
        expect(file.startsWith(`dist/${name}/`)).toBe(true);
        if (!file.endsWith('.mjs')) continue;
        // A chunk of packages' code alone has no map (scripts/lib/bundle.ts); any other names its own.
        const named = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(
          zip?.get(file)?.toString('utf8') ?? '',
        );
        if (named === null) expect(files).not.toContain(`${file}.map`);
        else expect(`dist/${name}/${named[1] ?? ''}`).toBe(`${file}.map`);
        if (named !== null) expect(files).toContain(`${file}.map`);
      }
      // The stage's config as the build validated and resolved it, where REBALANCER_CONFIG points.
      expect(
        builtSpecFrom(zip?.get(`dist/${name}/rebalancer.json`)?.toString('utf8') ?? ''),
      ).toEqual(configFromValue(config, CONFIG));
      const code = zip?.get(`dist/${name}/index.mjs`)?.toString('utf8') ?? '';
      expect(code.startsWith("import { createRequire } from 'module';")).toBe(true);
      expect(code.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
    }
  });

  it('each function gets exactly the environment it reads', () => {
    const env = (name: FunctionName) =>
      (lambda(name).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const common = (name: FunctionName) => ({
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      POWERTOOLS_SERVICE_NAME: 'route53-rebalancer',
      REBALANCER_CONFIG: `dist/${name}/rebalancer.json`,
    });
    for (const name of ['intake', 'schedule'] as const)
      expect(env(name)).toEqual({ ...common(name), WORK_QUEUE_URL: { Ref: 'WorkQueue' } });
    expect(env('manual')).toEqual({ ...common('manual'), METRICS_NAMESPACE: 'Route53Rebalancer' });
    // Unread regions go back through the events queue, delayed, and the intake forwards them;
    // the next region of a scheduled reconcile goes to the work queue.
    expect(env('reconcile')).toEqual({
      ...common('reconcile'),
      METRICS_NAMESPACE: 'Route53Rebalancer',
      RETRY_QUEUE_URL: { Ref: 'EventsQueue' },
      WORK_QUEUE_URL: { Ref: 'WorkQueue' },
    });
  });

  it('timeouts: short for intake and schedule, 300 s for the writers', () => {
    const timeouts = Object.fromEntries(FUNCTIONS.map((f) => [f, lambda(f).Properties.Timeout]));
    expect(timeouts).toEqual({ intake: 30, schedule: 30, reconcile: 300, manual: 300 });
  });

  it('log groups keep 30 days', () => {
    for (const name of FUNCTIONS) {
      expect(resource(template, `${logicalId(name)}LogGroup`).Properties).toEqual({
        LogGroupName: `/aws/lambda/route53-rebalancer-${STAGE}-${name}`,
        RetentionInDays: 30,
      });
    }
  });
});

describe('triggers', () => {
  it('intake reads the events queue in large windows, two at a time, reporting failures per item', () => {
    const mappings = ofType(template, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(2);
    expect(resource(template, 'IntakeEventSourceMappingSQSEventsQueue').Properties).toEqual({
      BatchSize: 10000,
      MaximumBatchingWindowInSeconds: 20,
      EventSourceArn: getAtt('EventsQueue'),
      FunctionName: getAtt('IntakeLambdaFunction'),
      Enabled: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('the batching window, the schedule rate and the writers memory are deploy parameters (defaults 20 s, 5 minutes, 512 MiB)', () => {
    const out = mkdtempSync(join(tmpdir(), 'rebalancer-params-'));
    const params = [
      ...['--param', 'eventsBatchingWindow=5', '--param', 'scheduleRate=rate(1 minute)'],
      ...['--param', 'writerMemorySize=1024'],
    ];
    mustRun(process.execPath, [
      OSLS_BIN,
      'package',
      '--stage',
      STAGE,
      '--region',
      'us-east-1',
      ...params,
      '--package',
      out,
    ]);
    const given = readTemplate(join(out, 'cloudformation-template-update-stack.json'));
    const mapping = resource(given, 'IntakeEventSourceMappingSQSEventsQueue').Properties;
    expect(mapping.MaximumBatchingWindowInSeconds).toBe(5);
    const schedules = ofType(given, 'AWS::Events::Rule').flatMap(([, r]) =>
      r.Properties.ScheduleExpression === undefined ? [] : [r.Properties.ScheduleExpression],
    );
    expect(schedules).toEqual(['rate(1 minute)']);
    const memory = (id: string) => resource(given, id).Properties.MemorySize;
    expect(memory('ReconcileLambdaFunction')).toBe(1024);
    expect(memory('ManualLambdaFunction')).toBe(1024);
    expect(memory('IntakeLambdaFunction')).toBe(256);
  }, 120_000);

  it('reconcile reads the FIFO work queue ten at a time', () => {
    expect(resource(template, 'ReconcileEventSourceMappingSQSWorkQueue').Properties).toEqual({
      BatchSize: 10,
      EventSourceArn: getAtt('WorkQueue'),
      FunctionName: getAtt('ReconcileLambdaFunction'),
      Enabled: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('schedule runs every 5 minutes; manual has no trigger', () => {
    const schedules = ofType(template, 'AWS::Events::Rule').filter(
      ([, r]) => r.Properties.ScheduleExpression !== undefined,
    );
    expect(schedules.map(([, r]) => r.Properties)).toEqual([
      {
        ScheduleExpression: 'rate(5 minutes)',
        State: 'ENABLED',
        Targets: [{ Arn: getAtt('ScheduleLambdaFunction'), Id: 'scheduleSchedule' }],
      },
    ]);
    const permissions = ofType(template, 'AWS::Lambda::Permission').map(
      ([, r]) => r.Properties.FunctionName,
    );
    expect(permissions).toEqual([getAtt('ScheduleLambdaFunction')]);
    const triggers = [
      ...ofType(template, 'AWS::Lambda::EventSourceMapping'),
      ...ofType(template, 'AWS::Events::Rule'),
      ...ofType(template, 'AWS::Lambda::Permission'),
    ];
    expect(JSON.stringify(triggers)).not.toContain('ManualLambdaFunction');
  });
});

describe('queues', () => {
  const queue = (id: string) => resource(template, id).Properties;

  it('events: standard, dead-lettered after 5 receives, visible again after 6 x the intake timeout + the largest window', () => {
    const intakeTimeout = lambda('intake').Properties.Timeout as number;
    const events = queue('EventsQueue');
    expect(events.FifoQueue).toBeUndefined();
    expect(events.RedrivePolicy).toEqual({
      deadLetterTargetArn: getAtt('EventsDeadLetterQueue'),
      maxReceiveCount: 5,
    });
    // The batching window is a deploy parameter: Lambda allows up to 300 s.
    expect(events.VisibilityTimeout).toBeGreaterThanOrEqual(6 * intakeTimeout + 300);
    expect(queue('EventsDeadLetterQueue').FifoQueue).toBeUndefined();
  });

  it('work: FIFO without content deduplication, dead-lettered to a FIFO queue after 5 receives', () => {
    const reconcileTimeout = lambda('reconcile').Properties.Timeout as number;
    const work = queue('WorkQueue');
    expect(work).toMatchObject({
      QueueName: `route53-rebalancer-${STAGE}-work.fifo`,
      FifoQueue: true,
      ContentBasedDeduplication: false,
      RedrivePolicy: { deadLetterTargetArn: getAtt('WorkDeadLetterQueue'), maxReceiveCount: 5 },
    });
    expect(work.VisibilityTimeout).toBeGreaterThanOrEqual(6 * reconcileTimeout);
    expect(queue('WorkDeadLetterQueue')).toMatchObject({
      QueueName: `route53-rebalancer-${STAGE}-work-dlq.fifo`,
      FifoQueue: true,
    });
  });

  it('only the four rules may send to the events queue', () => {
    expect(ofType(template, 'AWS::SQS::QueuePolicy')).toHaveLength(1);
    expect(resource(template, 'EventsQueuePolicy').Properties).toEqual({
      Queues: [{ Ref: 'EventsQueue' }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'FromTheRulesOnly',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: getAtt('EventsQueue'),
            Condition: {
              ArnEquals: {
                'aws:SourceArn': [
                  getAtt('InstanceStateRule'),
                  getAtt('AutoScalingRule'),
                  getAtt('InterruptionRule'),
                  { 'Fn::If': ['HasAlarmRule', getAtt('AlarmRule'), { Ref: 'AWS::NoValue' }] },
                ],
              },
            },
          },
        ],
      },
    });
  });
});

const PATTERNS = {
  InstanceStateRule: {
    source: ['aws.ec2'],
    'detail-type': ['EC2 Instance State-change Notification'],
    detail: { state: ['running', 'stopping', 'stopped', 'shutting-down', 'terminated'] },
  },
  AutoScalingRule: {
    source: ['aws.autoscaling'],
    'detail-type': [
      'EC2 Instance Launch Successful',
      'EC2 Instance Terminate Successful',
      'EC2 Instance-launch Lifecycle Action',
      'EC2 Instance-terminate Lifecycle Action',
    ],
  },
  InterruptionRule: {
    source: ['aws.ec2'],
    'detail-type': [
      'EC2 Spot Instance Interruption Warning',
      'EC2 Instance Rebalance Recommendation',
    ],
  },
  AlarmRule: {
    source: ['aws.cloudwatch'],
    'detail-type': ['CloudWatch Alarm State Change'],
    // config/example.yml: api- and web-
    detail: { alarmName: [{ prefix: 'api-' }, { prefix: 'web-' }] },
  },
};

describe('event rules', () => {
  it.each(Object.entries(PATTERNS))(
    '%s matches exactly its events, into the events queue',
    (id, pattern) => {
      expect(resource(template, id).Properties.EventPattern).toEqual(pattern);
      expect(resource(template, id).Properties.Targets).toEqual([
        { Id: 'events-queue', Arn: getAtt('EventsQueue') },
      ]);
    },
  );

  it('the alarm rule exists only when a service names an alarm prefix', () => {
    expect(resource(template, 'AlarmRule').Condition).toBe('HasAlarmRule');
    expect(template.Conditions.HasAlarmRule).toEqual({ 'Fn::Equals': ['enabled', 'enabled'] });
    const prefixes = spec.services.flatMap((s) => s.health.alarmNamePrefix ?? []);
    expect(PATTERNS.AlarmRule.detail.alarmName).toEqual(prefixes.map((prefix) => ({ prefix })));
  });

  it('the home bus accepts events forwarded from the account', () => {
    expect(resource(template, 'ForwardedEventsPolicy').Properties).toEqual({
      EventBusName: 'default',
      StatementId: `route53-rebalancer-${STAGE}-forwarded`,
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
        Action: 'events:PutEvents',
        Resource: {
          'Fn::Sub':
            'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default',
        },
      },
    });
    expect(template.Outputs.ConfiguredRegions?.Value).toEqual({
      'Fn::Join': [',', ['us-east-2', 'eu-west-1']],
    });
  });
});

describe('alarms', () => {
  const ACTIONS = { 'Fn::If': ['HasAlarmTopic', [''], { Ref: 'AWS::NoValue' }] };

  it('dead letters, function errors, fail-open, unread regions and fleets too large, each above 0, to the optional topic', () => {
    const alarms = ofType(template, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
    const watched = alarms.map((a) =>
      a.Metrics === undefined
        ? `${String(a.Namespace)} ${String(a.MetricName)} ${JSON.stringify(a.Dimensions)}`
        : JSON.stringify(a.Metrics),
    );
    expect(watched.sort()).toEqual(
      [
        `AWS/SQS ApproximateNumberOfMessagesVisible [{"Name":"QueueName","Value":{"Fn::GetAtt":["EventsDeadLetterQueue","QueueName"]}}]`,
        `AWS/SQS ApproximateNumberOfMessagesVisible [{"Name":"QueueName","Value":{"Fn::GetAtt":["WorkDeadLetterQueue","QueueName"]}}]`,
        ...FUNCTIONS.map(
          (f) =>
            `AWS/Lambda Errors [{"Name":"FunctionName","Value":{"Ref":"${logicalId(f)}LambdaFunction"}}]`,
        ),
        // The published dimensions of every point: Service and Region (shared/app/metrics.ts metricsOf).
        JSON.stringify([
          {
            Id: 'failOpen',
            Expression: 'SELECT MAX(FailOpen) FROM SCHEMA("Route53Rebalancer", Region, Service)',
            Period: 300,
            ReturnData: true,
          },
        ]),
        // Published, without dimensions, when a reconcile is refused for memory (shared/app/reconcile.ts).
        'Route53Rebalancer FleetTooLarge undefined',
        // Published when the reconcile gives a region up (shared/app/queued-work.ts), same dimensions.
        JSON.stringify([
          {
            Id: 'unreadRegions',
            Expression:
              'SELECT MAX(UnreadRegions) FROM SCHEMA("Route53Rebalancer", Region, Service)',
            Period: 300,
            ReturnData: true,
          },
        ]),
      ].sort(),
    );
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: ACTIONS,
        OKActions: ACTIONS,
      });
    }
    expect(template.Conditions.HasAlarmTopic).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });
    expect(resource(template, 'FailOpenAlarm').Condition).toBe('PublishesMetrics');
    expect(resource(template, 'UnreadRegionsAlarm').Condition).toBe('PublishesMetrics');
    expect(resource(template, 'UnreadRegionsAlarm').Properties.AlarmName).toBe(
      `route53-rebalancer-${STAGE}-unread-regions`,
    );
    expect(resource(template, 'FleetTooLargeAlarm').Condition).toBe('PublishesMetrics');
  });
});

/** The managed names, derived here from the bundled config, in its order: names without their trailing dot. */
function expectedNames(s: RebalancerSpec): string[] {
  const bare = (name: string) => name.replace(/\.$/, '');
  const names = s.services.flatMap((service) => [
    bare(service.recordName),
    ...service.regions.flatMap((r) => [
      bare(r.name),
      `endpoint-*.${bare(r.name)}`,
      `shard-*.${bare(r.name)}`,
    ]),
  ]);
  return [...new Set(names)];
}

describe('IAM: one role per function, least privilege', () => {
  const sub = (value: string) => ({ 'Fn::Sub': value });
  const logs = (name: FunctionName): Statement => ({
    Sid: 'OwnLogGroup',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: sub(
      `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/route53-rebalancer-${STAGE}-${name}:*`,
    ),
  });
  const receive = (queue: string, sid: string): Statement => ({
    Sid: sid,
    Effect: 'Allow',
    Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
    Resource: getAtt(queue),
  });
  const sendWork: Statement = {
    Sid: 'SendWork',
    Effect: 'Allow',
    Action: 'sqs:SendMessage',
    Resource: getAtt('WorkQueue'),
  };
  const zone = sub('arn:${AWS::Partition}:route53:::hostedzone/Z0EXAMPLE12345');
  const DEEPER = ['*.*.*.api.example.com', '*.*.*.www.example.com'];
  const rebalance = (names: string[]): Statement[] => [
    {
      Sid: 'WriteManagedRecords',
      Effect: 'Allow',
      Action: 'route53:ChangeResourceRecordSets',
      Resource: zone,
      Condition: {
        'ForAllValues:StringLike': {
          'route53:ChangeResourceRecordSetsNormalizedRecordNames': names,
        },
        // The types and actions the planner writes: A or AAAA records, TXT ownership markers.
        'ForAllValues:StringEquals': {
          'route53:ChangeResourceRecordSetsRecordTypes': ['A', 'AAAA', 'TXT'],
          'route53:ChangeResourceRecordSetsActions': ['CREATE', 'DELETE'],
        },
      },
    },
    {
      Sid: 'NoDeeperNames',
      Effect: 'Deny',
      Action: 'route53:ChangeResourceRecordSets',
      Resource: zone,
      Condition: {
        'ForAnyValue:StringLike': {
          'route53:ChangeResourceRecordSetsNormalizedRecordNames': DEEPER,
        },
      },
    },
    {
      Sid: 'ReadZone',
      Effect: 'Allow',
      Action: ['route53:GetHostedZone', 'route53:ListResourceRecordSets'],
      Resource: zone,
    },
    {
      Sid: 'WaitForChanges',
      Effect: 'Allow',
      Action: 'route53:GetChange',
      Resource: sub('arn:${AWS::Partition}:route53:::change/*'),
    },
    // Health checks: Create and List have no resource type, so "*"; the rest on health-check ARNs.
    {
      Sid: 'CreateHealthChecks',
      Effect: 'Allow',
      Action: ['route53:CreateHealthCheck', 'route53:ListHealthChecks'],
      Resource: '*',
    },
    {
      Sid: 'OwnHealthChecks',
      Effect: 'Allow',
      Action: [
        'route53:DeleteHealthCheck',
        'route53:GetHealthCheckStatus',
        'route53:ChangeTagsForResource',
        'route53:ListTagsForResources',
      ],
      Resource: sub('arn:${AWS::Partition}:route53:::healthcheck/*'),
    },
    {
      Sid: 'ReadHealthCheckStatus',
      Effect: 'Allow',
      Action: 'cloudwatch:GetMetricData',
      Resource: '*',
    },
    {
      Sid: 'ReadFleetAndAlarms',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeInstanceStatus',
        'cloudwatch:DescribeAlarms',
        'autoscaling:DescribeAutoScalingInstances',
      ],
      Resource: '*',
    },
  ];

  const role = (id: string): RoleProperties =>
    resource(template, id).Properties as unknown as RoleProperties;
  const statements = (r: RoleProperties): Statement[] =>
    r.Policies.flatMap((p) => p.PolicyDocument.Statement);
  const actions = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

  it('the roles are the four of the functions, trusted by Lambda only', () => {
    expect(
      ofType(template, 'AWS::IAM::Role')
        .map(([id]) => id)
        .sort(),
    ).toEqual(['IntakeRole', 'ManualRole', 'ReconcileRole', 'ScheduleRole']);
    for (const name of FUNCTIONS) {
      expect(role(`${logicalId(name)}Role`).AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      });
    }
  });

  it("the managed names are the config's names, lower case, without the trailing dot", () => {
    const write = statements(role('ReconcileRole')).find((s) => s.Sid === 'WriteManagedRecords');
    const condition = write?.Condition as Record<string, Record<string, string[]>> | undefined;
    const names =
      condition?.['ForAllValues:StringLike']?.[
        'route53:ChangeResourceRecordSetsNormalizedRecordNames'
      ];
    expect(names).toEqual(expectedNames(spec));
    expect(names).toEqual([
      'api.example.com',
      'us-east-2.api.example.com',
      'endpoint-*.us-east-2.api.example.com',
      'shard-*.us-east-2.api.example.com',
      'eu-west-1.api.example.com',
      'endpoint-*.eu-west-1.api.example.com',
      'shard-*.eu-west-1.api.example.com',
      'www.example.com',
      'us-east.www.example.com',
      'endpoint-*.us-east.www.example.com',
      'shard-*.us-east.www.example.com',
    ]);
  });

  it('every statement of every role, exactly', () => {
    const names = expectedNames(spec);
    expect(statements(role('IntakeRole'))).toEqual([
      logs('intake'),
      receive('EventsQueue', 'ReadEventsQueue'),
      sendWork,
    ]);
    expect(statements(role('ScheduleRole'))).toEqual([logs('schedule'), sendWork]);
    expect(statements(role('ReconcileRole'))).toEqual([
      logs('reconcile'),
      receive('WorkQueue', 'ReadWorkQueue'),
      {
        Sid: 'SendRetries',
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        // Retries to the events queue; the next slice of a scheduled reconcile to the work queue.
        Resource: [
          { 'Fn::GetAtt': ['EventsQueue', 'Arn'] },
          { 'Fn::GetAtt': ['WorkQueue', 'Arn'] },
        ],
      },
      {
        Sid: 'TagDrains',
        Effect: 'Allow',
        Action: 'ec2:CreateTags',
        Resource: sub('arn:${AWS::Partition}:ec2:*:${AWS::AccountId}:instance/*'),
        // Only the configured drain tags: config/example.yml's rebalancer:drain.
        Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['rebalancer:drain'] } },
      },
      // Lifecycle hooks on the configured groups only: web lists web-prod, so by its ARN;
      // api lists none, so the groups tagged with its member tag.
      {
        Sid: 'CompleteLifecycleHooksOfGroups',
        Effect: 'Allow',
        Action: [
          'autoscaling:CompleteLifecycleAction',
          'autoscaling:RecordLifecycleActionHeartbeat',
        ],
        Resource: [
          sub(
            'arn:${AWS::Partition}:autoscaling:*:${AWS::AccountId}:autoScalingGroup:*:autoScalingGroupName/web-prod',
          ),
        ],
      },
      {
        Sid: 'CompleteLifecycleHooksByTag1',
        Effect: 'Allow',
        Action: [
          'autoscaling:CompleteLifecycleAction',
          'autoscaling:RecordLifecycleActionHeartbeat',
        ],
        Resource: sub(
          'arn:${AWS::Partition}:autoscaling:*:${AWS::AccountId}:autoScalingGroup:*:autoScalingGroupName/*',
        ),
        Condition: { StringEquals: { 'autoscaling:ResourceTag/rebalancer:service': ['api'] } },
      },
      ...rebalance(names),
    ]);
    expect(statements(role('ManualRole'))).toEqual([logs('manual'), ...rebalance(names)]);
  });

  it("the zone account's statements (dist/zone-account.json) are the packaged writer policy's Route 53 and health-check ones", async () => {
    const zone = await homeZoneStatements(deployValues(spec, CONFIG, STAGE));
    const sids = zone.map((s) => s.Sid);
    expect(sids).toEqual([
      'WriteManagedRecords',
      'NoDeeperNames',
      'ReadZone',
      'WaitForChanges',
      'CreateHealthChecks',
      'OwnHealthChecks',
      'ReadHealthCheckStatus',
    ]);
    for (const id of ['ReconcileRole', 'ManualRole']) {
      const packaged = statements(role(id)).filter((s) => actions(s).some(isZoneAction));
      expect(zone).toEqual(packaged);
    }
  });

  it('no wildcard action anywhere; no wildcard resource for Route 53 or SQS but the two health-check calls that have no resource type', () => {
    const all = [
      ...ofType(template, 'AWS::IAM::Role'),
      ...ofType(forwarder, 'AWS::IAM::Role'),
    ].flatMap(([, r]) => statements(r.Properties as unknown as RoleProperties));
    expect(all.length).toBeGreaterThan(0);
    // The one Deny narrows the writers' Allow; everything else is an Allow.
    expect(all.filter((st) => st.Effect !== 'Allow').map((st) => st.Sid)).toEqual([
      'NoDeeperNames',
      'NoDeeperNames',
    ]);
    for (const statement of all) {
      for (const action of actions(statement)) {
        expect(action).not.toContain('*');
        const unscoped = ['route53:CreateHealthCheck', 'route53:ListHealthChecks'].includes(action);
        if (/^(route53|sqs):/.test(action) && !unscoped) expect(statement.Resource).not.toBe('*');
      }
    }
    const wildcard = all
      .filter((s) => s.Resource === '*')
      .flatMap(actions)
      .sort();
    expect(wildcard).toEqual([
      'autoscaling:DescribeAutoScalingInstances',
      'autoscaling:DescribeAutoScalingInstances',
      'cloudwatch:DescribeAlarms',
      'cloudwatch:DescribeAlarms',
      'cloudwatch:GetMetricData',
      'cloudwatch:GetMetricData',
      'ec2:DescribeInstanceStatus',
      'ec2:DescribeInstanceStatus',
      'ec2:DescribeInstanceTypes',
      'ec2:DescribeInstanceTypes',
      'ec2:DescribeInstances',
      'ec2:DescribeInstances',
      'route53:CreateHealthCheck',
      'route53:CreateHealthCheck',
      'route53:ListHealthChecks',
      'route53:ListHealthChecks',
    ]);
  });
});

describe('IAM: the writer roles fit IAM’s inline policy quota', () => {
  it('reconcile and manual, resolved for the longest account values, within 10,240 characters and the build’s figure', () => {
    const estimate = writerNames(spec, STAGE, CONFIG).characters;
    for (const role of ['ReconcileRole', 'ManualRole']) {
      const text = inlinePolicyText(template, role);
      expect(text.length).toBeLessThanOrEqual(estimate);
      expect(text.length).toBeLessThanOrEqual(ROLE_INLINE_POLICY_LIMIT);
    }
    // The estimate is the reconcile role's, with little slack.
    expect(estimate - inlinePolicyText(template, 'ReconcileRole').length).toBeLessThan(100);
  });

  it('the build’s fixed part: a base, the stage four times, the hosted zone id three times, the hook policy', () => {
    const text = inlinePolicyText(template, 'ReconcileRole');
    const count = (needle: string) => text.split(needle).length - 1;
    expect(count(`route53-rebalancer-${STAGE}-`)).toBe(FIXED_POLICY.perStageCharacter);
    expect(count(spec.hostedZoneId)).toBe(FIXED_POLICY.perZoneIdCharacter);
    const fixed =
      text.length -
      nameListCharacters(template, 'ReconcileRole') -
      STAGE.length * FIXED_POLICY.perStageCharacter -
      spec.hostedZoneId.length * FIXED_POLICY.perZoneIdCharacter -
      hookPolicyCharacters(hookStatements(spec, CONFIG));
    expect(fixed).toBeLessThanOrEqual(FIXED_POLICY.base);
    expect(FIXED_POLICY.base - fixed).toBeLessThan(100);
  });

  describe('the README’s fleet: 50 services × 20 regions, packaged', () => {
    const BIG = 'fleet-of-fifty';
    let big: Template;
    let bigSpec: RebalancerSpec;

    beforeAll(() => {
      // A copy of the service beside the deploy values the build would write, so
      // the project's own dist/ and .serverless/ stay as the suite above left them.
      const dir = mkdtempSync(join(tmpdir(), 'rebalancer-fleet-'));
      mkdirSync(join(dir, 'forwarder'));
      copyFileSync(join(ROOT, 'serverless.yml'), join(dir, 'serverless.yml'));
      copyFileSync(
        join(ROOT, 'forwarder/event-patterns.yml'),
        join(dir, 'forwarder/event-patterns.yml'),
      );
      for (const name of FUNCTIONS) {
        mkdirSync(join(dir, 'dist', name), { recursive: true });
        writeFileSync(join(dir, 'dist', name, 'index.mjs'), 'export const handler = () => {};\n');
      }
      bigSpec = specOf(
        Array.from({ length: 50 }, (_, i) => {
          const recordName = `service-${i}.example.com.`;
          return serviceSpec({
            name: `service-${i}`,
            recordName,
            regions: LATENCY_REGIONS.slice(0, 20).map((r) => regionSpec(r, {}, recordName)),
          });
        }),
      );
      const values = deployValues(bigSpec, 'fleet.yml', BIG);
      writeFileSync(join(dir, 'dist/deploy-values.json'), JSON.stringify({ [BIG]: values }));
      mustRun(
        process.execPath,
        [OSLS_BIN, 'package', '--stage', BIG, '--region', 'us-east-1'],
        dir,
      );
      big = readTemplate(join(dir, '.serverless/cloudformation-template-update-stack.json'));
    }, 60_000);

    it('its writer roles fit in 10,240 characters, as the build figured', () => {
      const estimate = writerNames(bigSpec, BIG, 'fleet.yml').characters;
      for (const role of ['ReconcileRole', 'ManualRole']) {
        const length = inlinePolicyText(big, role).length;
        expect(length).toBeLessThanOrEqual(estimate);
        expect(length).toBeLessThanOrEqual(ROLE_INLINE_POLICY_LIMIT);
      }
    });
  });
});

describe('forwarder (eu-west-1 -> us-east-1)', () => {
  const homeBus = {
    'Fn::Sub': [
      'arn:${AWS::Partition}:events:us-east-1:${HomeAccount}:event-bus/default',
      { HomeAccount: { 'Fn::If': ['InMemberAccount', '', { Ref: 'AWS::AccountId' }] } },
    ],
  };

  it('forwards the same events to the home bus, with a role that may only put there', () => {
    for (const [id, pattern] of Object.entries(PATTERNS)) {
      const rule = resource(forwarder, id);
      expect(rule.Properties.EventPattern).toEqual(pattern);
      expect(rule.Properties.Targets).toEqual([
        { Id: 'home-bus', Arn: homeBus, RoleArn: getAtt('ForwardRole') },
      ]);
    }
    expect(ofType(forwarder, 'AWS::Events::Rule')).toHaveLength(4);
    expect(resource(forwarder, 'ForwardRole').Properties).toEqual({
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'forward',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'PutOnTheHomeBusOnly',
                Effect: 'Allow',
                Action: 'events:PutEvents',
                Resource: homeBus,
              },
            ],
          },
        },
      ],
    });
  });

  it('creates nothing in the home region itself', () => {
    expect(forwarder.Conditions.ForwardsHere).toEqual({
      'Fn::Or': [
        { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }] },
        { Condition: 'InMemberAccount' },
      ],
    });
    // Without homeAccountId it is the home account's own forwarder.
    expect(forwarder.Conditions.InMemberAccount).toEqual({
      'Fn::Not': [{ 'Fn::Equals': ['', ''] }],
    });
    for (const id of ['ForwardRole', 'InstanceStateRule', 'AutoScalingRule'])
      expect(resource(forwarder, id).Condition).toBe('ForwardsHere');
    expect(resource(forwarder, 'AlarmRule').Condition).toBe('ForwardsAlarms');
  });
});

describe('forwarder in a member account (us-east-1 -> the home account’s us-east-1)', () => {
  const homeBus = {
    'Fn::Sub': [
      'arn:${AWS::Partition}:events:us-east-1:${HomeAccount}:event-bus/default',
      { HomeAccount: { 'Fn::If': ['InMemberAccount', HOME_ACCOUNT, { Ref: 'AWS::AccountId' }] } },
    ],
  };

  it('forwards from the home region too, to the home account’s bus, and may put only there', () => {
    expect(memberForwarder.Conditions.InMemberAccount).toEqual({
      'Fn::Not': [{ 'Fn::Equals': ['', HOME_ACCOUNT] }],
    });
    for (const id of Object.keys(PATTERNS))
      expect(resource(memberForwarder, id).Properties.Targets).toEqual([
        { Id: 'home-bus', Arn: homeBus, RoleArn: getAtt('ForwardRole') },
      ]);
    const role = resource(memberForwarder, 'ForwardRole').Properties as unknown as RoleProperties;
    expect(role.Policies.flatMap((p) => p.PolicyDocument.Statement)).toEqual([
      {
        Sid: 'PutOnTheHomeBusOnly',
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: homeBus,
      },
    ]);
  });
});

describe('the forwarder’s homeAccountId param', () => {
  it.each(['12345', '9999-8888-7777'])(
    'refuses %s in one line, before anything is packaged',
    (bad) => {
      const result = run(
        process.execPath,
        [
          ...[OSLS_BIN, 'print', '--stage', STAGE, '--region', 'us-east-1'],
          ...['--param', 'homeRegion=us-east-1', '--param', `homeAccountId=${bad}`],
        ],
        join(ROOT, 'forwarder'),
      );
      const output = `${result.stdout}${result.stderr}`;
      expect(result.status).not.toBe(0);
      expect(output).toContain(
        `Cannot resolve variable at "custom.homeAccountId": Cannot resolve "home-account.cjs": Returned JS function errored with: param homeAccountId: expected the home account's 12-digit id (or nothing, when this is the home account), got "${bad}"`,
      );
      expect(output).not.toMatch(/^\s+at /m);
    },
  );
});

describe('other accounts (config/example.yml has none)', () => {
  const bus = {
    'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default',
  };

  it('the writers may assume exactly the configured roles, in a managed policy that exists only then', () => {
    expect(template.Conditions.AssumesRoles).toEqual({ 'Fn::Equals': ['enabled', 'disabled'] });
    expect(resource(template, 'AssumeMemberRolesPolicy')).toEqual({
      Type: 'AWS::IAM::ManagedPolicy',
      Condition: 'AssumesRoles',
      Properties: {
        Roles: [{ Ref: 'ReconcileRole' }, { Ref: 'ManualRole' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AssumeConfiguredRoles',
              Effect: 'Allow',
              Action: 'sts:AssumeRole',
              Resource: deployValues(spec, CONFIG, STAGE).accounts.assumedRoleArns,
            },
          ],
        },
      },
    });
  });

  it('the home bus admits exactly the member accounts, or one organization instead', () => {
    expect(template.Conditions.AdmitsMemberAccounts).toEqual({
      'Fn::And': [
        { 'Fn::Equals': ['enabled', 'disabled'] },
        { 'Fn::Not': [{ Condition: 'AdmitsOrganization' }] },
      ],
    });
    expect(template.Conditions.AdmitsOrganization).toEqual({
      'Fn::Not': [{ 'Fn::Equals': ['', ''] }],
    });
    expect(resource(template, 'MemberAccountsEventsPolicy')).toEqual({
      Type: 'AWS::Events::EventBusPolicy',
      Condition: 'AdmitsMemberAccounts',
      Properties: {
        EventBusName: 'default',
        StatementId: `route53-rebalancer-${STAGE}-member-accounts`,
        Statement: {
          Effect: 'Allow',
          Principal: { AWS: deployValues(spec, CONFIG, STAGE).accounts.memberAccountPrincipals },
          Action: 'events:PutEvents',
          Resource: bus,
        },
      },
    });
    expect(resource(template, 'OrganizationEventsPolicy')).toEqual({
      Type: 'AWS::Events::EventBusPolicy',
      Condition: 'AdmitsOrganization',
      Properties: {
        EventBusName: 'default',
        StatementId: `route53-rebalancer-${STAGE}-member-organization`,
        Statement: {
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: bus,
          Condition: { StringEquals: { 'aws:PrincipalOrgID': '' } },
        },
      },
    });
  });
});

describe('a stage that was not built', () => {
  it('cannot be packaged: its config was never validated', () => {
    const result = run(process.execPath, [OSLS_BIN, 'print', '--stage', 'not-built'], ROOT);
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain(
      'Cannot resolve variable at "custom.build"',
    );
  });
});
