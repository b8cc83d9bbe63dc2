import 'aws-sdk-client-mock-vitest/extend';
import {
  AutoScalingClient,
  AutoScalingServiceException,
  CompleteLifecycleActionCommand,
  DescribeAutoScalingInstancesCommand,
  RecordLifecycleActionHeartbeatCommand,
} from '@aws-sdk/client-auto-scaling';
import type { AutoScalingInstanceDetails } from '@aws-sdk/client-auto-scaling';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAutoScalingAdapter,
  isNoActiveLifecycleAction,
} from '../../shared/aws/autoscaling.js';
import type { AutoScalingAdapter } from '../../shared/aws/autoscaling.js';
import { AwsCallError } from '../../shared/domain/errors.js';
import type { LifecycleActionRef } from '../../shared/domain/fleet/lifecycle-action.js';

const REGION = 'us-east-2';

const autoScaling = mockClient(AutoScalingClient);

afterEach(() => {
  autoScaling.reset();
});

function adapter(): AutoScalingAdapter {
  return createAutoScalingAdapter(new AutoScalingClient({ region: REGION }), REGION);
}

function ids(count: number): string[] {
  return Array.from({ length: count }, (_, n) => `i-${n.toString(16).padStart(17, '0')}`);
}

function record(id: string, state = 'InService', group = 'api-prod'): AutoScalingInstanceDetails {
  return {
    InstanceId: id,
    AutoScalingGroupName: group,
    AvailabilityZone: 'us-east-2a',
    LifecycleState: state,
    HealthStatus: 'HEALTHY',
    ProtectedFromScaleIn: false,
  };
}

function describeInputs() {
  return autoScaling
    .commandCalls(DescribeAutoScalingInstancesCommand)
    .map((call) => call.args[0].input);
}

