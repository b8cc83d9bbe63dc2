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

  it('finds tags by their own keys only: a key every object inherits selects nobody', () => {
    expect(selectMembers(read, { constructor: 'x' })).toEqual([]);
    expect(selectMembers(read, { toString: 'x', service: 'api' })).toEqual([]);
    const d = instance({ n: 4, tags: { constructor: 'x', service: 'api' } });
    const withD = observation('us-east-2', [a, b, c, d]);
    expect(selectMembers(withD, { constructor: 'x' }).map((i) => i.id)).toEqual([d.id]);
    expect(selectMembers(withD, { service: 'api', constructor: 'x' })).toEqual([d]);
  });

  it('selects by a tag the instances share with several others, by each key asked', () => {
    const tags = (service: string) => ({
      service,
      Name: `${service}-node`,
      'aws:autoscaling:groupName': `${service}-asg`,
    });
    const e = instance({ n: 5, tags: tags('api') });
    const f = instance({ n: 6, tags: tags('web') });
    const many = observation('us-east-2', [e, f]);
    expect(selectMembers(many, { service: 'web' })).toEqual([f]);
    expect(selectMembers(many, { 'aws:autoscaling:groupName': 'api-asg' })).toEqual([e]);
    expect(selectMembers(many, { Name: 'api-node', service: 'web' })).toEqual([]);
  });
});
