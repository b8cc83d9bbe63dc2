/** The hosted zone model: Route 53's rules for change batches and listing, as pure code. */
export { applyOrThrow, createHostedZone } from './zone.js';
export { batchSize, ROUTE53_LIMITS } from './limits.js';
export { isIPv4Address, isIPv6Address } from './rdata.js';
export { stripZoneId } from './normalize.js';
export type {
  HostedZone,
  HostedZoneOptions,
  ListPage,
  ListParams,
  Rejection,
  RejectionCode,
} from './types.js';
export { isLatencyRegion, LATENCY_REGIONS } from '../latency-regions.js';
export type { LatencyRegion } from '../latency-regions.js';
