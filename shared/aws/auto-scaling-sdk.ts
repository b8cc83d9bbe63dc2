/**
 * The SDK's Auto Scaling client, imported on demand through this file rather
 * than the package itself: a dynamic import of the package would bundle every
 * command it has (clients.ts; the commands come with autoscaling.ts).
 */
export { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
