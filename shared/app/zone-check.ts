import { zonePlacementProblems } from '../domain/dns/zone-placement.js';
import { ConfigError } from '../domain/errors.js';
import type { RebalancerSpec } from '../domain/spec.js';

/**
 * Checks once, against Route 53, that the configuration's names lie in the
 * hosted zone it names (the build cannot: it has no AWS access). A mismatch
 * is a configuration error, reported with every name that does not fit.
 */
export async function checkZonePlacement(
  spec: RebalancerSpec,
  zoneName: () => Promise<string>,
): Promise<void> {
  const problems = zonePlacementProblems(spec, await zoneName());
  if (problems.length > 0) throw new ConfigError(`hosted zone ${spec.hostedZoneId}`, problems);
}
