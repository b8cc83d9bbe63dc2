import { describe, expect, it } from 'vitest';
import type { ResourceRecordSet } from '../../../../shared/domain/dns/records.js';
import { createZoneState } from '../../../../shared/domain/dns/zone/state.js';

const NAME = 'a.example.com.';

function weighted(id: string): ResourceRecordSet {
  return {
    Name: NAME,
    Type: 'A',
    SetIdentifier: id,
    Weight: 1,
    TTL: 60,
    ResourceRecords: [{ Value: '192.0.2.1' }],
  };
}

function latency(id: string): ResourceRecordSet {
  return {
    Name: NAME,
    Type: 'A',
    SetIdentifier: id,
    Region: 'eu-west-1',
    TTL: 60,
    ResourceRecords: [{ Value: '192.0.2.1' }],
  };
}

describe('zone state groups', () => {
  it('answers for a group of one record, of several, and of several policies, and after they leave', () => {
    const state = createZoneState('Z1');
    state.insert(weighted('w1'));
    expect(state.get(NAME, 'A', 'w1')).toEqual(weighted('w1'));
    expect(state.get(NAME, 'A', 'w2')).toBeUndefined();
    expect(state.group(NAME, 'A')?.onlyPolicy('weighted')).toBe(true);
    expect(state.group(NAME, 'A')?.onlyPolicy('latency')).toBe(false);
    state.insert(weighted('w2'));
    state.insert(latency('l1'));
    const group = state.group(NAME, 'A');
    expect(group?.size).toBe(3);
    expect(group?.onlyPolicy('weighted')).toBe(false);
    expect(group?.onlyPolicy('latency')).toBe(false);
    state.remove(latency('l1'));
    expect(state.group(NAME, 'A')?.onlyPolicy('weighted')).toBe(true);
    expect([...state.values()].map((r) => r.SetIdentifier)).toEqual(['w1', 'w2']);
    state.remove(weighted('w1'));
    state.remove(weighted('w2'));
    expect(state.group(NAME, 'A')).toBeUndefined();
    state.rollback(0);
    expect(state.group(NAME, 'A')).toBeUndefined();
    expect([...state.values()]).toEqual([]);
  });

  it('keeps a one-record group apart in a clone', () => {
    const state = createZoneState('Z1');
    state.insert(weighted('w1'));
    state.commit();
    const copy = state.clone();
    copy.insert(latency('l1'));
    expect(state.group(NAME, 'A')?.onlyPolicy('weighted')).toBe(true);
    expect(copy.group(NAME, 'A')?.onlyPolicy('weighted')).toBe(false);
    expect(state.get(NAME, 'A', 'l1')).toBeUndefined();
  });
});
