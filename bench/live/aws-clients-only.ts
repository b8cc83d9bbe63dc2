/**
 * A second cold-start yardstick (bench/cold-start.ts): the AWS clients a
 * reconcile loads at a cold start (Route 53, EC2, CloudWatch), with the
 * commands and paginators shared/aws uses at load, and none of the project's
 * code: the least a reconcile that reads EC2 and CloudWatch and writes Route 53
 * can load in. Auto Scaling, SQS and the health-check calls are loaded when
 * first used (shared/aws/clients.ts, sqs-send.ts, shared/runtime/lazy-*.ts).
 */
export {
  CloudWatchClient,
  paginateDescribeAlarms,
  paginateGetMetricData,
} from '@aws-sdk/client-cloudwatch';
export {
  CreateTagsCommand,
  EC2Client,
  paginateDescribeInstanceStatus,
  paginateDescribeInstanceTypes,
  paginateDescribeInstances,
} from '@aws-sdk/client-ec2';
export {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  waitUntilResourceRecordSetsChanged,
} from '@aws-sdk/client-route-53';
