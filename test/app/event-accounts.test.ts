import { describe, expect, it } from 'vitest';
import { intake } from '../../shared/app/intake.js';
import type { AccountSpec } from '../../shared/domain/accounts.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import { regionSpec, serviceSpec, spec } from '../support/builders.js';
import { alarmChange, sampleEvent, stateChange } from '../support/events.js';

/*
 * The intake reads the region of an event from the account the configuration
 * reads that region from; an event from any other account is ignored, with
 * the reason. us-east-1 is read with the function's own credentials (home
 * account 123456789012, the sample events'), eu-west-1 in accounts.prod.
 */

const HOME = '123456789012';
const PROD: AccountSpec = {
  name: 'prod',
  roleArn: 'arn:aws:iam::444455556666:role/route53-rebalancer-read',
  accountId: '444455556666',
  externalId: 'x-2026',
  sessionName: 'route53-rebalancer',
};
const STRANGER = '111122223333';

const config: RebalancerSpec = spec([
  serviceSpec({ regions: [regionSpec('us-east-1'), regionSpec('eu-west-1', { account: PROD })] }),
]);

const from = (event: Record<string, unknown>, account: string | undefined) => {
  const copy: Record<string, unknown> = { ...event, account };
  if (account === undefined) delete copy.account;
  return JSON.stringify(copy);
};
const run = (bodies: readonly string[]) =>
  intake(
    bodies.map((body, i) => ({ messageId: `m${i + 1}`, body })),
    config,
    HOME,
  );

describe('the intake and the account of an event', () => {
  it('reads a region for an event from the account it is read from: its own, or its role’s', () => {
    const result = run([
      from(stateChange('us-east-1', 'i-1', 'running'), HOME),
      from(stateChange('eu-west-1', 'i-2', 'running'), PROD.accountId),
    ]);
    expect(result.ignored).toEqual([]);
    expect(result.item?.scope).toEqual([{ region: 'eu-west-1' }, { region: 'us-east-1' }]);
  });

  it('ignores an event from an account the configuration does not read, and says why', () => {
    const result = run([from(stateChange('us-east-1', 'i-1', 'running'), STRANGER)]);
    expect(result.item).toBeUndefined();
    expect(result.failures).toEqual([]);
    expect(result.ignored).toEqual([
      "ev-i-1-running: account 111122223333: us-east-1 is read from account 123456789012 (the function's own)",
    ]);
  });

  it('ignores an event from a configured account but another region’s: the home account’s eu-west-1 is not read', () => {
    const result = run([
      from(stateChange('eu-west-1', 'i-1', 'running'), HOME),
      from(stateChange('us-east-1', 'i-2', 'running'), PROD.accountId),
    ]);
    expect(result.item).toBeUndefined();
    expect(result.ignored).toEqual([
      'ev-i-1-running: account 123456789012: eu-west-1 is read from account 444455556666 (accounts.prod)',
      "ev-i-2-running: account 444455556666: us-east-1 is read from account 123456789012 (the function's own)",
    ]);
  });

  it('ignores every kind of region event from a stranger, keeping the rest of the batch', () => {
    const lifecycle = {
      ...sampleEvent('autoscaling-launch-lifecycle-action'),
      region: 'us-east-1',
    };
    const result = run([
      from(alarmChange('us-east-1', 'api-cpu', 'ALARM', 'OK'), STRANGER),
      from(lifecycle, STRANGER),
      from(
        { ...sampleEvent('ec2-spot-instance-interruption-warning'), region: 'us-east-1' },
        STRANGER,
      ),
      from(stateChange('us-east-1', 'i-9', 'running'), HOME),
    ]);
    expect(result.ignored).toHaveLength(3);
    expect(result.item).toEqual({
      scope: [{ region: 'us-east-1' }],
      reason: '1 instance state change',
      events: 1,
    });
    // A stranger's lifecycle hook is not the writer's to complete.
    expect(result.item?.duties).toBeUndefined();
  });

  it('ignores an event that names no account', () => {
    const result = run([from(stateChange('us-east-1', 'i-1', 'running'), undefined)]);
    expect(result.ignored).toEqual([
      "ev-i-1-running: it names no account: us-east-1 is read from account 123456789012 (the function's own)",
    ]);
  });

  it('leaves a region the config does not name to the targets, whatever its account', () => {
    const result = run([from(stateChange('ap-south-1', 'i-1', 'running'), STRANGER)]);
    expect(result.ignored).toEqual(['ev-i-1-running: no configured service runs in ap-south-1']);
  });

  it('takes a schedule from an account the configuration reads, not from another', () => {
    const schedule = sampleEvent('scheduled');
    expect(run([from(schedule, HOME)]).item?.scope).toEqual([]);
    expect(run([from(schedule, PROD.accountId)]).item?.scope).toEqual([]);
    const stranger = run([from(schedule, STRANGER)]);
    expect(stranger.item).toBeUndefined();
    expect(stranger.ignored).toEqual([
      `${String(schedule.id)}: account 111122223333: the configuration reads regions from 123456789012, 444455556666 only`,
    ]);
  });

  it('refuses an account that is not 12 digits, as an unusable event', () => {
    const result = run([from(stateChange('us-east-1', 'i-1', 'running'), '12345')]);
    expect(result.failures).toEqual([
      { messageId: 'm1', problem: 'message m1: account: expected a 12-digit AWS account id' },
    ]);
  });

  it('without the home account (the simulator, offline) reads whatever the account', () => {
    const body = from(stateChange('us-east-1', 'i-1', 'running'), STRANGER);
    const result = intake([{ messageId: 'm1', body }], config);
    expect(result.item?.scope).toEqual([{ region: 'us-east-1' }]);
  });
});
