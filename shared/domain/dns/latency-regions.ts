/**
 * The values Route 53 accepts as a latency record's `Region`: the API's
 * ResourceRecordSetRegion enum, copied from the AWS SDK's Route 53 model
 * (@aws-sdk/client-route-53 3.1169.0), in its order. A region-shaped name that
 * is not on the list fails the whole batch, so the config is checked against
 * it too. Which of them a partition serves is not modelled: Route 53 in the
 * commercial partition has refused `us-gov-west-1` ("Cannot find region").
 */
export const LATENCY_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'cn-north-1',
  'cn-northwest-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eusc-de-east-1',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-gov-east-1',
  'us-gov-west-1',
  'us-west-1',
  'us-west-2',
] as const;

export type LatencyRegion = (typeof LATENCY_REGIONS)[number];

const LATENCY_REGION_SET: ReadonlySet<string> = new Set(LATENCY_REGIONS);

/** True exactly for the values in LATENCY_REGIONS. */
export function isLatencyRegion(value: string): value is LatencyRegion {
  return LATENCY_REGION_SET.has(value);
}
