import { HEALTH_CHECK_PRICES } from './limits.js';
import type { HealthCheckConfig } from './types.js';

/** One check's monthly price in US dollars at Route 53's published prices (HEALTH_CHECK_PRICES). */
export function monthlyPrice(config: HealthCheckConfig): number {
  const prices = HEALTH_CHECK_PRICES;
  if (config.kind === 'calculated') return prices.calculated;
  const https = config.type === 'HTTPS' || config.type === 'HTTPS_STR_MATCH';
  const matching = config.type === 'HTTP_STR_MATCH' || config.type === 'HTTPS_STR_MATCH';
  return (
    prices.basic +
    (https ? prices.https : 0) +
    (matching ? prices.stringMatching : 0) +
    (config.requestInterval === 10 ? prices.fastInterval : 0)
  );
}

/** The monthly price of all `configs`, rounded to cents. */
export function monthlyCost(configs: readonly HealthCheckConfig[]): number {
  return Math.round(configs.reduce((sum, c) => sum + monthlyPrice(c), 0) * 100) / 100;
}
