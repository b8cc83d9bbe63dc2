import { ConfigError } from '../../shared/domain/errors.js';
import { actionsOf, type PolicyStatement } from './zone-statements.js';

/*
 * What the role of a zone with its own `zones[].account` grants: the home
 * writer policy's statements that zone's client needs, and no other zone's.
 * That client (shared/runtime/live-aws.ts, route53For) is a Route 53 adapter
 * (shared/aws/route53.ts) and nothing else: the health checks and their
 * metric go through the default zone client (zoneAccount's, else the
 * function's own), and are refused with several zones anyway
 * (shared/formats/config/route53-check.ts). A statement is picked by what it
 * grants (actions, and the hosted zones its Resource names), not by its Sid:
 * a Sid ends in the zone's id only when several zones have services.
 */

/** Every call of a zone's own client: its records, its name (the placement check), its changes' status. */
export const ZONE_CLIENT_ACTIONS: readonly string[] = [
  'route53:ChangeResourceRecordSets',
  'route53:ListResourceRecordSets',
  'route53:GetHostedZone',
  'route53:GetChange',
];

/** The hosted zones a Resource names (`...:hostedzone/<id>`); none for `*` or `change/*`. */
export function zonesNamed(resource: unknown): string[] {
  return [...JSON.stringify(resource ?? null).matchAll(/:hostedzone\/([A-Z0-9]+)/g)].map(
    (m) => m[1] ?? '',
  );
}

function splitIt(where: string, statement: PolicyStatement, what: string): ConfigError {
  return new ConfigError(where, [
    `statement ${statement.Sid ?? '(no Sid)'} of ReconcileRole's rebalance policy ${what}: split it`,
  ]);
}

/**
 * The statements the role of `zones` needs, in the policy's order: those of
 * the zone client's actions on those zones or on no zone (GetChange's
 * `change/*`). A statement granting them along with something else (other
 * actions, another zone) cannot be split, and is refused.
 */
export function zoneRoleStatements(
  statements: readonly PolicyStatement[],
  zones: readonly string[],
  where: string,
): PolicyStatement[] {
  return statements.filter((statement) => {
    const actions = actionsOf(statement);
    const client = actions.filter((a) => ZONE_CLIENT_ACTIONS.includes(a));
    const named = zonesNamed(statement.Resource);
    const ours = named.filter((id) => zones.includes(id));
    const concerns = client.length > 0 && (named.length === 0 || ours.length > 0);
    if (!concerns) return false;
    if (client.length < actions.length)
      throw splitIt(
        where,
        statement,
        `mixes a zone role's actions (${client.join(', ')}) with others`,
      );
    if (ours.length < named.length)
      throw splitIt(
        where,
        statement,
        `names hosted zone ${ours.join(', ')} with others (${named.filter((id) => !ours.includes(id)).join(', ')})`,
      );
    return true;
  });
}

/**
 * What the zoneAccount role grants: the home writer policy's statements but
 * those of zones with a role of their own (`ownRole`), which the writers
 * reach with that role and never with this one. A statement naming no zone
 * (the health checks, the change status) stays.
 */
export function zoneAccountStatements(
  statements: readonly PolicyStatement[],
  ownRole: ReadonlySet<string>,
): PolicyStatement[] {
  return statements.filter((statement) => {
    const named = zonesNamed(statement.Resource);
    return named.length === 0 || named.some((id) => !ownRole.has(id));
  });
}
