import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/domain/errors.js';
import { toRecordSet, type Route53RecordShape } from '../../shared/formats/aws-shapes.js';

/**
 * What toRecordSet promises the domain: every field a ResourceRecordSet
 * requires is there. Route 53 always fills them, so a record without one is
 * refused by name, never passed on to be compared or deleted half-known.
 */
const NAME = 'api.example.com.';
const alias = {
  HostedZoneId: 'Z0EXAMPLE12345',
  DNSName: 'lb.example.com.',
  EvaluateTargetHealth: true,
};

describe('toRecordSet on an incomplete record', () => {
  it.each<[string, Route53RecordShape, string[]]>([
    ['no type', { Name: NAME }, ['Type: required']],
    [
      'an alias target without its zone',
      { Name: NAME, Type: 'A', AliasTarget: { ...alias, HostedZoneId: undefined } },
      ['AliasTarget.HostedZoneId: required'],
    ],
    [
      'an alias target without a name or health flag',
      { Name: NAME, Type: 'A', AliasTarget: { HostedZoneId: 'Z0EXAMPLE12345' } },
      ['AliasTarget.DNSName: required', 'AliasTarget.EvaluateTargetHealth: required'],
    ],
    [
      'a value without its text',
      { Name: NAME, Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }, {}] },
      ['ResourceRecords[1].Value: required'],
    ],
  ])('refuses %s, naming the record and every missing field', (_, raw, problems) => {
    expect(() => toRecordSet(raw)).toThrow(new InputError(`Route 53 record set ${NAME}`, problems));
  });

  it('takes a complete alias record as it is', () => {
    expect(toRecordSet({ Name: NAME, Type: 'A', AliasTarget: alias })).toStrictEqual({
      Name: NAME,
      Type: 'A',
      AliasTarget: alias,
    });
  });
});
