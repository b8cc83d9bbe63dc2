import { displayName, isAtOrBelow, normalizeName } from '../../domain/dns/names.js';
import { parseBinName } from '../../domain/layout/layout.js';
import { isPlainObject } from '../validation.js';
import { REGION_NAME, isDnsName } from './schema.js';

/*
 * Where the configured names sit in the zone. Below each regional name the
 * planner writes its groups and shards (`endpoint-<letters>.<regional name>`,
 * `shard-<letters>.<regional name>`) and reads the whole subtree, and the
 * writers' IAM policy allows those names; so no other configured name may lie
 * in that subtree, and a regional name at the zone apex would make it the
 * whole zone. Equal names are checks.ts's concern. Like checks.ts, these read
 * the raw input and skip what the schema already rejects.
 */

export interface ConfiguredName {
  /** Normalised. */
  readonly name: string;
  /** Where the name is configured: its field, or its region for a default name. */
  readonly path: string;
  readonly regional: boolean;
  /** For a name not written in the file, `<region>.<recordName>`: that recordName. */
  readonly defaultOf: string | undefined;
}

function validName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = normalizeName(value);
  return isDnsName(name) ? name : undefined;
}

function regionalNames(
  service: Record<string, unknown>,
  at: string,
  recordName: string | undefined,
): ConfiguredName[] {
  if (!isPlainObject(service.regions)) return [];
  return Object.entries(service.regions).flatMap(([region, spec]): ConfiguredName[] => {
    if (!isPlainObject(spec)) return [];
    const where = `${at}.regions.${region}`;
    if (spec.name !== undefined && spec.name !== null) {
      const name = validName(spec.name);
      const path = `${where}.name`;
      return name === undefined ? [] : [{ name, path, regional: true, defaultOf: undefined }];
    }
    if (recordName === undefined || !REGION_NAME.test(region)) return [];
    const name = normalizeName(`${region}.${recordName}`);
    if (!isDnsName(name)) return [];
    return [{ name, path: where, regional: true, defaultOf: recordName }];
  });
}

/** Every record name and regional name of the configuration that the schema would accept. */
export function configuredNames(input: unknown): ConfiguredName[] {
  const services = isPlainObject(input) && Array.isArray(input.services) ? input.services : [];
  return services.flatMap((service: unknown, index): ConfiguredName[] => {
    if (!isPlainObject(service)) return [];
    const at = `services[${index}]`;
    const recordName = validName(service.recordName);
    const own: ConfiguredName[] =
      recordName === undefined
        ? []
        : [{ name: recordName, path: `${at}.recordName`, regional: false, defaultOf: undefined }];
    return [...own, ...regionalNames(service, at, recordName)];
  });
}

export function named(name: ConfiguredName): string {
  const shown = displayName(name.name);
  return name.defaultOf === undefined ? shown : `default name ${shown}`;
}

/** Why `name` may not lie where it does below the regional name `root`, if it may not. */
function treeProblem(name: ConfiguredName, root: ConfiguredName): string | undefined {
  if (name.name === root.name || !isAtOrBelow(name.name, root.name)) return undefined;
  // A default name below the root only repeats what its recordName's own problem says.
  if (name.defaultOf !== undefined && isAtOrBelow(name.defaultOf, root.name)) return undefined;
  const below = `${displayName(root.name)} (${root.path})`;
  const bin = parseBinName(name.name, root.name);
  if (bin !== undefined) {
    const kind = bin.kind === 'endpoint' ? 'group' : 'shard';
    return `${name.path}: ${named(name)} is a ${kind} name the rebalancer writes below the regional name ${below}`;
  }
  return `${name.path}: ${named(name)} lies below the regional name ${below}, whose record tree the rebalancer reads and writes as a whole`;
}

function zoneProblem(name: ConfiguredName, zone: string): string | undefined {
  if (!isAtOrBelow(name.name, zone)) {
    return `${name.path}: ${named(name)} is outside the hosted zone ${displayName(zone)} (zoneName)`;
  }
  if (name.regional && name.name === zone) {
    return `${name.path}: ${named(name)} is the zone apex; a regional name must lie below it, or the rebalancer would read the whole zone and write groups at its apex`;
  }
  return undefined;
}

/**
 * Names that step into a regional name's record tree (one of its group or
 * shard names, or any name below it), and, when zoneName is given, names
 * outside the zone and regional names at its apex.
 */
export function nameTreeProblems(input: unknown): string[] {
  const names = configuredNames(input);
  const roots = names.filter((name) => name.regional);
  const zone = isPlainObject(input) ? validName(input.zoneName) : undefined;
  return names.flatMap((name) => {
    const placement = zone === undefined ? undefined : zoneProblem(name, zone);
    if (placement !== undefined) return [placement];
    const inside = roots.map((root) => treeProblem(name, root)).find((p) => p !== undefined);
    return inside === undefined ? [] : [inside];
  });
}
