/**
 * What IAM counts of a role's inline policies in a packaged template: the
 * policy documents as CloudFormation resolves them, as JSON without
 * whitespace. Resolved here for the longest values the account could bring:
 * partition `aws-us-gov`, a 20-character region, a 12-digit account id, and
 * the metrics namespace (a deploy-time parameter) at CloudWatch's maximum of
 * 255 characters.
 */
const WORST_CASE: Readonly<Record<string, string>> = {
  'AWS::Partition': 'aws-us-gov',
  'AWS::Region': 'r'.repeat(20),
  'AWS::AccountId': '1'.repeat(12),
};
const LONGEST_NAMESPACE = 'n'.repeat(255);

export interface PackagedTemplate {
  readonly Resources: Record<string, { Properties: Record<string, unknown> }>;
}

interface InlinePolicy {
  readonly PolicyDocument: unknown;
}

function resolve(template: PackagedTemplate, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(template, v));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const sub = object['Fn::Sub'];
  if (typeof sub === 'string') {
    return sub.replace(/\$\{([^}]+)\}/g, (_, key: string) => {
      const found = WORST_CASE[key];
      if (found === undefined) throw new Error(`no worst case for \${${key}}`);
      return found;
    });
  }
  const getAtt = object['Fn::GetAtt'];
  if (Array.isArray(getAtt)) {
    const queue = template.Resources[String(getAtt[0])]?.Properties.QueueName;
    if (getAtt[1] !== 'Arn' || typeof queue !== 'string')
      throw new Error(`cannot resolve ${JSON.stringify(getAtt)}`);
    const { 'AWS::Partition': p, 'AWS::Region': r, 'AWS::AccountId': a } = WORST_CASE;
    return `arn:${p}:sqs:${r}:${a}:${queue}`;
  }
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, resolve(template, v)]));
}

/** The role's inline policy documents, resolved for the worst case, as IAM counts them. */
export function inlinePolicyText(template: PackagedTemplate, role: string): string {
  const policies = template.Resources[role]?.Properties.Policies as InlinePolicy[] | undefined;
  if (policies === undefined) throw new Error(`no inline policies on ${role}`);
  return policies
    .map((p) => JSON.stringify(resolve(template, p.PolicyDocument)))
    .join('')
    .replace(/"cloudwatch:namespace":"[^"]*"/g, `"cloudwatch:namespace":"${LONGEST_NAMESPACE}"`);
}

/** Characters of the name lists in a role's inline policies (the part the build lays out). */
export function nameListCharacters(template: PackagedTemplate, role: string): number {
  const text = inlinePolicyText(template, role);
  const lists =
    text.match(/"route53:ChangeResourceRecordSetsNormalizedRecordNames":\[[^\]]*\]/g) ?? [];
  const prefix = '"route53:ChangeResourceRecordSetsNormalizedRecordNames":'.length;
  return lists.reduce((sum, list) => sum + list.length - prefix, 0);
}
