import { describe, expect, it } from 'vitest';
import type { ChangeBatch, ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import {
  detachBeforeDeleteProblem,
  healthChecksNamedAfter,
} from '../../../shared/domain/health-checks/named.js';
import { indexRecords, preflightProblem } from '../../../shared/domain/plan/preflight.js';
import { spec } from '../../support/builders.js';

const record = (id: string, check?: string): ResourceRecordSet => ({
  Name: 'us-east-2.api.example.com.',
  Type: 'A',
  SetIdentifier: `api-prod/${id}`,
  Weight: 1,
  TTL: 60,
  ResourceRecords: [{ Value: '198.51.0.2' }],
  ...(check !== undefined && { HealthCheckId: check }),
});
const upsert = (r: ResourceRecordSet): ChangeBatch => ({
  Changes: [{ Action: 'UPSERT', ResourceRecordSet: r }],
});

describe('the create -> attach, detach -> delete order', () => {
  it('pre-flight refuses a batch that attaches a check that does not exist yet', () => {
    const problem = preflightProblem(
      spec(),
      indexRecords([]),
      [upsert(record('i-1', 'hc-new'))],
      new Set(['hc-old']),
    );
    expect(problem).toBe(
      'batch 1 of 1 fails: NoSuchHealthCheck: No health check exists with the specified ID. (HealthCheckId hc-new)',
    );
    expect(
      preflightProblem(
        spec(),
        indexRecords([]),
        [upsert(record('i-1', 'hc-new'))],
        new Set(['hc-new']),
      ),
    ).toBeUndefined();
  });

  it('finds the checks the records name once the batches are applied', () => {
    const records = [record('i-1', 'hc-1'), record('i-2', 'hc-2')];
    const batches: ChangeBatch[] = [
      upsert(record('i-1', 'hc-3')),
      { Changes: [{ Action: 'DELETE', ResourceRecordSet: record('i-2', 'hc-2') }] },
    ];
    expect([...healthChecksNamedAfter(records, batches)]).toEqual(['hc-3']);
  });

  it('proves no check is deleted while a record still names it', () => {
    const records = [record('i-1', 'hc-1')];
    expect(detachBeforeDeleteProblem(records, [], ['hc-1'])).toBe(
      'health check(s) hc-1 would be deleted while a record still names them',
    );
    expect(
      detachBeforeDeleteProblem(records, [upsert(record('i-1', 'hc-2'))], ['hc-1']),
    ).toBeUndefined();
  });
});
