import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/domain/errors.js';
import { intake } from '../../shared/app/intake.js';
import { mergeWork, simplifyScope, usableWork, workFromEvents } from '../../shared/app/work.js';
import { parseWorkItem } from '../../shared/formats/work-item.js';
import { parseEvent } from '../../shared/formats/events/parse.js';
import { regionSpec, serviceSpec, spec } from '../support/builders.js';
import { alarmChange, sampleEvent, stateChange } from '../support/events.js';

const config = spec([serviceSpec({ regions: [regionSpec('us-east-2'), regionSpec('eu-west-1')] })]);

describe('simplifyScope', () => {
  it('drops repeats and service selectors covered by their region', () => {
    expect(
      simplifyScope([
        { region: 'us-east-2' },
        { service: 'api', region: 'us-east-2' },
        { region: 'us-east-2' },
        { service: 'api', region: 'eu-west-1' },
      ]),
    ).toEqual([{ region: 'us-east-2' }, { service: 'api', region: 'eu-west-1' }]);
  });

  it('collapses to everything when one selector names nothing', () => {
    expect(simplifyScope([{ region: 'us-east-2' }, {}])).toEqual([]);
  });
});

describe('workFromEvents', () => {
  it('turns 50 state changes in two regions into one item for those two regions', () => {
    const events = Array.from({ length: 50 }, (_, i) =>
      parseEvent(stateChange(i % 2 ? 'us-east-2' : 'eu-west-1', `i-${i}`, 'running')),
    );
    expect(workFromEvents(events, config)).toEqual({
      item: {
        scope: [{ region: 'eu-west-1' }, { region: 'us-east-2' }],
        reason: '50 instance state change',
        events: 50,
      },
      ignored: [],
    });
  });

  it('says why events were ignored and queues nothing when all were', () => {
    const result = workFromEvents(
      [parseEvent(stateChange('ap-south-1', 'i-1', 'running'))],
      config,
    );
    expect(result.item).toBeUndefined();
    expect(result.ignored).toEqual(['ev-i-1-running: no configured service runs in ap-south-1']);
  });

  it('counts lifecycle actions and interruption notices under their own names', () => {
    const events = [
      sampleEvent('autoscaling-terminate-lifecycle-action'),
      sampleEvent('autoscaling-launch-lifecycle-action-warm-pool'),
      sampleEvent('ec2-spot-instance-interruption-warning'),
    ].map((event) => parseEvent(event));

    expect(workFromEvents(events, config).item).toEqual({
      scope: [{ region: 'us-east-2' }],
      reason: '2 lifecycle action, 1 interruption notice',
      events: 3,
      // What the writer owes beyond the records: each hook to complete, the notice to honour.
      duties: [
        {
          kind: 'hook',
          region: 'us-east-2',
          transition: 'terminating',
          action: {
            autoScalingGroupName: 'api-prod',
            lifecycleHookName: 'drain-dns',
            lifecycleActionToken: '87654321-4321-4321-4321-210987654321',
            instanceId: 'i-0a4e7c1d9b2f30002',
          },
          warmPool: false,
          startedAt: Date.parse('2026-11-22T22:08:52Z'),
        },
        {
          kind: 'hook',
          region: 'us-east-2',
          transition: 'launching',
          action: {
            autoScalingGroupName: 'api-prod',
            lifecycleHookName: 'wait-ready',
            lifecycleActionToken: '0f0b2e4c-92a5-4c41-9a0c-6d36f0e8a2b7',
            instanceId: 'i-0a4e7c1d9b2f3000a',
          },
          warmPool: true,
          startedAt: Date.parse('2026-11-22T22:15:40Z'),
        },
        {
          kind: 'notice',
          region: 'us-east-2',
          instanceId: 'i-0a4e7c1d9b2f30001',
          notice: 'spot-interruption',
        },
      ],
    });
  });

  it('merges the duties of several items, each hook once: the copy that knows most wins', () => {
    const hook = {
      kind: 'hook' as const,
      region: 'us-east-2',
      transition: 'terminating' as const,
      action: {
        autoScalingGroupName: 'g',
        lifecycleHookName: 'h',
        lifecycleActionToken: 't',
        instanceId: 'i-0a4e7c1d9b2f30002',
      },
      warmPool: false,
      startedAt: 1000,
    };
    const merged = mergeWork([
      { scope: [{ region: 'us-east-2' }], reason: 'a', events: 1, duties: [hook] },
      {
        scope: [{ region: 'us-east-2' }],
        reason: 'b',
        events: 0,
        duties: [{ ...hook, notBefore: 5000, changeId: 'C1' }],
      },
    ]);
    expect(merged.duties).toEqual([{ ...hook, notBefore: 5000, changeId: 'C1' }]);
  });

  it('widens to everything when the schedule is among the events', () => {
    const result = workFromEvents(
      [
        parseEvent(stateChange('us-east-2', 'i-1', 'running')),
        parseEvent(sampleEvent('scheduled')),
      ],
      config,
    );
    expect(result.item?.scope).toEqual([]);
    expect(result.item?.reason).toBe('1 instance state change, 1 schedule');
  });
});

