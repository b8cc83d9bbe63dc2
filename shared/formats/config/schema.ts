import * as v from 'valibot';
import { normalizeName } from '../../domain/dns/names.js';
import { accountRef, accountsSchema } from './account-schema.js';
import { flag, integerBetween, isPlainObject, strictMapping } from '../validation.js';
import { route53CheckSchema } from './route53-check.js';

/*
 * The configuration file's schema, as written: defaults are filled in later
 * (config.ts) because several depend on other fields. Every schema carries its
 * own message, so no valibot wording reaches the user.
 */

export const SERVICE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const OWNER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const ZONE_ID = /^Z[A-Z0-9]{1,32}$/;
const DNS_LABEL = /^[a-z0-9_*-]{1,63}$/;

/** True for a normalised name whose labels are 1..63 of [a-z0-9-_*], at most 255 characters. */
export function isDnsName(name: string): boolean {
  return (
    name.length <= 255 &&
    name
      .slice(0, -1)
      .split('.')
      .every((label) => DNS_LABEL.test(label))
  );
}

/** The bare zone id, as "/hostedzone/Z..." (what the API returns) is accepted too. */
export function bareZoneId(id: string): string {
  return id.replace(/^\/hostedzone\//, '');
}

const DNS_NAME =
  'expected a DNS name (labels of 1-63 letters, digits, -, _ or *; at most 255 characters)';

const pattern = (regex: RegExp, message: string) =>
  v.pipe(v.string(message), v.regex(regex, message));

const oneOf = <const T extends readonly [string, ...string[]]>(options: T) =>
  v.picklist(options, `expected ${options.join(' | ')}`);

const nonEmpty = v.pipe(
  v.string('expected a string'),
  v.minLength(1, 'expected a non-empty string'),
);

const dnsName = v.pipe(
  v.string(DNS_NAME),
  v.transform(normalizeName),
  v.check(isDnsName, DNS_NAME),
);

/** A mapping with at least one entry, each key and value checked. */
const entries = <TKey extends v.GenericSchema<string, string>, TValue extends v.GenericSchema>(
  key: TKey,
  value: TValue,
  empty: string,
) =>
  v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, 'expected a mapping'),
    v.record(key, value, 'expected a mapping'),
    v.check((record) => Object.keys(record).length > 0, empty),
  );

const GROUP_NAMES =
  'expected a list of 1-100 distinct Auto Scaling group names (1-255 characters each)';

/** Auto Scaling group names: EC2 Auto Scaling allows 1-255 characters. */
const autoScalingGroups = v.pipe(
  v.array(
    v.pipe(v.string(GROUP_NAMES), v.minLength(1, GROUP_NAMES), v.maxLength(255, GROUP_NAMES)),
    GROUP_NAMES,
  ),
  v.check((names) => names.length >= 1 && names.length <= 100, GROUP_NAMES),
  v.check((names) => new Set(names).size === names.length, GROUP_NAMES),
);

const RATIO = 'expected a number from 1 to 1000';

const overrideRatio = v.pipe(
  v.number(RATIO),
  v.check((n) => Number.isFinite(n) && n >= 1 && n <= 1000, RATIO),
);

const safety = strictMapping({
  maxCapacityRemovedPercent: v.nullish(
    v.pipe(
      v.number('expected a number greater than 0 and at most 100'),
      v.check((n) => n > 0 && n <= 100, 'expected a number greater than 0 and at most 100'),
    ),
  ),
});

const region = strictMapping({
  mode: oneOf(['weighted', 'grouped']),
  name: v.nullish(dnsName),
  groupSize: v.nullish(integerBetween(2, 8)),
  collapseSingleInstance: v.nullish(flag),
  account: v.nullish(accountRef),
});

/** What a new instance must show before it earns traffic (health.readiness). */
const readiness = strictMapping({
  // A day at most: a longer grace would keep a replacement out past any scale-out.
  graceSeconds: v.nullish(integerBetween(0, 86_400)),
  statusCheck: v.nullish(flag),
  tag: v.nullish(
    v.pipe(
      v.string('expected key=value'),
      v.regex(/^[^=\s]+=\S+$/, 'expected key=value, e.g. rebalancer:ready=true'),
    ),
  ),
});

/** A new instance's ramp to full weight (services[].slowStart); the TTL and mode rules are in slow-start.ts. */
const slowStart = strictMapping({
  // A day at most, as for the readiness grace: a longer ramp would outlast any scale-out it serves.
  window: integerBetween(1, 86_400),
  steps: integerBetween(1, 100),
});

const zoneId = v.pipe(
  v.string('expected a hosted zone id like Z0EXAMPLE12345'),
  v.transform(bareZoneId),
  v.regex(ZONE_ID, 'expected a hosted zone id like Z0EXAMPLE12345'),
);

