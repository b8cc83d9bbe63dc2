import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeBatch, ResourceRecordSet } from '../../shared/domain/dns/records.js';
import { StaleWriteError } from '../../shared/domain/errors.js';
import { memoryLogger } from '../../shared/app/log.js';
import { writeBatches } from '../../shared/app/write-batches.js';
import { testWorld, type TestWorld } from '../support/world.js';

const record = (name: string, ip: string): ResourceRecordSet => ({
  Name: `${name}.example.com.`,
  Type: 'A',
  TTL: 60,
  ResourceRecords: [{ Value: ip }],
});
const create = (r: ResourceRecordSet): ChangeBatch => ({
  Comment: 'test',
  Changes: [{ Action: 'CREATE', ResourceRecordSet: r }],
});

let world: TestWorld;
afterEach(() => {
  world.route53.restore();
});

describe('writeBatches', () => {
  it('sends every batch as given, in order, and waits for INSYNC when asked', async () => {
    world = testWorld({});
    const batches = [create(record('a', '192.0.2.1')), create(record('b', '192.0.2.2'))];
    const log = memoryLogger();
    const outcome = await writeBatches(batches, world.deps.zone, log, { waitInSync: true });
    expect(outcome).toEqual({ written: batches, failure: undefined, inSync: true });
    expect(world.route53.accepted).toEqual(batches);
    expect(log.entries.map((e) => e.message)).toEqual(['batch written', 'batch written']);
  });

  it('stops at the batch the zone no longer matches: earlier ones stay, later ones are not sent', async () => {
    world = testWorld({}, [record('b', '192.0.2.9')]);
    const batches = [
      create(record('a', '192.0.2.1')),
      create(record('b', '192.0.2.2')),
      create(record('c', '192.0.2.3')),
    ];
    const outcome = await writeBatches(batches, world.deps.zone, memoryLogger(), {
      waitInSync: true,
    });
    expect(outcome.written).toEqual(batches.slice(0, 1));
    expect(outcome.failure?.stale).toBe(true);
    expect(outcome.failure?.error).toBeInstanceOf(StaleWriteError);
    expect(outcome.inSync).toBeUndefined();
    expect(world.route53.callCount('ChangeResourceRecordSets')).toBe(2);
    expect(world.route53.zone.get('c.example.com.', 'A')).toBeUndefined();
  });

  it('returns any other failure with what was written before it', async () => {
    world = testWorld({});
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDenied' });
    world.route53.failNext(denied);
    const outcome = await writeBatches(
      [create(record('a', '192.0.2.1'))],
      world.deps.zone,
      memoryLogger(),
    );
    expect(outcome.written).toEqual([]);
    expect(outcome.failure?.stale).toBe(false);
    expect(String(outcome.failure?.error)).toContain('AccessDenied: not authorized');
  });
});
