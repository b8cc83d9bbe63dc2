import { afterEach, describe, expect, it } from 'vitest';
import { reconcile } from '../../shared/app/reconcile.js';
import type { RegionReader } from '../../shared/app/ports.js';
import { AssumeRoleError, AwsCallError } from '../../shared/domain/errors.js';
import type { AccountSpec } from '../../shared/domain/accounts.js';
import { instance, OWNER, regionSpec, serviceSpec, spec } from '../support/builders.js';
import { testWorld, type TestWorld } from '../support/world.js';

/*
 * A region in another account whose role cannot be assumed, behind the
 * reconcile loop, with Route 53 faked over the zone model: that region is
 * skipped with the reason, the others are planned and written, and not one
 * of its records is deleted, in this reconcile or the next.
 */

const EAST = 'us-east-2';
const WEST = 'us-west-2';
const ROLE = 'arn:aws:iam::111122223333:role/route53-rebalancer-read';
const MEMBER: AccountSpec = {
  name: 'prod',
  roleArn: ROLE,
  accountId: '111122223333',
  externalId: 'x1',
  sessionName: 'route53-rebalancer',
};
const config = spec([
  serviceSpec({ regions: [regionSpec(EAST), regionSpec(WEST, { account: MEMBER })] }),
]);

let world: TestWorld;
afterEach(() => {
  world.route53.restore();
});

/** The world's reads, except that the member account's role is refused from now on. */
function roleRefused(w: TestWorld): RegionReader {
  return (region, services) =>
    region === WEST
      ? Promise.reject(
          new AwsCallError(
            'DescribeInstances',
            WEST,
            new AssumeRoleError(
              ROLE,
              Object.assign(new Error('not authorized'), { name: 'AccessDenied' }),
            ),
          ),
        )
      : w.deps.readRegion(region, services);
}

const westRecords = (w: TestWorld) =>
  w.route53.zone.records().filter((r) => r.Name.startsWith(WEST) || r.Region === WEST);

describe('a role that cannot be assumed', () => {
  it('skips its region with the reason; the other regions are written; nothing of it is deleted', async () => {
    const east = [instance({ n: 1, zone: 'us-east-2a' }), instance({ n: 2, zone: 'us-east-2b' })];
    world = testWorld({ [EAST]: east, [WEST]: [instance({ n: 11, zone: 'us-west-2a' })] });
    await reconcile({ spec: config, reason: 'test' }, world.deps);
    const before = westRecords(world);
    expect(before.length).toBeGreaterThan(0);

    // The role goes; meanwhile east loses an instance and west's instance is gone too.
    world.fleets.set(EAST, east.slice(0, 1));
    world.fleets.set(WEST, []);
    const deps = { ...world.deps, readRegion: roleRefused(world) };
    for (let round = 0; round < 2; round++) {
      const result = await reconcile({ spec: config, reason: 'test' }, deps);
      expect(result.readFailures).toEqual([
        `${WEST}: DescribeInstances in ${WEST} failed: AssumeRoleError: cannot assume role ${ROLE}: AccessDenied: not authorized`,
      ]);
    }
    expect(westRecords(world)).toEqual(before);
    const eastIds = world.route53.zone
      .records()
      .filter((r) => r.Name === `${EAST}.api.example.com.` && r.Type === 'A')
      .map((r) => r.SetIdentifier);
    expect(eastIds).toEqual([`${OWNER}/${east[0]?.id ?? ''}`]);
  });
});
