import { describe, expect, it } from 'vitest';
import type {
  Alarm,
  CheckStatus,
  InstanceState,
  InstanceStatus,
} from '../../../shared/domain/fleet/fleet.js';
import { alarmsByInstance, healthOf, isDrainValue } from '../../../shared/domain/fleet/health.js';
import type { ServiceSpec } from '../../../shared/domain/spec.js';
import { instance, serviceSpec } from '../../support/builders.js';

const HEALTH = serviceSpec().health;
const DRAIN = 'rebalancer:drain';
const ADDRESS = '198.51.100.1';

function checks(
  instanceCheck: CheckStatus | undefined,
  system: CheckStatus | undefined,
): InstanceStatus {
  return { instance: instanceCheck, system };
}

function withHealth(overrides: Partial<ServiceSpec['health']>): ServiceSpec['health'] {
  return { ...HEALTH, ...overrides };
}

describe('healthOf', () => {
  it('calls a running instance with an address and no failing check healthy, with no reasons', () => {
    expect(healthOf(instance(), ADDRESS, HEALTH, checks('ok', 'ok'), [])).toEqual({
      status: 'healthy',
      reasons: [],
    });
  });

  it('calls an instance healthy when nothing about its checks or alarms was read', () => {
    expect(healthOf(instance(), ADDRESS, HEALTH, undefined, undefined)).toEqual({
      status: 'healthy',
      reasons: [],
    });
  });

  it.each<InstanceState>(['pending', 'stopping', 'stopped', 'shutting-down', 'terminated'])(
    'calls a %s instance not running and gives its state as the reason',
    (state) => {
      expect(healthOf(instance({ state }), ADDRESS, HEALTH, undefined, undefined)).toEqual({
        status: 'not-running',
        reasons: [`state ${state}`],
      });
    },
  );

  it('says not running before anything else, even for a draining, impaired instance without address', () => {
    const drained = instance({ state: 'stopping', tags: { [DRAIN]: 'true' } });
    const verdict = healthOf(drained, undefined, HEALTH, checks('impaired', 'impaired'), ['api-x']);
    expect(verdict).toEqual({ status: 'not-running', reasons: ['state stopping'] });
  });

  it('calls a running instance without an address of the configured kind no-address', () => {
    const drained = instance({ tags: { [DRAIN]: 'true' } });
    expect(healthOf(drained, undefined, HEALTH, checks('impaired', 'ok'), ['api-x'])).toEqual({
      status: 'no-address',
      reasons: ['no address of the configured kind'],
    });
  });

  it.each(['true', 'TRUE', 'True', '1', 'yes', 'YES', ' yes '])(
    'gives an instance tagged %j for draining the status draining and says why',
    (value) => {
      const verdict = healthOf(
        instance({ tags: { [DRAIN]: value } }),
        ADDRESS,
        HEALTH,
        undefined,
        [],
      );
      expect(verdict).toEqual({ status: 'draining', reasons: [`tag ${DRAIN}=${value}`] });
    },
  );

  it.each(['false', 'FALSE', '0', 'no', '', 'drain', 'y'])(
    'does not drain an instance whose drain tag is %j',
    (value) => {
      const verdict = healthOf(
        instance({ tags: { [DRAIN]: value } }),
        ADDRESS,
        HEALTH,
        undefined,
        [],
      );
      expect(verdict.status).toBe('healthy');
    },
  );

  it('ignores the drain tag when no drain tag is configured', () => {
    const verdict = healthOf(
      instance({ tags: { [DRAIN]: 'true' } }),
      ADDRESS,
      withHealth({ drainTag: undefined }),
      undefined,
      [],
    );
    expect(verdict.status).toBe('healthy');
  });

  it('reads the configured drain tag, not another one', () => {
    const spec = withHealth({ drainTag: 'maintenance' });
    const other = healthOf(instance({ tags: { [DRAIN]: 'true' } }), ADDRESS, spec, undefined, []);
    const own = healthOf(instance({ tags: { maintenance: 'yes' } }), ADDRESS, spec, undefined, []);
    expect(other.status).toBe('healthy');
    expect(own).toEqual({ status: 'draining', reasons: ['tag maintenance=yes'] });
  });

  it.each<{ status: InstanceStatus; reasons: string[] }>([
    { status: checks('impaired', 'ok'), reasons: ['instance status check impaired'] },
    { status: checks('ok', 'impaired'), reasons: ['system status check impaired'] },
    { status: checks('impaired', undefined), reasons: ['instance status check impaired'] },
    {
      status: checks('impaired', 'impaired'),
      reasons: ['instance status check impaired', 'system status check impaired'],
    },
  ])(
    'calls an instance with checks $status impaired, naming the failing checks',
    ({ status, reasons }) => {
      expect(healthOf(instance(), ADDRESS, HEALTH, status, [])).toEqual({
        status: 'impaired',
        reasons,
      });
    },
  );

  it.each<CheckStatus>(['ok', 'initializing', 'insufficient-data', 'not-applicable'])(
    'does not count a %s status check as a failure',
    (check) => {
      expect(healthOf(instance(), ADDRESS, HEALTH, checks(check, check), []).status).toBe(
        'healthy',
      );
    },
  );

  it('ignores impaired status checks when status checks are off', () => {
    const spec = withHealth({ statusChecks: false });
    expect(healthOf(instance(), ADDRESS, spec, checks('impaired', 'impaired'), [])).toEqual({
      status: 'healthy',
      reasons: [],
    });
  });

  it('gives an instance named by alarms the status alarm with one reason per alarm', () => {
    expect(healthOf(instance(), ADDRESS, HEALTH, undefined, ['api-cpu', 'api-5xx'])).toEqual({
      status: 'alarm',
      reasons: ['alarm api-cpu in ALARM', 'alarm api-5xx in ALARM'],
    });
  });

  it('lists every failing check among the reasons and takes the status from the first', () => {
    const drained = instance({ tags: { [DRAIN]: 'yes' } });
    expect(healthOf(drained, ADDRESS, HEALTH, checks('impaired', 'impaired'), ['api-cpu'])).toEqual(
      {
        status: 'draining',
        reasons: [
          `tag ${DRAIN}=yes`,
          'instance status check impaired',
          'system status check impaired',
          'alarm api-cpu in ALARM',
        ],
      },
    );
  });

  it('says impaired rather than alarm when both fail', () => {
    const verdict = healthOf(instance(), ADDRESS, HEALTH, checks('ok', 'impaired'), ['api-cpu']);
    expect(verdict).toEqual({
      status: 'impaired',
      reasons: ['system status check impaired', 'alarm api-cpu in ALARM'],
    });
  });
});

