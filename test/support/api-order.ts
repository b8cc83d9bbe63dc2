/**
 * Route 53's element order for ChangeResourceRecordSets, written out here from
 * the API reference (not imported from the code under test): the AWS CLI sends
 * a `--change-batch` file's keys in file order and Route 53 validates it.
 */
const ORDER: Readonly<Record<string, readonly string[]>> = {
  ChangeBatch: ['Comment', 'Changes'],
  Change: ['Action', 'ResourceRecordSet'],
  ResourceRecordSet: [
    'Name',
    'Type',
    'SetIdentifier',
    'Weight',
    'Region',
    'GeoLocation',
    'Failover',
    'MultiValueAnswer',
    'TTL',
    'ResourceRecords',
    'AliasTarget',
    'HealthCheckId',
    'TrafficPolicyInstanceId',
    'CidrRoutingConfig',
    'GeoProximityLocation',
  ],
  AliasTarget: ['HostedZoneId', 'DNSName', 'EvaluateTargetHealth'],
};

function keyOrderProblem(value: unknown, shape: string, where: string): string | undefined {
  const order = ORDER[shape] ?? [];
  const keys = Object.keys(value as object);
  const unknown = keys.filter((key) => !order.includes(key));
  if (unknown.length > 0) return `${where}: unknown ${shape} keys ${unknown.join(', ')}`;
  const positions = keys.map((key) => order.indexOf(key));
  const sorted = positions.every((p, i) => i === 0 || (positions[i - 1] ?? -1) < p);
  return sorted ? undefined : `${where}: ${shape} keys out of API order: ${keys.join(', ')}`;
}

/** Every key of these change batches that is out of Route 53's order (or unknown); empty when all are in order. */
export function apiOrderProblems(batches: readonly unknown[]): string[] {
  const problems: string[] = [];
  const check = (value: unknown, shape: string, where: string): void => {
    const problem = keyOrderProblem(value, shape, where);
    if (problem !== undefined) problems.push(problem);
  };
  batches.forEach((batch, b) => {
    check(batch, 'ChangeBatch', `batch ${b}`);
    const changes = (batch as { Changes: unknown[] }).Changes;
    changes.forEach((change, c) => {
      const where = `batch ${b} change ${c}`;
      check(change, 'Change', where);
      const record = (change as { ResourceRecordSet: Record<string, unknown> }).ResourceRecordSet;
      check(record, 'ResourceRecordSet', where);
      if (record.AliasTarget !== undefined) check(record.AliasTarget, 'AliasTarget', where);
    });
  });
  return problems;
}
