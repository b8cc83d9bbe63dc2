/*
 * Route 53's facts about health checks that the plan depends on: where the
 * checkers run, how fast checks may be created, and what they cost.
 */

/** Route 53's health-checker regions (the API's HealthCheckRegion values); a check names at least 3. */
export const HEALTH_CHECKER_REGIONS = [
  'us-east-1',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1',
] as const;

/**
 * Creates per reconcile. CreateHealthCheck refills about 0.5 calls a second
 * with a burst of 50, shared by the whole account. 20 creates spend 40% of a
 * full bucket and are earned back in 40 s, so two reconciles back to back
 * (a scale-out event, then its retry) still fit in the burst with room left
 * for other callers, and a fleet of 1,000 new addresses is covered in 50
 * reconciles instead of failing one on throttling.
 */
export const MAX_CREATES_PER_RECONCILE = 20;

/**
 * Route 53's published monthly prices in US dollars (aws.amazon.com/route53/pricing,
 * "Health checks", as of 2026): a basic check of an AWS endpoint (an EC2 address
 * is one) 0.50, and 1.00 more for each optional feature (HTTPS, string
 * matching, the 10 s fast interval); calculated checks are billed as basic
 * checks. The free allowance for AWS endpoints is not subtracted: the figure is
 * what the checks cost at most.
 */
export const HEALTH_CHECK_PRICES = {
  source: 'https://aws.amazon.com/route53/pricing/ (Health checks, AWS endpoints)',
  basic: 0.5,
  calculated: 0.5,
  https: 1,
  stringMatching: 1,
  fastInterval: 1,
} as const;