/** An error as the SDK raises it for Auto Scaling's query-protocol ErrorResponse. */
function serviceError(name: string, message: string): AutoScalingServiceException {
  return new AutoScalingServiceException({
    name,
    message,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

const action: LifecycleActionRef = {
  autoScalingGroupName: 'api-prod',
  lifecycleHookName: 'drain-dns',
  lifecycleActionToken: '87654321-4321-4321-4321-210987654321',
  instanceId: 'i-0a4e7c1d9b2f30002',
};

const expired = serviceError(
  'ValidationError',
  'No active Lifecycle Action found with token 87654321-4321-4321-4321-210987654321',
);

describe('lifecycleStates', () => {
  it('asks for 120 ids in batches of 50, 50 and 20, 50 records a page', async () => {
    autoScaling.on(DescribeAutoScalingInstancesCommand).resolves({ AutoScalingInstances: [] });
    const all = ids(120);
    const reader = adapter();

    await reader.lifecycleStates(all);

    expect(describeInputs()).toStrictEqual([
      { InstanceIds: all.slice(0, 50), MaxRecords: 50 },
      { InstanceIds: all.slice(50, 100), MaxRecords: 50 },
      { InstanceIds: all.slice(100), MaxRecords: 50 },
    ]);
    expect(reader.calls()).toBe(3);
  });

  it('maps each id in a group to its group and lifecycle state; ids in no group are absent', async () => {
    const [a, b, c, d] = ids(4) as [string, string, string, string];
    autoScaling.on(DescribeAutoScalingInstancesCommand).resolves({
      AutoScalingInstances: [
        record(a, 'InService'),
        record(b, 'Terminating:Wait'),
        record(d, 'Warmed:Running', 'web-prod'),
      ],
    });

    const states = await adapter().lifecycleStates([a, b, c, d]);

    expect(states).toStrictEqual(
      new Map([
        [a, { group: 'api-prod', state: 'InService' }],
        [b, { group: 'api-prod', state: 'Terminating:Wait' }],
        [d, { group: 'web-prod', state: 'Warmed:Running' }],
      ]),
    );
    expect(states.has(c)).toBe(false);
  });

  it('follows NextToken, sending it only after the first page', async () => {
    const [a, b, c] = ids(3) as [string, string, string];
    autoScaling
      .on(DescribeAutoScalingInstancesCommand)
      .resolves({ AutoScalingInstances: [record(a)], NextToken: 'page-2' })
      .on(DescribeAutoScalingInstancesCommand, { NextToken: 'page-2' })
      .resolves({ AutoScalingInstances: [record(b, 'Pending:Wait')], NextToken: 'page-3' })
      .on(DescribeAutoScalingInstancesCommand, { NextToken: 'page-3' })
      .resolves({ AutoScalingInstances: [record(c, 'Standby')] });
    const reader = adapter();

    const states = await reader.lifecycleStates([a, b, c]);

    expect([...states].map(([id, s]) => [id, s.state])).toStrictEqual([
      [a, 'InService'],
      [b, 'Pending:Wait'],
      [c, 'Standby'],
    ]);
    expect(describeInputs()).toStrictEqual([
      { InstanceIds: [a, b, c], MaxRecords: 50 },
      { InstanceIds: [a, b, c], MaxRecords: 50, NextToken: 'page-2' },
      { InstanceIds: [a, b, c], MaxRecords: 50, NextToken: 'page-3' },
    ]);
    expect(reader.calls()).toBe(3);
  });

  it('asks for each id once, and sends nothing for none', async () => {
    autoScaling.on(DescribeAutoScalingInstancesCommand).resolves({});
    const [a, b] = ids(2) as [string, string];

    expect(await adapter().lifecycleStates([])).toStrictEqual(new Map());
    expect(describeInputs()).toStrictEqual([]);

    await adapter().lifecycleStates([a, b, a]);
    expect(describeInputs()).toStrictEqual([{ InstanceIds: [a, b], MaxRecords: 50 }]);
  });

  it('keeps only the ids it asked for and skips records missing a field', async () => {
    const [a, b, stranger] = ids(3) as [string, string, string];
    autoScaling.on(DescribeAutoScalingInstancesCommand).resolves({
      AutoScalingInstances: [
        record(a),
        { ...record(b), LifecycleState: undefined },
        record(stranger),
      ],
    });

    const states = await adapter().lifecycleStates([a, b]);

    expect([...states.keys()]).toStrictEqual([a]);
  });

  it('fails clearly when a NextToken comes back, instead of looping', async () => {
    autoScaling
      .on(DescribeAutoScalingInstancesCommand)
      .resolves({ AutoScalingInstances: [], NextToken: 't-1' })
      .on(DescribeAutoScalingInstancesCommand, { NextToken: 't-1' })
      .resolves({ AutoScalingInstances: [], NextToken: 't-2' })
      .on(DescribeAutoScalingInstancesCommand, { NextToken: 't-2' })
      .resolves({ AutoScalingInstances: [], NextToken: 't-1' });

    const read = adapter().lifecycleStates(ids(2));

    await expect(read).rejects.toBeInstanceOf(AwsCallError);
    await expect(read).rejects.toThrow(
      'DescribeAutoScalingInstances in us-east-2 failed: PaginationError: NextToken t-1 came back a second time; stopped rather than loop',
    );
    expect(describeInputs()).toHaveLength(3);
  });

  it('stops after 50 pages of fresh tokens for one batch', async () => {
    let page = 0;
    autoScaling.on(DescribeAutoScalingInstancesCommand).callsFake(() => {
      page += 1;
      return { AutoScalingInstances: [], NextToken: `t-${page}` };
    });

    const read = adapter().lifecycleStates(ids(2));

    await expect(read).rejects.toThrow(
      'DescribeAutoScalingInstances in us-east-2 failed: PaginationError: more than 50 pages for 2 instance ids',
    );
    expect(describeInputs()).toHaveLength(50);
  });

  it('wraps a failure as an AwsCallError naming the call and the region', async () => {
    autoScaling
      .on(DescribeAutoScalingInstancesCommand)
      .rejects(serviceError('Throttling', 'Rate exceeded'));

    const read = adapter().lifecycleStates(ids(1));

    await expect(read).rejects.toBeInstanceOf(AwsCallError);
    await expect(read).rejects.toThrow(
      'DescribeAutoScalingInstances in us-east-2 failed: Throttling: Rate exceeded',
    );
  });
});

describe('completeLifecycleAction', () => {
  it('sends the group, hook, token and instance with the result', async () => {
    autoScaling.on(CompleteLifecycleActionCommand).resolves({});
    const client = adapter();

    expect(await client.completeLifecycleAction(action, 'CONTINUE')).toBe('completed');
    expect(await client.completeLifecycleAction(action, 'ABANDON')).toBe('completed');

    const inputs = autoScaling
      .commandCalls(CompleteLifecycleActionCommand)
      .map((call) => call.args[0].input);
    const target = {
      AutoScalingGroupName: 'api-prod',
      LifecycleHookName: 'drain-dns',
      LifecycleActionToken: '87654321-4321-4321-4321-210987654321',
      InstanceId: 'i-0a4e7c1d9b2f30002',
    };
    expect(inputs).toStrictEqual([
      { ...target, LifecycleActionResult: 'CONTINUE' },
      { ...target, LifecycleActionResult: 'ABANDON' },
    ]);
    expect(client.calls()).toBe(2);
  });

  it('says gone, once, for a token that expired or was used', async () => {
    autoScaling.on(CompleteLifecycleActionCommand).rejects(expired);

    expect(await adapter().completeLifecycleAction(action, 'CONTINUE')).toBe('gone');
    expect(autoScaling.commandCalls(CompleteLifecycleActionCommand)).toHaveLength(1);
  });

  it('throws an AwsCallError for any other ValidationError', async () => {
    autoScaling
      .on(CompleteLifecycleActionCommand)
      .rejects(serviceError('ValidationError', 'AutoScalingGroup name not found - api-prod'));

    await expect(adapter().completeLifecycleAction(action, 'CONTINUE')).rejects.toThrow(
      'CompleteLifecycleAction in us-east-2 failed: ValidationError: AutoScalingGroup name not found - api-prod',
    );
  });

  it('throws an AwsCallError for a failure that is not a ValidationError', async () => {
    autoScaling
      .on(CompleteLifecycleActionCommand)
      .rejects(serviceError('AccessDenied', 'User is not authorized'));

    const call = adapter().completeLifecycleAction(action, 'ABANDON');

    await expect(call).rejects.toBeInstanceOf(AwsCallError);
    await expect(call).rejects.toThrow(
      'CompleteLifecycleAction in us-east-2 failed: AccessDenied: User is not authorized',
    );
  });
});

describe('recordHeartbeat', () => {
  it('sends the group, hook, token and instance', async () => {
    autoScaling.on(RecordLifecycleActionHeartbeatCommand).resolves({});

    expect(await adapter().recordHeartbeat(action)).toBe('recorded');
    expect(autoScaling).toHaveReceivedCommandWith(RecordLifecycleActionHeartbeatCommand, {
      AutoScalingGroupName: 'api-prod',
      LifecycleHookName: 'drain-dns',
      LifecycleActionToken: '87654321-4321-4321-4321-210987654321',
      InstanceId: 'i-0a4e7c1d9b2f30002',
    });
  });

  it('says gone when the action timed out', async () => {
    autoScaling.on(RecordLifecycleActionHeartbeatCommand).rejects(expired);

    expect(await adapter().recordHeartbeat(action)).toBe('gone');
  });

  it('throws an AwsCallError for anything else', async () => {
    autoScaling
      .on(RecordLifecycleActionHeartbeatCommand)
      .rejects(serviceError('ResourceContention', 'You already have a pending update'));

    await expect(adapter().recordHeartbeat(action)).rejects.toThrow(
      'RecordLifecycleActionHeartbeat in us-east-2 failed: ResourceContention: You already have a pending update',
    );
  });
});

describe('isNoActiveLifecycleAction', () => {
  it.each([
    [
      'by token',
      'No active Lifecycle Action found with token 87654321-4321-4321-4321-210987654321',
    ],
    ['by instance', 'No active Lifecycle Action found with instance ID i-0a4e7c1d9b2f30002'],
  ])('knows the ValidationError asked %s', (_, message) => {
    const error = serviceError('ValidationError', message);
    expect(isNoActiveLifecycleAction(error)).toBe(true);
    expect(
      isNoActiveLifecycleAction(new AwsCallError('CompleteLifecycleAction', REGION, error)),
    ).toBe(true);
  });

  it.each([
    ['another ValidationError', serviceError('ValidationError', 'Unable to find lifecycle hook')],
    [
      'the wording under another name',
      serviceError('Throttling', 'No active Lifecycle Action found'),
    ],
    ['something that is no error', 'No active Lifecycle Action found'],
  ])('is false for %s', (_, error) => {
    expect(isNoActiveLifecycleAction(error)).toBe(false);
  });
});
