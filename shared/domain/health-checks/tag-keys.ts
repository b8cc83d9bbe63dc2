import type { HealthCheckSubject } from './types.js';

/**
 * The tags that say whose a Route 53 health check is, and what for. The keys
 * follow the project's `rebalancer:` tag prefix (the EC2 member and drain tags)
 * and the records' ownership rule: the owner id alone decides what is ours, so
 * two deployments with different owner ids never claim each other's checks.
 */
export const HEALTH_CHECK_TAG_KEYS = {
  owner: 'rebalancer:owner',
  service: 'rebalancer:service',
  region: 'rebalancer:region',
  instance: 'rebalancer:instance',
  group: 'rebalancer:group',
} as const;

const TAG_VALUE_LIMIT = 256;

/** The console's Name column; written for people, never read back. */
export const NAME_TAG_KEY = 'Name';

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** A tag as AWS returns it: either part may be missing. */
export interface TagRead {
  readonly Key?: string | undefined;
  readonly Value?: string | undefined;
}

/** The tags written on a check of this owner for this subject: owner, service, region, instance or group, and a Name. */
export function healthCheckTags(ownerId: string, subject: HealthCheckSubject): Tag[] {
  const keys = HEALTH_CHECK_TAG_KEYS;
  const what = subject.instanceId ?? subject.group;
  return [
    { Key: keys.owner, Value: ownerId },
    { Key: keys.service, Value: subject.service },
    { Key: keys.region, Value: subject.region },
    ...(subject.instanceId !== undefined
      ? [{ Key: keys.instance, Value: subject.instanceId }]
      : []),
    ...(subject.group !== undefined ? [{ Key: keys.group, Value: subject.group }] : []),
    {
      Key: NAME_TAG_KEY,
      // Route 53 takes tag values of up to 256 characters; the Name is only for people.
      Value: [ownerId, subject.service, subject.region, what]
        .filter(Boolean)
        .join(' ')
        .slice(0, TAG_VALUE_LIMIT),
    },
  ];
}

/** The owner a check's tags name, or undefined when they name none. */
export function ownerOfTags(tags: readonly TagRead[]): string | undefined {
  return tags.find((tag) => tag.Key === HEALTH_CHECK_TAG_KEYS.owner)?.Value;
}

/**
 * The subject a check's tags describe, or what is wrong with them: service and
 * region are required, and exactly one of instance and group.
 */
export function subjectOfTags(tags: readonly TagRead[]): HealthCheckSubject | string {
  const value = (key: string) => tags.find((tag) => tag.Key === key)?.Value;
  const keys = HEALTH_CHECK_TAG_KEYS;
  const service = value(keys.service);
  const region = value(keys.region);
  const instanceId = value(keys.instance);
  const group = value(keys.group);
  const missing = [
    ...(service === undefined || service === '' ? [keys.service] : []),
    ...(region === undefined || region === '' ? [keys.region] : []),
  ];
  if (missing.length > 0) return `no ${missing.join(' or ')} tag`;
  if ((instanceId === undefined) === (group === undefined))
    return `needs exactly one of the ${keys.instance} and ${keys.group} tags`;
  return {
    service: service as string,
    region: region as string,
    ...(instanceId !== undefined && { instanceId }),
    ...(group !== undefined && { group }),
  };
}
