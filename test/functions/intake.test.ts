import { describe, expect, it } from 'vitest';
import { handleIntake } from '../../functions/intake.js';
import { InputError } from '../../shared/domain/errors.js';
import type { WorkItem } from '../../shared/domain/scope.js';
import { memoryLogger } from '../../shared/app/log.js';
import { regionSpec, serviceSpec, spec } from '../support/builders.js';
import { alarmChange, sampleEvent, stateChange } from '../support/events.js';
import { sqsEvent } from '../support/sqs.js';

/** The intake in the account of the sample events. */
const FUNCTION_ARN =
  'arn:aws:lambda:us-east-1:123456789012:function:route53-rebalancer-prod-intake';

const config = spec([serviceSpec({ regions: [regionSpec('us-east-1'), regionSpec('us-east-2')] })]);

function deps() {
  const sent: { item: WorkItem; id: string }[] = [];
  const log = memoryLogger();
  return {
    sent,
    log,
    deps: {
      spec: () => Promise.resolve(config),
      queue: {
        send: (item: WorkItem, id: string) => {
          sent.push({ item, id });
          return Promise.resolve();
        },
      },
      log,
    },
  };
}

describe('the intake function', () => {
  it('turns the documented EC2 sample into one work item for its region', async () => {
    const d = deps();
    const response = await handleIntake(
      sqsEvent([sampleEvent('ec2-instance-state-change')]),
      { awsRequestId: 'req-1', invokedFunctionArn: FUNCTION_ARN },
      d.deps,
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(d.sent).toEqual([
      {
        item: { scope: [{ region: 'us-east-1' }], reason: '1 instance state change', events: 1 },
        id: 'req-1',
      },
    ]);
  });

  it('coalesces a whole batch into one work item', async () => {
    const d = deps();
    const bodies = Array.from({ length: 200 }, (_, i) =>
      stateChange(i % 2 ? 'us-east-1' : 'us-east-2', `i-${i}`, i % 3 ? 'running' : 'terminated'),
    );
    await handleIntake(
      sqsEvent(bodies),
      { awsRequestId: 'req-2', invokedFunctionArn: FUNCTION_ARN },
      d.deps,
    );
    expect(d.sent).toHaveLength(1);
    expect(d.sent[0]?.item).toEqual({
      scope: [{ region: 'us-east-1' }, { region: 'us-east-2' }],
      reason: '200 instance state change',
      events: 200,
    });
  });

  it('reports malformed messages back to SQS, so they are retried and then dead-lettered, and queues the rest', async () => {
    const d = deps();
    const broken = { ...sampleEvent('ec2-instance-state-change'), detail: { state: 'running' } };
    const response = await handleIntake(
      sqsEvent(['{oops', broken, alarmChange('us-east-2', 'api-cpu', 'ALARM', 'OK')]),
      { awsRequestId: 'req-3', invokedFunctionArn: FUNCTION_ARN },
      d.deps,
    );
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: 'm1' },
      { itemIdentifier: 'm2' },
    ]);
    expect(d.sent).toHaveLength(1);
    expect(
      d.log.entries.filter((e) => e.message === 'unusable event').map((e) => e.fields.problem),
    ).toEqual(['message m1: body is not JSON', 'message m2: detail.instance-id: required']);
  });

  it('queues nothing for events that concern nothing we manage, and says why', async () => {
    const d = deps();
    const response = await handleIntake(
      sqsEvent([stateChange('ap-south-1', 'i-1', 'running')]),
      { awsRequestId: 'req-4', invokedFunctionArn: FUNCTION_ARN },
      d.deps,
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(d.sent).toEqual([]);
    expect(d.log.entries[0]?.fields.ignored).toEqual([
      'ev-i-1-running: no configured service runs in ap-south-1',
    ]);
  });

  it('ignores, and logs why, an event from an account other than its own (the account of its ARN)', async () => {
    const d = deps();
    const stranger = { ...sampleEvent('ec2-instance-state-change'), account: '111122223333' };
    const response = await handleIntake(
      sqsEvent([stranger]),
      { awsRequestId: 'req-a', invokedFunctionArn: FUNCTION_ARN },
      d.deps,
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(d.sent).toEqual([]);
    expect(d.log.entries.map((e) => [e.message, e.fields.ignored])).toEqual([
      [
        'events ignored',
        [
          "7bf73129-1428-4cd3-a780-95db273d1602: account 111122223333: us-east-1 is read from account 123456789012 (the function's own)",
        ],
      ],
    ]);
    // The same event in another deployment's account is that deployment's to read.
    const other = deps();
    await handleIntake(
      sqsEvent([stranger]),
      {
        awsRequestId: 'req-b',
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:intake:live',
      },
      other.deps,
    );
    expect(other.sent.map((s) => s.item.scope)).toEqual([[{ region: 'us-east-1' }]]);
  });

  it('fails with one clear message when its context names no function ARN', async () => {
    const d = deps();
    await expect(
      handleIntake(
        sqsEvent([sampleEvent('ec2-instance-state-change')]),
        { awsRequestId: 'r', invokedFunctionArn: 'offline' },
        d.deps,
      ),
    ).rejects.toThrow(
      new InputError('context.invokedFunctionArn', [
        'expected a Lambda function ARN like arn:aws:lambda:us-east-1:123456789012:function:name, got "offline"',
      ]),
    );
    expect(d.sent).toEqual([]);
  });

  it('fails the invocation when the work cannot be queued, so SQS redelivers the batch', async () => {
    const d = deps();
    const failing = {
      ...d.deps,
      queue: { send: () => Promise.reject(new Error('SendMessage failed: AccessDenied')) },
    };
    await expect(
      handleIntake(
        sqsEvent([sampleEvent('ec2-instance-state-change')]),
        { awsRequestId: 'r', invokedFunctionArn: FUNCTION_ARN },
        failing,
      ),
    ).rejects.toThrow('AccessDenied');
  });

  it('forwards work the writer put back to the work queue as it is, beside the events of the batch', async () => {
    const d = deps();
    const retry = {
      scope: [{ service: 'api', region: 'us-east-2' }],
      reason: 'retry 1 of 4: us-east-2 unread',
      events: 0,
      attempt: 1,
    };
    const response = await handleIntake(
      sqsEvent([stateChange('us-east-1', 'i-1', 'running'), retry]),
      { awsRequestId: 'req-5', invokedFunctionArn: FUNCTION_ARN },
      d.deps,
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(d.sent).toEqual([
      {
        item: { scope: [{ region: 'us-east-1' }], reason: '1 instance state change', events: 1 },
        id: 'req-5',
      },
      // Its own message id: if the events queue delivers it twice, the FIFO queue keeps one.
      { item: retry, id: 'retry-m2' },
    ]);
  });

  it('reports a malformed retry like any unusable message', async () => {
    const d = deps();
    const response = await handleIntake(
      sqsEvent([{ scope: [], reason: 'r', events: 0, attempt: -1 }]),
      { awsRequestId: 'req-6', invokedFunctionArn: FUNCTION_ARN },
      d.deps,
    );
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(d.log.entries[0]?.fields.problem).toBe(
      'message m1: attempt: expected an integer from 0 to 100',
    );
    expect(d.sent).toEqual([]);
  });

  it('refuses an event that is not an SQS batch with one clear InputError', async () => {
    const d = deps();
    for (const event of [null, 'x', sampleEvent('ec2-instance-state-change')]) {
      const call = handleIntake(
        event,
        { awsRequestId: 'r', invokedFunctionArn: FUNCTION_ARN },
        d.deps,
      );
      await expect(call).rejects.toThrow(InputError);
      await expect(call).rejects.toThrow(/^intake event: /);
    }
    expect(d.sent).toEqual([]);
  });
});
