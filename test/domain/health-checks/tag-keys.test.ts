import { describe, expect, it } from 'vitest';
import {
  healthCheckTags,
  ownerOfTags,
  subjectOfTags,
} from '../../../shared/domain/health-checks/tag-keys.js';

describe('health-check tags', () => {
  it('read back the subject they were written for', () => {
    for (const subject of [
      { service: 'api', region: 'us-east-2', instanceId: 'i-0abc' },
      { service: 'api', region: 'us-east-2', group: 'endpoint-a' },
    ]) {
      const tags = healthCheckTags('prod', subject);
      expect(subjectOfTags(tags)).toStrictEqual(subject);
      expect(ownerOfTags(tags)).toBe('prod');
    }
  });

  it('keep the Name within the 256 characters Route 53 allows a tag value', () => {
    const tags = healthCheckTags('prod', {
      service: 's'.repeat(300),
      region: 'us-east-2',
      group: 'g',
    });
    expect(tags.find((t) => t.Key === 'Name')?.Value).toHaveLength(256);
  });

  it('name no owner, or a missing service, when the tags do not', () => {
    expect(ownerOfTags([{ Key: 'Name', Value: 'x' }])).toBeUndefined();
    expect(subjectOfTags([{ Key: 'rebalancer:region', Value: 'us-east-2' }])).toBe(
      'no rebalancer:service tag',
    );
    expect(subjectOfTags([{ Key: 'rebalancer:service', Value: '' }])).toBe(
      'no rebalancer:service or rebalancer:region tag',
    );
  });
});
