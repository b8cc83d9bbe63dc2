import * as v from 'valibot';
import type {
  RebalancerSpec,
  RegionSpec,
  SafetySpec,
  ServiceSpec,
  ZoneSpec,
  ZoneUse,
} from '../../domain/spec.js';
import { accountIdOf, type AccountSpec } from '../../domain/accounts.js';
import { ConfigError } from '../../domain/errors.js';
import { DEFAULT_HOOK_SETTINGS } from '../../domain/lifecycle/duties.js';
import { DEFAULT_MAX_OVERRIDE_RATIO } from '../../domain/fleet/capacity.js';
import { accountProblems } from './accounts.js';
import { crossFieldProblems } from './checks.js';
import { latencyRegionProblems } from './latency-regions.js';
import { nameTreeProblems } from './name-trees.js';
import { slowStartProblems } from './slow-start.js';
import { route53Problems, route53SpecOf } from './route53-check.js';
import { zoneProblems } from './zone-checks.js';
import { rawZones, resolveUses } from './zone-uses.js';
import { configSchema } from './schema.js';
import type { ConfigFile, SafetyEntry, ServiceEntry } from './schema.js';
import { readJson } from '../json-text.js';
import { problemsFrom, readInputFile } from '../validation.js';

/*
 * The one configuration file (YAML, or JSON, which is YAML). Loading either
 * returns a complete, normalised RebalancerSpec or throws one ConfigError that
 * lists every problem with its path.
 */

const DEFAULT_TTL = 60;
const DEFAULT_GROUP_SIZE = 4;
/** What CloudTrail shows in the member account for the assumed role's calls. */
const DEFAULT_SESSION_NAME = 'route53-rebalancer';

type Accounts = ReadonlyMap<string, AccountSpec>;

function accountsOf(entry: ConfigFile['accounts']): Accounts {
  return new Map(
    Object.entries(entry ?? {}).map(([name, account]) => [
      name,
      {
        name,
        roleArn: account.roleArn,
        accountId: accountIdOf(account.roleArn),
        externalId: account.externalId ?? undefined,
        sessionName: account.sessionName ?? DEFAULT_SESSION_NAME,
      },
    ]),
  );
}

/** The account named (validation has checked it exists); undefined for none. */
function accountNamed(
  accounts: Accounts,
  name: string | null | undefined,
): AccountSpec | undefined {
  return name === undefined || name === null ? undefined : accounts.get(name);
}

type Validation =
  | { readonly problems: readonly []; readonly file: ConfigFile }
  | { readonly problems: readonly string[]; readonly file: undefined };

