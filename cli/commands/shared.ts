import type { RebalancerSpec } from '../../shared/domain/spec.js';

/** Regional name of each (service, region), keyed `service|region`, for display. */
export function regionalNames(spec: RebalancerSpec): Map<string, string> {
  return new Map(
    spec.services.flatMap((s) => s.regions.map((r) => [`${s.name}|${r.region}`, r.name] as const)),
  );
}
