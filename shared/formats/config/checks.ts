import { displayName, normalizeName } from '../../domain/dns/names.js';
import { REGION_NAME, SERVICE_NAME, isDnsName } from './schema.js';
import { isPlainObject } from '../validation.js';
import { claimedZones } from './zone-checks.js';
import { isDualStack, primaryType } from './zone-uses.js';

/*
 * Rules that span fields. They read the raw input, not the schema's output, so
 * that they are reported in the same error as the schema's problems; a value
 * the schema rejects is skipped here rather than reported twice.
 */

function validName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = normalizeName(value);
  return isDnsName(name) ? name : undefined;
}

function absent(value: unknown): boolean {
  return value === undefined || value === null;
}

/** Problems no single field shows: duplicates, shared names, and combinations of fields. */
export function crossFieldProblems(input: unknown): string[] {
  const problems: string[] = [];
  const serviceNames = new Map<string, string>();
  // Two services writing the same name would undo each other's records forever.
  const owners = new Map<string, string>();
  // Per zone: the same name in two zones is two records (split horizon, or one tree rendered twice).
  let zones: readonly string[] = [''];
  const claim = (name: string, path: string, what: string, problem: string): void => {
    for (const zone of zones) {
      const owner = owners.get(`${zone}|${name}`);
      const inZone = zone === '' ? '' : ` in zone ${zone}`;
      if (owner === undefined) owners.set(`${zone}|${name}`, what);
      else if (owner !== what)
        problems.push(`${path}: ${problem} is already used by ${owner}${inZone}`);
    }
  };

  const services = isPlainObject(input) && Array.isArray(input.services) ? input.services : [];
  services.forEach((service: unknown, index) => {
    if (!isPlainObject(service)) return;
    const at = `services[${index}]`;

    if (typeof service.name === 'string' && SERVICE_NAME.test(service.name)) {
      const first = serviceNames.get(service.name);
      if (first === undefined) serviceNames.set(service.name, `${at}.name`);
      else problems.push(`${at}.name: duplicate service name ${service.name} (also ${first})`);
    }

    zones = claimedZones(input, service, at);
    const type = primaryType(service);
    if (type === 'A' && service.address === 'ipv6' && !isDualStack(service)) {
      problems.push(`${at}.address: ipv6 needs type AAAA`);
    }
    if (type === 'AAAA' && (service.address === 'public' || service.address === 'private')) {
      problems.push(`${at}.address: type AAAA needs address ipv6`);
    }

    const recordName = validName(service.recordName);
    if (recordName !== undefined) {
      claim(recordName, `${at}.recordName`, `${at}.recordName`, displayName(recordName));
    }

    if (!isPlainObject(service.regions)) return;
    for (const [region, spec] of Object.entries(service.regions)) {
      if (!isPlainObject(spec)) continue;
      const where = `${at}.regions.${region}`;
      if (!absent(spec.groupSize) && spec.mode === 'weighted') {
        problems.push(`${where}.groupSize: only allowed with mode grouped`);
      }
      const explicit = !absent(spec.name);
      const name = explicit
        ? validName(spec.name)
        : recordName !== undefined && REGION_NAME.test(region)
          ? normalizeName(`${region}.${recordName}`)
          : undefined;
      if (name === undefined) continue;
      if (!explicit && !isDnsName(name)) {
        problems.push(`${where}: default name ${displayName(name)} is too long; set name`);
        continue;
      }
      const path = explicit ? `${where}.name` : where;
      const shown = explicit ? displayName(name) : `default name ${displayName(name)}`;
      if (name === recordName) {
        problems.push(`${path}: ${shown} must differ from the service's recordName`);
        continue;
      }
      claim(name, path, explicit ? path : `${where} (default name)`, shown);
    }
  });
  return problems;
}