function indices(problem: string): number[] {
  const end = problem.indexOf(': ');
  const path = end < 0 ? '' : problem.slice(0, end);
  return [...path.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
}

function byListPosition(a: string, b: string): number {
  const [left, right] = [indices(a), indices(b)];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

function validate(value: unknown): Validation {
  const result = v.safeParse(configSchema, value, { abortEarly: false });
  // Grouped by service, so that a service's schema and cross-field problems read together.
  const problems = [
    ...new Set([
      ...problemsFrom(result.issues),
      ...crossFieldProblems(value),
      ...nameTreeProblems(value),
      ...latencyRegionProblems(value),
      ...accountProblems(value),
      ...slowStartProblems(value),
      ...route53Problems(value),
      ...zoneProblems(value),
    ]),
  ].sort(byListPosition);
  if (result.success && problems.length === 0) return { problems: [], file: result.output };
  return { problems, file: undefined };
}

/** Every problem of an already parsed configuration value, `path: message`; empty when valid. */
export function configProblems(value: unknown): string[] {
  return [...validate(value).problems];
}

function safetyOf(entry: SafetyEntry | null | undefined, fallback: SafetySpec): SafetySpec {
  const percent = entry?.maxCapacityRemovedPercent;
  return percent === undefined || percent === null
    ? fallback
    : { maxCapacityRemovedShare: percent / 100 };
}

/**
 * The safe default admits a new instance once EC2's instance status check is
 * `ok` (not `initializing`) whenever status checks are read; no grace, no tag.
 */
function healthOf(entry: ServiceEntry['health']): ServiceSpec['health'] {
  const statusChecks = entry?.statusChecks ?? true;
  const ready = entry?.readiness;
  const tag = ready?.tag ?? undefined;
  const at = tag?.indexOf('=') ?? -1;
  const route53 = entry?.route53 ?? undefined;
  return {
    statusChecks,
    alarmNamePrefix: entry?.alarmNamePrefix ?? undefined,
    drainTag: entry?.drainTag ?? undefined,
    readiness: {
      graceSeconds: ready?.graceSeconds ?? 0,
      statusOk: ready?.statusCheck ?? statusChecks,
      tag: tag === undefined ? undefined : { key: tag.slice(0, at), value: tag.slice(at + 1) },
    },
    ...(route53 !== undefined && { route53: route53SpecOf(route53) }),
  };
}

/** The zones a service uses, each with its address kind; undefined in a one-zone configuration. */
function usesOf(
  entry: ServiceEntry,
  at: string,
  zones: readonly ZoneSpec[] | undefined,
): ZoneUse[] | undefined {
  if (zones === undefined) return undefined;
  const raw = rawZones({ zones });
  return resolveUses(entry as Record<string, unknown>, at, raw).map((use) => ({
    zone: zones[use.zone]?.id ?? '',
    address: use.address,
  }));
}

function typeOf(entry: ServiceEntry): { type: 'A' | 'AAAA'; dualStack: boolean } {
  const types = entry.types ?? undefined;
  if (types === undefined) return { type: entry.type ?? 'A', dualStack: false };
  return types.length === 2
    ? { type: 'A', dualStack: true }
    : { type: types[0] ?? 'A', dualStack: false };
}

function toService(
  entry: ServiceEntry,
  defaultSafety: SafetySpec,
  accounts: Accounts,
  uses: readonly ZoneUse[] | undefined,
): ServiceSpec {
  const { type, dualStack } = typeOf(entry);
  const regions = Object.entries(entry.regions).map(([region, spec]): RegionSpec => {
    // The region's account wins over the service's.
    const account = accountNamed(accounts, spec.account ?? entry.account);
    return {
      region,
      mode: spec.mode,
      name: spec.name ?? `${region}.${entry.recordName}`,
      groupSize: spec.groupSize ?? DEFAULT_GROUP_SIZE,
      collapseSingleInstance: spec.collapseSingleInstance ?? entry.collapseSingleInstance ?? false,
      ...(account !== undefined && { account }),
    };
  });
  return {
    name: entry.name,
    recordName: entry.recordName,
    type,
    ttl: entry.ttl ?? DEFAULT_TTL,
    memberTags: entry.members.tags,
    memberAutoScalingGroups: entry.members.autoScalingGroups ?? undefined,
    address: uses?.[0]?.address ?? entry.address ?? (type === 'AAAA' ? 'ipv6' : 'public'),
    capacity: {
      source: entry.capacity?.source ?? 'vcpu',
      overrideTag: entry.capacity?.overrideTag ?? undefined,
      maxOverrideRatio: entry.capacity?.maxOverrideRatio ?? DEFAULT_MAX_OVERRIDE_RATIO,
    },
    health: healthOf(entry.health),
    safety: safetyOf(entry.safety, defaultSafety),
    ...(entry.slowStart !== undefined &&
      entry.slowStart !== null && {
        slowStart: { windowSeconds: entry.slowStart.window, steps: entry.slowStart.steps },
      }),
    regions,
    ...(dualStack && { dualStack }),
    ...(uses !== undefined && { zones: uses }),
  };
}

function zonesOfFile(file: ConfigFile, accounts: Accounts): ZoneSpec[] | undefined {
  return file.zones?.map((z) => {
    const account = accountNamed(accounts, z.account);
    return {
      id: z.id,
      ...(z.name !== undefined && z.name !== null && { name: z.name }),
      private: z.private ?? false,
      ...(account !== undefined && { account }),
    };
  });
}

function toSpec(file: ConfigFile): RebalancerSpec {
  const safety = safetyOf(file.safety, { maxCapacityRemovedShare: undefined });
  const zoneName = file.zoneName ?? undefined;
  const accounts = accountsOf(file.accounts);
  const zoneAccount = accountNamed(accounts, file.zoneAccount);
  const zones = zonesOfFile(file, accounts);
  return {
    hostedZoneId: zones?.[0]?.id ?? file.hostedZoneId ?? '',
    ...(zoneName === undefined ? {} : { zoneName }),
    ...(zones !== undefined && { zones }),
    ownerId: file.ownerId,
    services: file.services.map((service, i) =>
      toService(service, safety, accounts, usesOf(service, `services[${i}]`, zones)),
    ),
    ...(zoneAccount !== undefined && { zoneAccount }),
    ...(file.lifecycle !== undefined &&
      file.lifecycle !== null && {
        lifecycle: {
          drainMarginSeconds:
            file.lifecycle.drainMarginSeconds ?? DEFAULT_HOOK_SETTINGS.drainMarginSeconds,
          launchTimeoutSeconds:
            file.lifecycle.launchTimeoutSeconds ?? DEFAULT_HOOK_SETTINGS.launchTimeoutSeconds,
          launchDefaultResult:
            file.lifecycle.launchDefaultResult ?? DEFAULT_HOOK_SETTINGS.launchDefaultResult,
          heartbeatTimeoutSeconds:
            file.lifecycle.heartbeatTimeoutSeconds ?? DEFAULT_HOOK_SETTINGS.heartbeatTimeoutSeconds,
        },
      }),
  };
}

/** Validates an already parsed configuration value; throws one ConfigError listing every problem. */
export function configFromValue(value: unknown, source: string): RebalancerSpec {
  const { problems, file } = validate(value);
  if (file === undefined) throw new ConfigError(source, problems);
  return toSpec(file);
}

/**
 * Reads, parses and validates a configuration file; throws one ConfigError
 * naming the path (configFromText).
 */
export async function loadConfig(path: string): Promise<RebalancerSpec> {
  const text = await readInputFile(path, (problem) => new ConfigError(path, [problem]));
  return configFromText(text, path);
}

/**
 * Parses and validates a configuration file's text, read already; throws one
 * ConfigError naming the path. A `.json` file is parsed as JSON; anything else
 * as YAML, whose parser is loaded only then, so the Lambda functions (which
 * ship the validated config as JSON) never load it.
 */
export async function configFromText(text: string, path: string): Promise<RebalancerSpec> {
  if (path.endsWith('.json')) return configFromValue(parseJsonConfig(text, path), path);
  const { parseYaml } = await import('./yaml.js');
  return configFromValue(parseYaml(text, path), path);
}

function parseJsonConfig(text: string, source: string): unknown {
  const { problems, value } = readJson(text);
  if (problems.length > 0) throw new ConfigError(source, [...problems]);
  return value;
}