/** A hosted zone of a configuration of several (top-level `zones`). */
const zone = strictMapping({
  id: zoneId,
  name: v.nullish(dnsName),
  private: v.nullish(flag),
  // The role the zone is read and written with; default the top-level zoneAccount.
  account: v.nullish(accountRef),
});

/** Where a service's records go: a zone (its id or name) and the address kind it gets. */
const zoneUse = strictMapping({
  zone: v.pipe(
    v.string('expected a zone id or name from zones'),
    v.minLength(1, 'expected a zone id or name from zones'),
  ),
  address: v.nullish(oneOf(['public', 'private', 'ipv6'])),
  // A private zone gets public addresses only when asked.
  publicInPrivateZone: v.nullish(flag),
});

const TYPES = 'expected [A], [AAAA] or [A, AAAA]';

const types = v.pipe(
  v.array(oneOf(['A', 'AAAA']), TYPES),
  v.check((list) => list.length >= 1 && new Set(list).size === list.length, TYPES),
);

const service = strictMapping({
  name: pattern(
    SERVICE_NAME,
    'expected 1-63 lower-case letters, digits or -, starting with a letter or digit',
  ),
  recordName: dnsName,
  type: v.nullish(oneOf(['A', 'AAAA'])),
  types: v.nullish(types),
  zones: v.nullish(
    v.pipe(
      v.array(zoneUse, 'expected a list of zones'),
      v.minLength(1, 'expected at least one zone'),
    ),
  ),
  ttl: v.nullish(integerBetween(0, 2147483647)),
  members: strictMapping({
    tags: entries(
      v.pipe(v.string('expected a string'), v.minLength(1, 'expected a non-empty tag key')),
      v.string('expected a string'),
      'expected at least one tag',
    ),
    autoScalingGroups: v.nullish(autoScalingGroups),
  }),
  address: v.nullish(oneOf(['public', 'private', 'ipv6'])),
  capacity: v.nullish(
    strictMapping({
      source: v.nullish(oneOf(['vcpu', 'memory', 'equal'])),
      overrideTag: v.nullish(nonEmpty),
      maxOverrideRatio: v.nullish(overrideRatio),
    }),
  ),
  health: v.nullish(
    strictMapping({
      statusChecks: v.nullish(flag),
      alarmNamePrefix: v.nullish(nonEmpty),
      drainTag: v.nullish(nonEmpty),
      readiness: v.nullish(readiness),
      route53: v.nullish(route53CheckSchema),
    }),
  ),
  safety: v.nullish(safety),
  slowStart: v.nullish(slowStart),
  collapseSingleInstance: v.nullish(flag),
  account: v.nullish(accountRef),
  regions: entries(
    pattern(REGION_NAME, 'expected an AWS region name like us-east-2'),
    region,
    'expected at least one region',
  ),
});

/** How the writer completes Auto Scaling lifecycle hooks (top-level `lifecycle`). */
const lifecycle = strictMapping({
  // After the TTL: a resolver that fetched the answer just before the write still holds it that long.
  drainMarginSeconds: v.nullish(integerBetween(0, 3600)),
  launchTimeoutSeconds: v.nullish(integerBetween(30, 7200)),
  launchDefaultResult: v.nullish(oneOf(['CONTINUE', 'ABANDON'])),
  // Auto Scaling allows heartbeat timeouts of 30 to 7200 s.
  heartbeatTimeoutSeconds: v.nullish(integerBetween(30, 7200)),
});

export const configSchema = strictMapping({
  // One of hostedZoneId (one zone) and zones (several): see zone-checks.ts.
  hostedZoneId: v.nullish(zoneId),
  zones: v.nullish(
    v.pipe(
      v.array(zone, 'expected a list of hosted zones'),
      v.minLength(1, 'expected at least one hosted zone'),
      v.maxLength(100, 'expected at most 100 hosted zones'),
    ),
  ),
  ownerId: pattern(
    OWNER_ID,
    'expected 1-63 letters, digits, ., _ or -, starting with a letter or digit (no /)',
  ),
  zoneName: v.nullish(dnsName),
  safety: v.nullish(safety),
  lifecycle: v.nullish(lifecycle),
  accounts: v.nullish(accountsSchema),
  // One field, so that it can move per zone later.
  zoneAccount: v.nullish(accountRef),
  services: v.pipe(
    v.array(service, 'expected a list of services'),
    v.minLength(1, 'expected at least one service'),
  ),
});

export type ConfigFile = v.InferOutput<typeof configSchema>;
export type ServiceEntry = ConfigFile['services'][number];
export type ZoneEntry = NonNullable<ConfigFile['zones']>[number];
export type SafetyEntry = NonNullable<ConfigFile['safety']>;
