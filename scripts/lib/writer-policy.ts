import { isAtOrBelow } from '../../shared/domain/dns/names.js';
import { ConfigError } from '../../shared/domain/errors.js';
import { conditionName } from '../../shared/domain/plan/roots.js';
import type { RebalancerSpec, ServiceSpec } from '../../shared/domain/spec.js';
import { hookPolicyCharacters, hookStatements, writtenTagKeys } from './hook-policy.js';

/*
 * The names the writer roles (reconcile, manual) may change, as IAM condition
 * patterns on route53:ChangeResourceRecordSetsNormalizedRecordNames.
 *
 * - One Allow statement holds every pattern (ForAllValues:StringLike): IAM
 *   judges each statement alone, and one batch may touch every service, so
 *   the list cannot be split over statements or policies. It has to fit in
 *   the role's inline policies: 10,240 characters, whitespace not counted.
 * - A `*` matches dots too, so `endpoint-*.R` alone would also allow
 *   `endpoint-a.b.R`. A Deny statement (ForAnyValue:StringLike) refuses every
 *   name deeper than the planner writes: `*.*.*.N` (three labels or more below
 *   a record name whose regional names sit right below it), else `*.*.R`.
 * - Exact patterns per regional name R: R, `endpoint-*.R`, `shard-*.R`. When
 *   they do not fit, services whose regional names all sit right below their
 *   record name N are widened, largest saving first, until the policy fits:
 *   `*-?.N` (any name one or two labels below N, as the Deny bounds it, whose
 *   label right below N ends in `-` and one character, as region names do),
 *   or `*.N` when a regional label is not shaped so.
 */

/** IAM's quota on the inline policies of one role, whitespace not counted. */
export const ROLE_INLINE_POLICY_LIMIT = 10_240;

/**
 * Everything in the largest writer role's inline policies (reconcile: its own
 * policy, with the retry and work queues, and `rebalance`) but the two name lists and
 * the lifecycle-hooks policy (hook-policy.ts counts it), whitespace-free: a base
 * (the longest partition, a 20-character region, a 12-digit account, a metrics
 * namespace of CloudWatch's maximum 255 characters, some slack), plus the
 * characters of the stage and of the hosted zone id times the times they
 * occur (the health-check statements, issue 10, added 454). test/deploy/package.test.ts
 * measures the packaged template against it.
 */
export const FIXED_POLICY = { base: 2_570, perStageCharacter: 4, perZoneIdCharacter: 3 } as const;

export interface WriterNames {
  /** The Allow statement's patterns. */
  readonly allowed: readonly string[];
  /** The Deny statement's patterns: names deeper than the planner writes. */
  readonly deeper: readonly string[];
  /** Services granted `*.N` because their exact names did not fit, in config order. */
  readonly widened: readonly string[];
  /** Whitespace-free characters of the largest writer role's inline policies. */
  readonly characters: number;
}

/** A name the planner may write: `base` itself (0) or one label on top of it (1). */
interface Written {
  readonly base: string;
  readonly extra: 0 | 1;
  readonly service: string;
}

interface Grant {
  readonly service: ServiceSpec;
  readonly exact: readonly string[];
  /** Undefined when the service cannot be widened. */
  readonly widened: readonly string[] | undefined;
  readonly deeper: readonly string[];
}

function labels(name: string): number {
  return name === '.' ? 0 : name.split('.').length - 1;
}

function writtenNames(spec: RebalancerSpec): Written[] {
  return spec.services.flatMap((service) => [
    { base: service.recordName, extra: 0 as const, service: service.name },
    ...service.regions.flatMap((r) => [
      { base: r.name, extra: 0 as const, service: service.name },
      { base: r.name, extra: 1 as const, service: service.name },
    ]),
  ]);
}

/** A written name that a deny of every name `depth` or more labels below `root` would refuse. */
function clash(root: string, depth: number, written: readonly Written[]): Written | undefined {
  return written.find(
    (w) => isAtOrBelow(w.base, root) && labels(w.base) - labels(root) + w.extra >= depth,
  );
}

