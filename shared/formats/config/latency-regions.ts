import { LATENCY_REGIONS, isLatencyRegion } from '../../domain/dns/latency-regions.js';
import { editDistance, isPlainObject } from '../validation.js';
import { REGION_NAME } from './schema.js';

/*
 * A region of the configuration names the Region of a latency record, and
 * Route 53 refuses the whole change batch for a region it does not list; so a
 * region-shaped name (`us-east-7`) is refused at load, not at the first write.
 * A key the schema already rejects is skipped.
 */

/** The listed regions closest to `region`, at most two edits away. */
function closest(region: string): string[] {
  const distances = LATENCY_REGIONS.map((known) => ({
    known,
    distance: editDistance(region, known),
  }));
  const best = Math.min(...distances.map((d) => d.distance));
  return best > 2 ? [] : distances.filter((d) => d.distance === best).map((d) => d.known);
}

function problem(region: string, path: string): string {
  const near = closest(region);
  const hint =
    near.length === 0
      ? `expected one of ${LATENCY_REGIONS.join(', ')}`
      : `did you mean ${near.join(' or ')}?`;
  return `${path}: Route 53 has no latency records for region ${region} (${hint})`;
}

/** Every region key of every service that is not one of Route 53's latency regions. */
export function latencyRegionProblems(input: unknown): string[] {
  const services = isPlainObject(input) && Array.isArray(input.services) ? input.services : [];
  return services.flatMap((service: unknown, index) => {
    if (!isPlainObject(service) || !isPlainObject(service.regions)) return [];
    return Object.keys(service.regions)
      .filter((region) => REGION_NAME.test(region) && !isLatencyRegion(region))
      .map((region) => problem(region, `services[${index}].regions.${region}`));
  });
}
