import type { PlanScope } from '../../shared/domain/scope.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';

/** Regional name of each (service, region), keyed `service|region`, for display. */
export function regionalNames(spec: RebalancerSpec): Map<string, string> {
  return new Map(
    spec.services.flatMap((s) => s.regions.map((r) => [`${s.name}|${r.region}`, r.name] as const)),
  );
}

/** The scope named by --service and --region; everything when neither is given. */
export function scopeOf(options: { service?: string; region?: string }): PlanScope {
  return options.service === undefined && options.region === undefined
    ? []
    : [{ service: options.service, region: options.region }];
}
