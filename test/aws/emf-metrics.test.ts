import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../shared/app/log.js';
import type { MetricPoint } from '../../shared/app/ports.js';
import { createEmfMetrics } from '../../shared/aws/emf-metrics.js';
import { InputError } from '../../shared/domain/errors.js';

const NAMESPACE = 'Route53Rebalancer';
const AT = new Date('2026-11-20T08:15:00.000Z');
const EAST = { Service: 'api', Region: 'us-east-2' };
const WEST = { Service: 'api', Region: 'eu-west-1' };

function point(
  value: number,
  dimensions: Record<string, string> = EAST,
  name: MetricPoint['name'] = 'HealthyInstances',
): MetricPoint {
  return { name, value, unit: 'Count', dimensions };
}

function capture() {
  const lines: unknown[] = [];
  const log = memoryLogger();
  const sink = createEmfMetrics({
    namespace: NAMESPACE,
    log,
    write: (line) => lines.push(JSON.parse(line)),
  });
  return { lines, log, sink };
}

describe('createEmfMetrics', () => {
  it('writes one embedded-metric-format document per dimension set, with namespace, timestamp and units', () => {
    const { lines, sink } = capture();
    sink.publish(
      [
        point(3),
        { name: 'HealthyCapacity', value: 0.5, unit: 'None', dimensions: EAST },
        point(1, WEST),
      ],
      AT,
    );
    expect(lines).toStrictEqual([
      {
        _aws: {
          Timestamp: AT.getTime(),
          CloudWatchMetrics: [
            {
              Namespace: NAMESPACE,
              Dimensions: [['Service', 'Region']],
              Metrics: [
                { Name: 'HealthyInstances', Unit: 'Count' },
                { Name: 'HealthyCapacity', Unit: 'None' },
              ],
            },
          ],
        },
        Service: 'api',
        Region: 'us-east-2',
        HealthyInstances: 3,
        HealthyCapacity: 0.5,
      },
      {
        _aws: {
          Timestamp: AT.getTime(),
          CloudWatchMetrics: [
            {
              Namespace: NAMESPACE,
              Dimensions: [['Service', 'Region']],
              Metrics: [{ Name: 'HealthyInstances', Unit: 'Count' }],
            },
          ],
        },
        Service: 'api',
        Region: 'eu-west-1',
        HealthyInstances: 1,
      },
    ]);
  });

  it('drops values CloudWatch refuses (non-finite, beyond ±2^360) and logs them, keeping the rest', () => {
    const { lines, log, sink } = capture();
    sink.publish(
      [
        point(1e200),
        point(Number.NaN, EAST, 'ChangesWritten'),
        point(Infinity, EAST, 'Conflicts'),
        point(2, EAST, 'Refusals'),
      ],
      AT,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ Refusals: 2 });
    expect(lines[0]).not.toHaveProperty('HealthyInstances');
    expect(log.entries).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'metric values out of range dropped',
        fields: {
          dropped: [
            { name: 'HealthyInstances', value: '1e+200', ...EAST },
            { name: 'ChangesWritten', value: 'NaN', ...EAST },
            { name: 'Conflicts', value: 'Infinity', ...EAST },
          ],
        },
      }),
    ]);
  });

  it('writes nothing when there is nothing to publish', () => {
    const { lines, sink } = capture();
    sink.publish([], AT);
    expect(lines).toStrictEqual([]);
  });

  it('refuses a namespace of AWS’s own, or none, at start-up', () => {
    expect(() => createEmfMetrics({ namespace: 'AWS/EC2' })).toThrow(InputError);
    expect(() => createEmfMetrics({ namespace: '' })).toThrow(InputError);
  });
});
