/** The cold-start yardstick (bench/cold-start.ts): a function bundle that loads the Route 53 client and nothing else. */
export { Route53Client } from '@aws-sdk/client-route-53';
