import { isPlainObject } from '../validation.js';
import { ACCOUNT_NAME } from './account-schema.js';
import { REGION_NAME } from './schema.js';

/*
 * The rules of `accounts` that span fields: every reference names a
 * configured account, and a region is read from one account. A value the
 * schema rejects is skipped here rather than reported twice.
 *
 * One account per region, because a region is the unit of reading: the plan,
 * the retries of an unread region, the work items and the offline state file
 * are all keyed by region name, and an Auto Scaling or EC2 event names its
 * region, not which service's account it came from. Two fleets of one region
 * in two accounts would need a second configuration (a second owner id).
 */

const OWN = 'the function’s own account';

function describeAccount(name: string | undefined): string {
  return name === undefined ? OWN : `account ${name}`;
}

function reference(value: unknown): string | undefined {
  return typeof value === 'string' && ACCOUNT_NAME.test(value) ? value : undefined;
}

function unknownProblem(name: string, path: string, known: readonly string[]): string {
  const hint = known.length === 0 ? 'no accounts are configured' : `accounts: ${known.join(', ')}`;
  return `${path}: unknown account ${name} (${hint})`;
}

interface RegionClaim {
  readonly account: string | undefined;
  readonly path: string;
}

/** Unknown account names, and a region read from two accounts. */
export function accountProblems(input: unknown): string[] {
  if (!isPlainObject(input)) return [];
  const known = isPlainObject(input.accounts) ? Object.keys(input.accounts) : [];
  const problems: string[] = [];
  const check = (value: unknown, path: string): string | undefined => {
    const name = reference(value);
    if (name !== undefined && !known.includes(name)) {
      problems.push(unknownProblem(name, path, known));
      return undefined;
    }
    return name;
  };
  check(input.zoneAccount, 'zoneAccount');
  if (Array.isArray(input.zones))
    input.zones.forEach((zone: unknown, index) => {
      if (isPlainObject(zone)) check(zone.account, `zones[${index}].account`);
    });
  const claims = new Map<string, RegionClaim>();
  const services = Array.isArray(input.services) ? input.services : [];
  services.forEach((service: unknown, index) => {
    if (!isPlainObject(service)) return;
    const at = `services[${index}]`;
    const serviceAccount = check(service.account, `${at}.account`);
    const serviceBroken =
      service.account !== undefined && service.account !== null && serviceAccount === undefined;
    if (!isPlainObject(service.regions)) return;
    for (const [region, spec] of Object.entries(service.regions)) {
      if (!REGION_NAME.test(region) || !isPlainObject(spec)) continue;
      const where = `${at}.regions.${region}`;
      const own = spec.account === undefined || spec.account === null;
      // The region's own account wins over the service's.
      const account = own ? serviceAccount : check(spec.account, `${where}.account`);
      if (own ? serviceBroken : account === undefined) continue;
      const first = claims.get(region);
      if (first === undefined) claims.set(region, { account, path: where });
      else if (first.account !== account)
        problems.push(
          `${where}: region ${region} is read from ${describeAccount(account)} here but from ${describeAccount(first.account)} in ${first.path}; a region is read from one account per configuration`,
        );
    }
  });
  return problems;
}