describe('mergeWork', () => {
  it('unites scopes and counts events', () => {
    expect(
      mergeWork([
        { scope: [{ region: 'us-east-2' }], reason: 'a', events: 2 },
        { scope: [{ region: 'eu-west-1' }], reason: 'b', events: 3 },
      ]),
    ).toEqual({
      scope: [{ region: 'eu-west-1' }, { region: 'us-east-2' }],
      reason: '2 queued items (a; b)',
      events: 5,
    });
  });

  it('covers everything when one item does', () => {
    expect(
      mergeWork([
        { scope: [{ region: 'us-east-2' }], reason: 'a', events: 1 },
        { scope: [], reason: 'schedule', events: 1 },
      ]).scope,
    ).toEqual([]);
  });
});

describe('usableWork', () => {
  const item = (scope: { service?: string; region?: string }[]) => ({
    scope,
    reason: 'r',
    events: 1,
  });

  it('keeps an item that names only what is configured, and the empty scope', () => {
    const named = item([{ service: 'api', region: 'eu-west-1' }, { region: 'us-east-2' }]);
    expect(usableWork(named, config)).toEqual({ item: named, problems: [] });
    expect(usableWork(item([]), config)).toEqual({ item: item([]), problems: [] });
  });

  it('drops each selector the configuration cannot act on, saying what is configured', () => {
    const result = usableWork(
      item([{ service: 'web' }, { region: 'ap-south-1' }, { region: 'eu-west-1' }]),
      config,
    );
    expect(result).toEqual({
      item: item([{ region: 'eu-west-1' }]),
      problems: [
        'scope[0].service: unknown service web (configured: api)',
        'scope[1].region: ap-south-1 is not configured (configured: us-east-2, eu-west-1)',
      ],
    });
  });

  it('leaves no item, never the empty scope, when no selector is usable', () => {
    expect(usableWork(item([{ service: 'api', region: 'ap-south-1' }]), config)).toEqual({
      item: undefined,
      problems: [
        'scope[0].region: ap-south-1 is not configured for api (configured: us-east-2, eu-west-1)',
      ],
    });
  });
});

describe('parseWorkItem', () => {
  it('accepts an item with an attempt count, bounded', () => {
    const item = { scope: [], reason: 'x', events: 0, attempt: 3 };
    expect(parseWorkItem(item, 'item')).toEqual(item);
    expect(() => parseWorkItem({ ...item, attempt: 101 }, 'item')).toThrow(
      'item: attempt: expected an integer from 0 to 100',
    );
    expect(() => parseWorkItem({ ...item, attempt: 1.5 }, 'item')).toThrow(
      'item: attempt: expected an integer from 0 to 100',
    );
  });

  it('accepts what workFromEvents produces', () => {
    const item = { scope: [{ region: 'us-east-2' }], reason: 'x', events: 1 };
    expect(parseWorkItem(JSON.parse(JSON.stringify(item)), 'item')).toEqual(item);
  });

  it('accepts a slow start’s ramp duty, and merges two for one unit into the later step', () => {
    const ramp = (at: number) => ({
      kind: 'ramp' as const,
      service: 'api',
      region: 'us-east-2',
      at,
    });
    const item = { scope: [{ service: 'api', region: 'us-east-2' }], reason: 'x', events: 0 };
    expect(parseWorkItem({ ...item, duties: [ramp(5)] }, 'item')).toEqual({
      ...item,
      duties: [ramp(5)],
    });
    expect(() => parseWorkItem({ ...item, duties: [{ ...ramp(5), at: -1 }] }, 'item')).toThrow(
      'expected 0 or more',
    );
    expect(
      mergeWork([
        { ...item, duties: [ramp(5)] },
        { ...item, duties: [ramp(9)] },
        { ...item, duties: [ramp(7)] },
      ]).duties,
    ).toEqual([ramp(9)]);
  });

  it('names every bad field, with a suggestion for a misspelt key', () => {
    try {
      parseWorkItem({ scope: [{ regoin: 'us-east-2' }], events: -1 }, 'work item m1');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).problems).toEqual(
        expect.arrayContaining([
          'scope[0].regoin: unknown key (did you mean region?)',
          'reason: required',
          'events: expected 0 or more',
        ]),
      );
    }
  });
});

describe('intake', () => {
  it('reduces a batch to one item and reports the messages it cannot use', () => {
    const messages = [
      { messageId: 'm1', body: JSON.stringify(stateChange('us-east-2', 'i-1', 'stopped')) },
      { messageId: 'm2', body: 'not json' },
      { messageId: 'm3', body: JSON.stringify({ ...sampleEvent('scheduled'), source: 'aws.s3' }) },
      { messageId: 'm4', body: JSON.stringify(alarmChange('eu-west-1', 'api-cpu', 'ALARM', 'OK')) },
    ];
    const result = intake(messages, config);
    expect(result.item).toEqual({
      scope: [{ region: 'us-east-2' }, { service: 'api', region: 'eu-west-1' }],
      reason: '1 instance state change, 1 alarm change',
      events: 2,
    });
    expect(result.failures.map((f) => f.messageId)).toEqual(['m2', 'm3']);
    expect(result.failures[0]?.problem).toBe('message m2: body is not JSON');
    expect(result.failures[1]?.problem).toMatch(/^message m3: unsupported event aws.s3/);
  });
});
