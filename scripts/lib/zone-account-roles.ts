import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountSpec } from '../../shared/domain/accounts.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import type { DeployValues } from './deploy-values.js';
import { noExternalId, zoneAccountTemplate } from './zone-account.js';
import { zoneRoleStatements } from './zone-account-grants.js';
import { homeZoneStatements } from './zone-statements.js';

/*
 * dist/zone-account-<hostedZoneId>.json: the role a zone's own
 * `zones[].account` names, as a template to deploy in that account, granting
 * what that zone's client calls (zone-account-grants.ts). Written by every
 * build for the config's zones with an account; every build first removes
 * the ones it wrote before (nothing stale to deploy).
 *
 * One template per role, not per zone: the writers reach every zone of one
 * role through one client assuming it (shared/runtime/live-aws.ts,
 * zoneClient), and a role name is unique in its account, so two stacks could
 * not both create it. The file is named after the first zone that names the
 * role and grants each of its zones' statements. A zone whose role is
 * zoneAccount's gets none here: zone-account.json creates that role, granting
 * every zone's statements.
 */

const ZONE_ROLE_FILE = /^zone-account-.+\.json$/;

/** The file of the role whose first zone is `hostedZoneId` (a zone id is [A-Z0-9]). */
export const zoneRoleFile = (hostedZoneId: string): string => `zone-account-${hostedZoneId}.json`;

/** What the build did about one zone role's template, for its output. */
export type ZoneRoleOutcome =
  | {
      readonly written: string;
      readonly account: AccountSpec;
      readonly zones: readonly string[];
    }
  | { readonly skipped: string };

interface ZoneRole {
  readonly account: AccountSpec;
  readonly zones: string[];
}

/** The zones' own roles, once each in the order first named, with their zones; zoneAccount's left out. */
function zoneRoles(spec: RebalancerSpec): ZoneRole[] {
  const roles = new Map<string, ZoneRole>();
  for (const zone of spec.zones ?? []) {
    const account = zone.account;
    if (account === undefined || account.roleArn === spec.zoneAccount?.roleArn) continue;
    const role = roles.get(account.roleArn);
    if (role === undefined) roles.set(account.roleArn, { account, zones: [zone.id] });
    else role.zones.push(zone.id);
  }
  return [...roles.values()];
}

async function removeStale(outDir: string): Promise<void> {
  const names = await readdir(outDir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  await Promise.all(
    names.filter((n) => ZONE_ROLE_FILE.test(n)).map((n) => rm(join(outDir, n), { force: true })),
  );
}

/**
 * Writes the template of each zone's own role in `outDir`, after removing
 * every such template there. An account without externalId gets none: the
 * template's trust requires one, and the writers would assume the role without it.
 */
export async function writeZoneRoleTemplates(
  outDir: string,
  spec: RebalancerSpec,
  values: DeployValues,
  serverlessYml?: string,
): Promise<ZoneRoleOutcome[]> {
  await removeStale(outDir);
  const roles = zoneRoles(spec);
  if (roles.length === 0) return [];
  const home = await homeZoneStatements(values, serverlessYml);
  const outcomes: ZoneRoleOutcome[] = [];
  for (const { account, zones } of roles) {
    const file = zoneRoleFile(zones[0] ?? '');
    const { externalId } = account;
    if (externalId === undefined) {
      outcomes.push({
        skipped: noExternalId(file, account),
      });
      continue;
    }
    const statements = zoneRoleStatements(home, zones, 'serverless.yml');
    const template = zoneAccountTemplate(
      { ...account, externalId },
      zones,
      statements,
      'zones[].account',
    );
    const written = join(outDir, file);
    await writeFile(written, `${JSON.stringify(template, null, 2)}\n`);
    outcomes.push({ written, account, zones });
  }
  return outcomes;
}

/** One line for the build's output. */
export function zoneRoleSummary(outcome: ZoneRoleOutcome): string {
  if ('skipped' in outcome) return outcome.skipped;
  const { written, account, zones } = outcome;
  const which = `hosted zone${zones.length === 1 ? '' : 's'} ${zones.join(', ')}`;
  return `${written}: the role of zones[].account ${account.name} (${which}); deploy it in account ${account.accountId}`;
}
