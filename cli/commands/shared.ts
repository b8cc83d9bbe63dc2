import { RebalancerError } from '../../shared/domain/errors.js';
import type { PlanScope } from '../../shared/domain/scope.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import { scopeProblems } from '../../shared/formats/invoke-payload.js';

/** Regional name of each (service, region), keyed `service|region`, for display. */
export function regionalNames(spec: RebalancerSpec): Map<string, string> {
  return new Map(
    spec.services.flatMap((s) => s.regions.map((r) => [`${s.name}|${r.region}`, r.name] as const)),
  );
}

/**
 * The scope named by --service and --region; everything when neither is
 * given. A name the configuration does not know is an error naming what it
 * does know: a typo must not read as "No changes".
 */
export function scopeOf(
  spec: RebalancerSpec,
  options: { service?: string; region?: string },
): PlanScope {
  const problems = scopeProblems(spec, options.service, options.region);
  // The payload's own check, worded for options: `--service: unknown service apii (configured: api)`.
  if (problems.length > 0) throw new RebalancerError(problems.map((p) => `--${p}`).join('\n'));
  return options.service === undefined && options.region === undefined
    ? []
    : [{ service: options.service, region: options.region }];
}