describe('isDrainValue', () => {
  it.each([
    { value: 'true', drains: true },
    { value: 'TrUe', drains: true },
    { value: '1', drains: true },
    { value: 'yes', drains: true },
    { value: '  true\t', drains: true },
    { value: 'false', drains: false },
    { value: '0', drains: false },
    { value: 'no', drains: false },
    { value: '', drains: false },
    { value: 'truthy', drains: false },
    { value: undefined, drains: false },
  ])('says $value asks for draining: $drains', ({ value, drains }) => {
    expect(isDrainValue(value)).toBe(drains);
  });
});

describe('alarmsByInstance', () => {
  const alarm = (name: string, state: Alarm['state'], ...instanceIds: string[]): Alarm => ({
    name,
    state,
    instanceIds,
  });

  it('indexes the alarms in ALARM whose name has the prefix by every instance they name', () => {
    const index = alarmsByInstance([alarm('api-cpu', 'ALARM', 'i-1', 'i-2')], 'api-');
    expect(Object.fromEntries(index)).toEqual({ 'i-1': ['api-cpu'], 'i-2': ['api-cpu'] });
  });

  it('collects several alarms naming the same instance, in the order given', () => {
    const index = alarmsByInstance(
      [alarm('api-cpu', 'ALARM', 'i-1'), alarm('api-5xx', 'ALARM', 'i-1', 'i-3')],
      'api-',
    );
    expect(Object.fromEntries(index)).toEqual({
      'i-1': ['api-cpu', 'api-5xx'],
      'i-3': ['api-5xx'],
    });
  });

  it.each<Alarm['state']>(['OK', 'INSUFFICIENT_DATA'])('leaves out alarms in state %s', (state) => {
    const index = alarmsByInstance([alarm('api-cpu', state, 'i-1')], 'api-');
    expect(index.size).toBe(0);
  });

  it('leaves out alarms whose name does not start with the prefix', () => {
    const index = alarmsByInstance(
      [
        alarm('web-cpu', 'ALARM', 'i-1'),
        alarm('my-api-cpu', 'ALARM', 'i-2'),
        alarm('api-ok', 'ALARM', 'i-3'),
      ],
      'api-',
    );
    expect([...index.keys()]).toEqual(['i-3']);
  });

  it('watches no alarms when no prefix is configured', () => {
    expect(alarmsByInstance([alarm('api-cpu', 'ALARM', 'i-1')], undefined).size).toBe(0);
  });

  it('gives an empty index when alarms were not read', () => {
    expect(alarmsByInstance(undefined, 'api-').size).toBe(0);
  });

  it('ignores an alarm in ALARM that names no instance', () => {
    expect(alarmsByInstance([alarm('api-cpu', 'ALARM')], 'api-').size).toBe(0);
  });
});
