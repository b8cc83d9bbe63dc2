/**
 * Route 53's health-check calls and CloudWatch's GetMetricData, faked at the
 * client level (aws-sdk-client-mock) over a small store that follows Route
 * 53's documented rules: a create with a known CallerReference and the same
 * settings returns the existing check, with other settings or a deleted
 * check's reference fails HealthCheckAlreadyExists; a delete of a check a
 * record names fails HealthCheckInUse; pages of `pageSize` with NextMarker;
 * tags at most 10 ids a call. Every request is counted by operation.
 */
import type { GetMetricDataCommandInput, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { HealthCheck, HealthCheckConfig, Tag } from '@aws-sdk/client-route-53';
import {
  ChangeTagsForResourceCommand,
  CreateHealthCheckCommand,
  DeleteHealthCheckCommand,
  GetHealthCheckStatusCommand,
  HealthCheckAlreadyExists,
  InvalidInput,
  ListHealthChecksCommand,
  ListTagsForResourcesCommand,
  NoSuchHealthCheck,
  Route53Client,
  Route53ServiceException,
} from '@aws-sdk/client-route-53';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

export interface FakeHealthChecks {
  readonly route53: AwsClientStub<Route53Client>;
  readonly cloudWatch: AwsClientStub<CloudWatchClient>;
  /** Every check, by id, in creation order. */
  readonly checks: Map<string, HealthCheck>;
  readonly tags: Map<string, Tag[]>;
  /** HealthCheckStatus datapoints, newest first, by id. */
  readonly metric: Map<string, number[]>;
  /** Ids whose delete fails HealthCheckInUse. */
  readonly inUse: Set<string>;
  /** Requests by operation name. */
  readonly calls: Record<string, number>;
  /** Adds a check as if someone created it (tags optional). */
  add(id: string, reference: string, config: HealthCheckConfig, tags?: Tag[]): void;
  restore(): void;
}

const META = { $metadata: {} };

function sameSettings(a: HealthCheckConfig | undefined, b: HealthCheckConfig | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fake; `pageSize` caps a ListHealthChecks page below Route 53's 1,000. */
export function fakeHealthChecks(options: { pageSize?: number } = {}): FakeHealthChecks {
  const route53 = mockClient(Route53Client);
  const cloudWatch = mockClient(CloudWatchClient);
  const checks = new Map<string, HealthCheck>();
  const tags = new Map<string, Tag[]>();
  const metric = new Map<string, number[]>();
  const inUse = new Set<string>();
  const deletedReferences = new Set<string>();
  const calls: Record<string, number> = {};
  const counted = (operation: string) => {
    calls[operation] = (calls[operation] ?? 0) + 1;
  };
  let next = 1;

  const add = (id: string, reference: string, config: HealthCheckConfig, own?: Tag[]) => {
    checks.set(id, {
      Id: id,
      CallerReference: reference,
      HealthCheckConfig: config,
      HealthCheckVersion: 1,
    });
    if (own !== undefined) tags.set(id, own);
  };

  route53
    .on(CreateHealthCheckCommand)
    .callsFake((input: { CallerReference: string; HealthCheckConfig: HealthCheckConfig }) => {
      counted('CreateHealthCheck');
      const ref = input.CallerReference;
      const found = [...checks.values()].find((c) => c.CallerReference === ref);
      if (found !== undefined && sameSettings(found.HealthCheckConfig, input.HealthCheckConfig))
        return {
          HealthCheck: found,
          Location: `https://route53.amazonaws.com/2013-04-01/healthcheck/${found.Id}`,
        };
      if (found !== undefined || deletedReferences.has(ref))
        throw new HealthCheckAlreadyExists({
          message: `A health check with CallerReference ${ref} already exists.`,
          ...META,
        });
      const id = `hc-${String(next++).padStart(6, '0')}`;
      add(id, ref, input.HealthCheckConfig);
      return {
        HealthCheck: checks.get(id),
        Location: `https://route53.amazonaws.com/2013-04-01/healthcheck/${id}`,
      };
    });

  route53.on(ListHealthChecksCommand).callsFake((input: { Marker?: string; MaxItems?: number }) => {
    counted('ListHealthChecks');
    const size = Math.min(input.MaxItems ?? 100, 1000, options.pageSize ?? 1000);
    const all = [...checks.values()];
    const start = input.Marker === undefined ? 0 : all.findIndex((c) => c.Id === input.Marker);
    const page = all.slice(Math.max(start, 0), Math.max(start, 0) + size);
    const after = all[Math.max(start, 0) + size];
    return {
      HealthChecks: page,
      Marker: input.Marker ?? '',
      MaxItems: size,
      IsTruncated: after !== undefined,
      ...(after !== undefined && { NextMarker: after.Id }),
    };
  });

  route53.on(ListTagsForResourcesCommand).callsFake((input: { ResourceIds: string[] }) => {
    counted('ListTagsForResources');
    if (input.ResourceIds.length > 10)
      throw new InvalidInput({ message: 'ResourceIds: at most 10', ...META });
    return {
      ResourceTagSets: input.ResourceIds.map((id) => {
        if (!checks.has(id))
          throw new NoSuchHealthCheck({
            message: `No health check exists with the ID ${id}`,
            ...META,
          });
        return { ResourceType: 'healthcheck', ResourceId: id, Tags: tags.get(id) ?? [] };
      }),
    };
  });

  route53
    .on(ChangeTagsForResourceCommand)
    .callsFake((input: { ResourceId: string; AddTags?: Tag[] }) => {
      counted('ChangeTagsForResource');
      if (!checks.has(input.ResourceId))
        throw new NoSuchHealthCheck({
          message: `No health check exists with the ID ${input.ResourceId}`,
          ...META,
        });
      const own = new Map((tags.get(input.ResourceId) ?? []).map((t) => [t.Key, t]));
      for (const tag of input.AddTags ?? []) own.set(tag.Key, tag);
      tags.set(input.ResourceId, [...own.values()]);
      return {};
    });

  route53.on(DeleteHealthCheckCommand).callsFake((input: { HealthCheckId: string }) => {
    counted('DeleteHealthCheck');
    const check = checks.get(input.HealthCheckId);
    if (check === undefined)
      throw new NoSuchHealthCheck({
        message: `No health check exists with the ID ${input.HealthCheckId}`,
        ...META,
      });
    if (inUse.has(input.HealthCheckId))
      // The SDK marks the class deprecated ("This error code is not in use"): see delete in
      // shared/aws/health-checks.ts. Older Route 53 sent it; the fake can, when told to.
      throw new Route53ServiceException({
        name: 'HealthCheckInUse',
        $fault: 'client',
        message: `Health check ${input.HealthCheckId} is still referenced from parent health check(s) or resource record set(s).`,
        ...META,
      });
    deletedReferences.add(check.CallerReference ?? '');
    checks.delete(input.HealthCheckId);
    tags.delete(input.HealthCheckId);
    return {};
  });

  route53.on(GetHealthCheckStatusCommand).callsFake(() => {
    counted('GetHealthCheckStatus');
    return { HealthCheckObservations: [] };
  });

  cloudWatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
    counted('GetMetricData');
    const queries = input.MetricDataQueries ?? [];
    if (queries.length > 500) throw new Error('MetricDataQueries: at most 500');
    const results: MetricDataResult[] = queries.map((q) => {
      const id = q.MetricStat?.Metric?.Dimensions?.[0]?.Value ?? '';
      const values = metric.get(id) ?? [];
      return {
        Id: q.Id,
        Label: 'HealthCheckStatus',
        Values: values,
        Timestamps: values.map(() => new Date(0)),
        StatusCode: 'Complete',
      };
    });
    return { MetricDataResults: results };
  });

  return {
    route53,
    cloudWatch,
    checks,
    tags,
    metric,
    inUse,
    calls,
    add,
    restore: () => {
      route53.restore();
      cloudWatch.restore();
    },
  };
}
