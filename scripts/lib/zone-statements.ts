import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../shared/domain/errors.js';
import { isPlainObject } from '../../shared/formats/validation.js';
import { parseCloudFormationYaml } from './cloudformation-yaml.js';
import type { DeployValues } from './deploy-values.js';

/*
 * The statements the zone account's role grants are the home writer policy's
 * own (serverless.yml, ReconcileRole's `rebalance`), not a second copy: the
 * statements every Route 53 call goes through (records, the zone check,
 * changes, health checks) and the health checks' status metric, which is read
 * with the zone account's credentials too (shared/runtime/live-aws.ts). The
 * framework's `${self:custom.build.X}` variables in them are filled from the
 * same deploy values serverless.yml reads; CloudFormation's own `${AWS::...}`
 * stay for the zone account's stack to fill.
 */

export const SERVERLESS_YML = fileURLToPath(new URL('../../serverless.yml', import.meta.url));

/** What the zone account's clients call beyond Route 53: the health checks' HealthCheckStatus metric. */
export const ZONE_ACTIONS_BEYOND_ROUTE53: readonly string[] = ['cloudwatch:GetMetricData'];

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | readonly string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

const WRITER_ROLE = 'ReconcileRole';
const WRITER_POLICY = 'rebalance';

/** A framework variable (`${self:x}`, `${param:x}`, `${file(f):x}`), not CloudFormation's `${AWS::Region}`. */
const FRAMEWORK_VARIABLE = /\$\{([A-Za-z]+(?:\(|:(?!:))[^{}]*)\}/g;
const BUILD_PREFIX = 'self:custom.build.';

function problem(where: string, text: string): ConfigError {
  return new ConfigError(where, [text]);
}

/**
 * The home writer policy's `Statement` in a parsed serverless.yml, variables
 * unresolved: a list, or the one variable of the build's list
 * (`${self:custom.build.writerStatements}`).
 */
export function writerPolicyStatements(serverless: unknown, where: string): unknown {
  const role = isPlainObject(serverless) ? serverless.resources : undefined;
  const resources = isPlainObject(role) ? role.Resources : undefined;
  const writer = isPlainObject(resources) ? resources[WRITER_ROLE] : undefined;
  const properties = isPlainObject(writer) ? writer.Properties : undefined;
  const policies = isPlainObject(properties) ? properties.Policies : undefined;
  const policy = Array.isArray(policies)
    ? (policies as unknown[]).find((p) => isPlainObject(p) && p.PolicyName === WRITER_POLICY)
    : undefined;
  const document = isPlainObject(policy) ? policy.PolicyDocument : undefined;
  const statements = isPlainObject(document) ? document.Statement : undefined;
  if (!Array.isArray(statements) && typeof statements !== 'string')
    throw problem(where, `no policy ${WRITER_POLICY} with statements in ${WRITER_ROLE}`);
  return statements as PolicyStatement[];
}

function buildValue(variable: string, values: DeployValues, where: string): unknown {
  if (!variable.startsWith(BUILD_PREFIX))
    throw problem(
      where,
      `\${${variable}}: the zone account's statements can only use the build's values (\${${BUILD_PREFIX}...})`,
    );
  let value: unknown = values;
  for (const key of variable.slice(BUILD_PREFIX.length).split('.'))
    value = isPlainObject(value) ? value[key] : undefined;
  if (value === undefined)
    throw problem(where, `\${${variable}}: not a value of dist/deploy-values.json`);
  return value;
}

function resolveText(text: string, values: DeployValues, where: string): unknown {
  const whole = /^\$\{([^{}]+)\}$/.exec(text);
  if (whole?.[1] !== undefined && new RegExp(FRAMEWORK_VARIABLE.source).test(text))
    return buildValue(whole[1], values, where);
  return text.replace(FRAMEWORK_VARIABLE, (_, variable: string) => {
    const value = buildValue(variable, values, where);
    if (typeof value !== 'string')
      throw problem(where, `\${${variable}}: a list or mapping inside text`);
    return value;
  });
}

/** `value` with the framework's `${self:custom.build.X}` filled from `values`, as the framework fills them. */
export function resolveBuildValues(value: unknown, values: DeployValues, where: string): unknown {
  if (typeof value === 'string') return resolveText(value, values, where);
  if (Array.isArray(value)) return value.map((v) => resolveBuildValues(v, values, where));
  if (isPlainObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveBuildValues(v, values, where)]),
    );
  return value;
}

/** A statement's actions as a list, whether it gives one or several. */
export const actionsOf = (s: PolicyStatement): readonly string[] =>
  typeof s.Action === 'string' ? [s.Action] : s.Action;
const isZoneAction = (action: string): boolean =>
  action.startsWith('route53:') || ZONE_ACTIONS_BEYOND_ROUTE53.includes(action);

/**
 * The statements whose every action the zone account serves, in the policy's
 * order; a statement mixing zone and fleet actions cannot be split, and is refused.
 */
export function zoneStatementsOf(
  statements: readonly PolicyStatement[],
  where: string,
): PolicyStatement[] {
  return statements.filter((statement) => {
    const actions = actionsOf(statement);
    const zone = actions.filter(isZoneAction);
    if (zone.length > 0 && zone.length < actions.length)
      throw problem(
        where,
        `statement ${statement.Sid ?? '(no Sid)'} of ${WRITER_ROLE}'s ${WRITER_POLICY} policy mixes the zone account's actions (${zone.join(', ')}) with others: split it`,
      );
    return zone.length > 0;
  });
}

/** The home writer policy's zone statements for these deploy values, read from serverless.yml. */
export async function homeZoneStatements(
  values: DeployValues,
  serverlessYml: string = SERVERLESS_YML,
): Promise<PolicyStatement[]> {
  const where = 'serverless.yml';
  const listed = writerPolicyStatements(
    parseCloudFormationYaml(await readFile(serverlessYml, 'utf8')),
    where,
  );
  // One variable for the whole list (the zone-policy statements) or statements with variables in them.
  const statements = resolveBuildValues(listed, values, where);
  if (!Array.isArray(statements))
    throw problem(where, `the ${WRITER_POLICY} policy's statements are not a list`);
  return zoneStatementsOf(statements as PolicyStatement[], where);
}