function grantOf(service: ServiceSpec, written: readonly Written[], source: string): Grant {
  const n = service.recordName;
  const exact = [
    conditionName(n),
    ...service.regions.flatMap((r) => {
      const regional = conditionName(r.name);
      return [regional, `endpoint-*.${regional}`, `shard-*.${regional}`];
    }),
  ];
  const belowN = service.regions.every(
    (r) => isAtOrBelow(r.name, n) && labels(r.name) === labels(n) + 1,
  );
  if (belowN && clash(n, 3, written) === undefined) {
    const deeper = [`*.*.*.${conditionName(n)}`];
    // Region labels end in -<digit>: then `_acme-challenge.N`, `www.N` and the like stay out.
    const regionShaped = service.regions.every((r) =>
      /-[a-z0-9_-]$/.test(conditionName(r.name).slice(0, -conditionName(n).length - 1)),
    );
    const below = regionShaped ? `*-?.${conditionName(n)}` : `*.${conditionName(n)}`;
    return { service, exact, widened: [conditionName(n), below], deeper };
  }
  const deeper = service.regions.map((r) => {
    const other = clash(r.name, 2, written);
    if (other !== undefined) {
      throw new ConfigError(source, [
        `service ${other.service} writes below ${r.name}, the regional name of service ${service.name}, two labels deep or more: the IAM policy cannot allow those names and refuse names that deep below ${r.name}; give one of them a name elsewhere`,
      ]);
    }
    return `*.*.${conditionName(r.name)}`;
  });
  return { service, exact, widened: undefined, deeper };
}

const listCharacters = (names: Iterable<string>): number =>
  JSON.stringify([...new Set(names)]).length;

function measure(grants: readonly Grant[], wide: ReadonlySet<Grant>, fixed: number): number {
  const allowed = grants.flatMap((g) => (wide.has(g) ? (g.widened ?? g.exact) : g.exact));
  return fixed + listCharacters(allowed) + listCharacters(grants.flatMap((g) => g.deeper));
}

/** Whitespace-free characters of everything but the name lists, for this stage and zone. */
export function fixedPolicyCharacters(
  stage: string,
  hostedZoneId: string,
  drainTags: readonly string[] = [],
): number {
  return (
    FIXED_POLICY.base +
    FIXED_POLICY.perStageCharacter * stage.length +
    FIXED_POLICY.perZoneIdCharacter * hostedZoneId.length +
    // The TagDrains condition's list beyond the default key the base counts: "key", each.
    drainTags.reduce((n, tag) => n + tag.length + 3, 0)
  );
}

/**
 * The writer roles' name patterns: exact while they fit IAM's inline quota,
 * widened service by service (largest saving first) when they do not. Throws
 * a ConfigError, naming `source`, when even every service widened is too big.
 */
export function writerNames(spec: RebalancerSpec, stage: string, source: string): WriterNames {
  const written = writtenNames(spec);
  const grants = spec.services.map((service) => grantOf(service, written, source));
  const fixed =
    fixedPolicyCharacters(stage, spec.hostedZoneId, writtenTagKeys(spec)) +
    hookPolicyCharacters(hookStatements(spec, source));
  const wide = new Set<Grant>();
  const saving = (g: Grant): number =>
    listCharacters(g.exact) - listCharacters(g.widened ?? g.exact);
  const candidates = grants
    .filter((g) => g.widened !== undefined && saving(g) > 0)
    .sort((a, b) => saving(b) - saving(a));
  for (const grant of candidates) {
    if (measure(grants, wide, fixed) <= ROLE_INLINE_POLICY_LIMIT) break;
    wide.add(grant);
  }
  const characters = measure(grants, wide, fixed);
  if (characters > ROLE_INLINE_POLICY_LIMIT) {
    const exact = measure(grants, new Set(), fixed);
    throw new ConfigError(source, [
      `the IAM policy of the writer roles needs ${characters.toLocaleString('en-US')} characters with every service it can widen widened (${exact.toLocaleString('en-US')} with exact names), more than the ${ROLE_INLINE_POLICY_LIMIT.toLocaleString('en-US')} IAM allows a role's inline policies: split the services over more than one stage, each with its own ownerId`,
    ]);
  }
  return {
    allowed: [...new Set(grants.flatMap((g) => (wide.has(g) ? (g.widened ?? g.exact) : g.exact)))],
    deeper: [...new Set(grants.flatMap((g) => g.deeper))],
    widened: grants.filter((g) => wide.has(g)).map((g) => g.service.name),
    characters,
  };
}

/** One line for the build's output: how big the policy is, and which services were widened. */
export function writerNamesSummary(names: WriterNames): string {
  const size = `${names.characters.toLocaleString('en-US')} of ${ROLE_INLINE_POLICY_LIMIT.toLocaleString('en-US')} characters`;
  return names.widened.length === 0
    ? `IAM: exact record names, ${size}`
    : `IAM: ${size}; exact names did not fit, so ${names.widened.length} service(s) may write names one or two labels below their record name instead: ${names.widened.join(', ')}`;
}
