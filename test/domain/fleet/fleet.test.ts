import { describe, expect, it } from 'vitest';
import { selectMembers } from '../../../shared/domain/fleet/fleet.js';
import { instance, observation } from '../../support/builders.js';

describe('selectMembers', () => {
  const a = instance({ n: 3, tags: { service: 'api', team: 'x' } });
  const b = instance({ n: 1, tags: { service: 'api' } });
  const c = instance({ n: 2, tags: { service: 'web', team: 'x' } });
  const read = observation('us-east-2', [a, b, c]);

  it('selects by one tag and by several, in the order read', () => {
    expect(selectMembers(read, { service: 'api' }).map((i) => i.id)).toEqual([a.id, b.id]);
    expect(selectMembers(read, { service: 'api', team: 'x' }).map((i) => i.id)).toEqual([a.id]);
    expect(selectMembers(read, { team: 'x' }).map((i) => i.id)).toEqual([a.id, c.id]);
    expect(selectMembers(read, { service: 'db' })).toEqual([]);
  });

  it('hands out a new list each time: a caller sorting it leaves the next selection alone', () => {
    const first = selectMembers(read, { service: 'api' });
    first.reverse();
    expect(selectMembers(read, { service: 'api' }).map((i) => i.id)).toEqual([a.id, b.id]);
    expect(selectMembers(read, { service: 'api' })).not.toBe(
      selectMembers(read, { service: 'api' }),
    );
  });
});
